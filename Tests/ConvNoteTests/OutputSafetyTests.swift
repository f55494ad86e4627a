import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import ConvNote

/// Ways in which a build could delete a file it does not own, keep stale pages, or stop:
/// names the manifest cannot list, renames between Unicode forms, other builds' temporary
/// files, FIFOs in the cache, copied binaries and unreadable pages.
@Suite struct OutputSafetyTests {
    @Test func lineBreakInNameIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/draft\nCNAME.md", "# Draft\n")
        try folder.write("output/CNAME.md", "hand-written\n")

        let result = try folder.run("build")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("draft\\nCNAME.md: the path contains a line break"), "\(result)")
        #expect(try folder.read("output/CNAME.md") == "hand-written\n")
    }

    @Test func renameBetweenUnicodeFormsRemovesOldPages() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        try folder.write("notes/\(composed).md", "# Caf\u{E9}\n")
        let first = try folder.run("build")
        try FileManager.default.moveItem(atPath: folder.url.path + "/notes/\(composed).md",
                                         toPath: folder.url.path + "/notes/\(decomposed).md")

        let second = try folder.run("build")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path + "/output")
            .filter { $0.hasSuffix(".html") && $0 != "index.html" }

        #expect(first.status == 0, "\(first)")
        #expect(second.status == 0, "\(second)")
        #expect(names.map { Array($0.utf8) } == [Array("\(decomposed).html".utf8)])
    }

    @Test func temporaryFileNamesAreParsed() {
        #expect(AtomicFile.temporaryFileOwner(".a.html.convnote-123-456") == 123)
        #expect(AtomicFile.temporaryFileOwner(".a.convnote-b.md.convnote-7-0") == 7)
        #expect(AtomicFile.temporaryFileOwner(".notes.convnote-backup") == nil)
        #expect(AtomicFile.temporaryFileOwner(".a.convnote-12") == nil)
        #expect(AtomicFile.temporaryFileOwner(".a.convnote-12-x") == nil)
        #expect(AtomicFile.temporaryFileOwner(".a.convnote--1-2") == nil)
        #expect(AtomicFile.temporaryFileOwner("a.convnote-1-2") == nil)
        #expect(AtomicFile.temporaryFileOwner("..convnote-1-2") == nil)
    }

    @Test func onlyDeadBuildsTemporaryFilesAreRemoved() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        // A process ID above the kernel's maximum (4 194 304) belongs to no process.
        try folder.write("output/.a.html.convnote-99999999-1", "left by a killed build")
        try folder.write("output/.a.html.convnote-\(getpid())-1", "a build that still runs")
        try folder.write("output/.notes.convnote-backup", "the user's own file")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(!folder.exists("output/.a.html.convnote-99999999-1"))
        #expect(folder.exists("output/.a.html.convnote-\(getpid())-1"))
        #expect(folder.exists("output/.notes.convnote-backup"))
    }

    @Test func folderNamedLikeTemporaryFileSurvives() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("output/.a.html.convnote-99999999-1/keep.txt", "the user's folder")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("output/.a.html.convnote-99999999-1/keep.txt") == "the user's folder")
    }

    /// A home page of the author's own, `index.md`, replaces the generated index, but the
    /// build still covers whole folders, so it keeps a manifest and deletes removed notes' pages.
    @Test func ownIndexKeepsManifest() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/index.md", "# Home\n")
        try folder.write("notes/gone.md", "# Gone\n")
        _ = try folder.run("build")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/gone.md"))

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("output/.convnote-manifest") == "index.html\nindex.md\n")
        #expect(!folder.exists("output/gone.html"))
        #expect(!folder.exists("output/gone.md"))
    }

    /// A checkout with core.autocrlf gives the committed manifest CR LF line endings.
    @Test func manifestWithCRLFIsRead() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/gone.md", "# Gone\n")
        _ = try folder.run("build")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/gone.md"))
        let manifest = try folder.read("output/.convnote-manifest")
        try folder.write("output/.convnote-manifest", manifest.replacingOccurrences(of: "\n", with: "\r\n"))

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(!folder.exists("output/gone.html"))
        #expect(try folder.read("output/.convnote-manifest") == "a.html\na.md\nindex.html\n")
    }

    @Test func pageNameNearLimitIsWritten() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        // 250 bytes with ".html": a temporary name with the page's whole name would pass 255.
        let stem = String(repeating: "a", count: 240) + "\u{E9}\u{E9}\u{E9}"
        try folder.write("notes/\(stem).md", "# Long\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("output/\(stem).html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path + "/output").filter { $0.contains(".convnote-") && $0 != ".convnote-manifest" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func fifoInCacheDoesNotBlock() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nText.\n")
        let first = try folder.run("build")
        let cache = folder.url.appendingPathComponent(".convnote-cache")
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".entry") })
        try FileManager.default.removeItem(at: cache.appendingPathComponent(entry))
        #expect(mkfifo(cache.appendingPathComponent(entry).path, 0o644) == 0)

        let timeout = try #require(Convnote.program(named: "timeout"), "coreutils timeout is needed to bound a hang")
        let second = try Convnote.runProgram(timeout, ["60", try Convnote.binary().path, "build"], in: folder.url)

        #expect(first.status == 0, "\(first)")
        #expect(second.status == 0, "\(second)")
        #expect(second.standardError.contains("(1 rebuilt, 0 cached"), "\(second)")
    }

    @Test func copiedBinaryDoesNotShareCache() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        // Two copies with the same size and modification time, as `cp -p` makes them.
        let cp = try #require(Convnote.program(named: "cp"))
        let binary = try Convnote.binary().path
        _ = try Convnote.runProgram(cp, ["-p", binary, "first"], in: folder.url)
        _ = try Convnote.runProgram(cp, ["-p", binary, "second"], in: folder.url)

        let first = try Convnote.runProgram(folder.url.appendingPathComponent("first"), ["build"], in: folder.url)
        let again = try Convnote.runProgram(folder.url.appendingPathComponent("first"), ["build"], in: folder.url)
        let second = try Convnote.runProgram(folder.url.appendingPathComponent("second"), ["build"], in: folder.url)

        #expect(first.standardError.contains("(1 rebuilt, 0 cached"), "\(first)")
        #expect(again.standardError.contains("(0 rebuilt, 1 cached"), "\(again)")
        #expect(second.standardError.contains("(1 rebuilt, 0 cached"), "\(second)")
    }

    @Test func replacedPageStaysReadable() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        _ = try folder.run("build")
        let page = folder.url.appendingPathComponent("output/a.html").path
        try folder.write("output/a.html", "stale")
        #expect(chmod(page, 0) == 0)

        let result = try folder.run("build")
        var status = stat()
        #expect(stat(page, &status) == 0)

        #expect(result.status == 0, "\(result)")
        #expect(status.st_mode & 0o777 == 0o400)
    }
}
