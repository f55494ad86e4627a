import Foundation
import Testing

/// Links between notes: a link to a note that the build writes no page for is a warning at
/// the link, and a link whose destination has a space is checked and encoded.
@Suite struct NoteLinkTests {
    @Test func linkOutsideFolderWarns() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [o](../outside.md) and [u](sub/../../outside.md#x).\n")
        try folder.write("notes/sub/s.md", "# S\n\n[up](../a.md) and [out](../../outside.md).\n")
        try folder.write("outside.md", "# Outside\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:9: warning: no page will be written for ../outside.md, because it lies outside notes, the folder being built"),
            "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:32: warning: no page will be written for sub/../../outside.md, because it lies outside notes, the folder being built"),
            "\(result)")
        #expect(result.standardError.contains(
            "notes/sub/s.md:3:25: warning: no page will be written for ../../outside.md, because it lies outside notes, the folder being built"),
            "\(result)")
        #expect(!result.standardError.contains("../a.md"), "\(result)")
    }

    @Test func linkOutsideKeepsPageLink() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [o](../outside.md).\n")
        try folder.write("outside.md", "# Outside\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("output/a.html").contains("<a href=\"../outside.html\">o</a>"))
        #expect(try folder.read("output/a.md").contains("[o](../outside.md)"))
        #expect(!folder.exists("output/../outside.html"))
    }

    @Test func linkIntoDotFolderWarns() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [d](.drafts/d.md).\n")
        try folder.write("notes/.drafts/d.md", "# D\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:9: warning: no page will be written for .drafts/d.md, because convnote skips the folder .drafts, whose name starts with a dot"),
            "\(result)")
    }

    /// Discovery skips symbolic links below the notes folder, so a link to a note through one
    /// would be dead in the pages.
    @Test func linkThroughSymbolicLinkWarns() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("elsewhere/b.md", "# B\n")
        try folder.write("notes/a.md", "# A\n\nSee [b](linked/b.md), [c](c.md) and [a](a.md).\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes/linked", withDestinationPath: "../elsewhere")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes/c.md", withDestinationPath: "../elsewhere/b.md")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:9: warning: no page will be written for linked/b.md, because notes/linked is a symbolic link"), "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:27: warning: no page will be written for c.md, because notes/c.md is a symbolic link"), "\(result)")
        #expect(!result.standardError.contains("for a.md"), "\(result)")
    }

    @Test func linkInsideFolderIsQuiet() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [b](b.md), [c](sub/c.md#part) and [j](<with space.md>).\n")
        try folder.write("notes/b.md", "# B\n")
        try folder.write("notes/sub/c.md", "# C\n\nBack to [a](../a.md).\n")
        try folder.write("notes/with space.md", "# With space\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(!result.standardError.contains("warning"), "\(result)")
        #expect(try folder.read("output/a.html").contains("<a href=\"with%20space.html\">j</a>"))
        #expect(folder.exists("output/with space.html"))
    }

    @Test func missingNoteWithSpaceIsLocated() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [j](<no such.md>).\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/a.md:3:10: error: the link to no such.md points to no file"), "\(result)")
    }
}
