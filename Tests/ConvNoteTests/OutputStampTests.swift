import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import ConvNote

/// Tests of output stamps, which let a rebuild skip reading unchanged pages. Each test edits
/// the output folder behind convnote's back and checks that the next build still notices.
@Suite struct OutputStampTests {
    /// Writes two notes, builds them, waits until the pages are old enough to be stamped,
    /// and builds again so that the stamps are recorded.
    private func stampedFolder() throws -> NoteFolder {
        let folder = try NoteFolder()
        try folder.write("notes/a.md", "# A\n\n```conv\nx = [1 2 3]\nw = [1 1]\n```\n\n{{ y }}\n")
        try folder.write("notes/b.md", "# B\n")
        let first = try folder.run("build")
        #expect(first.status == 0, "\(first)")
        Thread.sleep(forTimeInterval: Double(OutputStamps.settlingTime) / 1e9 + 0.5)
        let second = try folder.run("build")
        #expect(second.standardError.contains("(0 rebuilt, 2 cached, 0 files written)"), "\(second)")
        return folder
    }

    /// Returns the stamp file's lines below its two header lines.
    private func stampLines(_ folder: NoteFolder) throws -> [String] {
        let cache = folder.url.appendingPathComponent(".convnote-cache")
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".stamps") }
        let name = try #require(names.first)
        #expect(names.count == 1)
        return try folder.read(".convnote-cache/" + name).split(separator: "\n").dropFirst(2).map(String.init)
    }

    @Test func settledPagesAreStamped() throws {
        let folder = try stampedFolder()
        defer { folder.remove() }

        let stamped = try stampLines(folder).map { $0.split(separator: "\t")[0] }

        #expect(stamped == ["a.html", "a.md", "b.html", "b.md"])
    }

    @Test func editKeepingSizeAndTimeIsRestored() throws {
        let folder = try stampedFolder()
        defer { folder.remove() }
        let page = folder.url.appendingPathComponent("output/a.html")
        let original = try Data(contentsOf: page)
        var before = stat()
        #expect(lstat(page.path, &before) == 0)

        // Same size, same inode, and the old modification time put back: only the
        // status-change time shows that the file changed.
        let handle = try FileHandle(forWritingTo: page)
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: 8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, page.path, &times, 0) == 0)

        let rebuild = try folder.run("build")

        #expect(rebuild.standardError.contains("(0 rebuilt, 2 cached, 1 files written)"), "\(rebuild)")
        #expect(try Data(contentsOf: page) == original)
    }

    @Test func replacedPageIsRestored() throws {
        let folder = try stampedFolder()
        defer { folder.remove() }
        let original = try folder.data("output/b.md")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("output/b.md"))
        try folder.write("output/b.md", String(decoding: original.map { $0 == UInt8(ascii: "B") ? UInt8(ascii: "C") : $0 }, as: UTF8.self))

        let rebuild = try folder.run("build")

        #expect(rebuild.standardError.contains("1 files written"), "\(rebuild)")
        #expect(try folder.data("output/b.md") == original)
    }

    @Test func stampsOfRemovedFoldersArePruned() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        let cache = folder.url.appendingPathComponent(".convnote-cache")
        let stampFiles = { try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".stamps") } }

        _ = try folder.run("build", "-o", "first")
        _ = try folder.run("build", "-o", "second")
        let both = try stampFiles()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("second"))
        _ = try folder.run("build", "-o", "first")
        let kept = try stampFiles()

        #expect(both.count == 2)
        #expect(kept.count == 1)
        let header = try folder.read(".convnote-cache/" + (kept.first ?? "")).split(separator: "\n").prefix(2)
        #expect(Array(header) == ["convnote-stamps 2", Substring(RealPath.resolve(folder.url.path + "/first"))])
    }

    @Test func noCacheBuildWritesNoStamps() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")

        let result = try folder.run("build", "--no-cache")

        #expect(result.status == 0, "\(result)")
        #expect(!folder.exists(".convnote-cache"))
    }
}
