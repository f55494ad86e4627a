import Foundation
import Testing

/// A build that cannot write one file must leave the output folder so that the next
/// build can still clean it up, and a fresh output folder must never fail.
@Suite struct FailedWriteTests {
    /// The failed build keeps the old manifest, which still lists the deleted note's pages,
    /// so the build after the fix deletes them.
    @Test func pagesOfADeletedNoteGoAfterAFailedBuild() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for name in ["a", "b", "c"] { try folder.write("notes/\(name).md", "# \(name)\n\nText \(name).\n") }
        #expect(try folder.run("build").status == 0)

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/b.md"))
        try folder.write("notes/c.md", "# c\n\nText c, changed.\n")
        let blocked = folder.url.appendingPathComponent("output/c.html")
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        let failed = try folder.run("build")
        #expect(failed.status == 3, "\(failed)")

        try FileManager.default.removeItem(at: blocked)
        let fixed = try folder.run("build")

        #expect(fixed.status == 0, "\(fixed)")
        #expect(!folder.exists("output/b.html"))
        #expect(!folder.exists("output/b.md"))
        #expect(try folder.read("output/c.md").contains("changed"))
    }

    /// Many notes in nested folders, built into an output folder that does not exist yet:
    /// every build must succeed and write every page.
    @Test func nestedFreshOutputFoldersAlwaysBuild() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for index in 0..<24 { try folder.write("notes/s\(index % 4)/t\(index)/a.md", "# A\n\nText.\n") }

        for _ in 0..<5 {
            try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("output"))
            let result = try folder.run("build", "--no-cache")
            #expect(result.status == 0, "\(result)")
            #expect(folder.exists("output/s3/t23/a.html"))
        }
    }
}
