import Foundation
import Testing
@testable import ConvNote

/// Output folders that overlap the notes, by any spelling or link, and output paths that
/// are not directories: a build must stop before it writes or deletes a note.
@Suite struct OutputFolderTests {
    @Test func outputContainingNotesIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/x.md", "# Mine\n")
        try folder.write("notes/notes/x.md", "# Other\n")

        let result = try folder.run("build", "-o", ".")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(
            "the output directory . contains the notes directory notes, so building would overwrite or delete notes"), "\(result)")
        #expect(result.standardError.contains("choose an output directory outside notes with -o"), "\(result)")
        #expect(try folder.read("notes/x.md") == "# Mine\n")
        #expect(try folder.read("notes/notes/x.md") == "# Other\n")
        #expect(!folder.exists("x.html"))
    }

    @Test func parentSpellingIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/x.md", "# Mine\n")

        let result = try folder.run("build", "-o", "notes/sub/../..")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("the output directory notes/sub/../.. contains the notes directory notes"), "\(result)")
        #expect(!folder.exists("x.html"))
    }

    /// Builds that once deleted a note through the manifest: a first build into a folder
    /// above the notes, then a note appears where that build wrote an output.
    @Test func manifestNeverDeletesNote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/notes/x.md", "# Other\n")
        let first = try folder.run("build", "-o", ".")
        try folder.write("notes/x.md", "# Mine\n")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/notes/x.md"))

        let second = try folder.run("build", "-o", ".")

        #expect(first.status == 2, "\(first)")
        #expect(second.status == 2, "\(second)")
        #expect(try folder.read("notes/x.md") == "# Mine\n")
    }

    @Test func outputLinkToNotesIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let note = "# A\n\nSome *text* and $x$.\n"
        try folder.write("notes/a.md", note)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out").path, withDestinationPath: "notes")

        let folderBuild = try folder.run("build", "-o", "out")
        let fileBuild = try folder.run("build", "notes/a.md", "-o", "out")

        #expect(folderBuild.status == 2, "\(folderBuild)")
        #expect(folderBuild.standardError.contains("the output directory out is the notes directory notes (both are "), "\(folderBuild)")
        #expect(fileBuild.status == 2, "\(fileBuild)")
        #expect(fileBuild.standardError.contains("notes/a.md lies inside the output directory out"), "\(fileBuild)")
        #expect(try folder.read("notes/a.md") == note)
        #expect(!folder.exists("notes/index.html"))
    }

    @Test func outputInsideNotesStaysAllowed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")

        let result = try folder.run("build", "notes", "-o", "notes/./site")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("notes/site/a.html"))
    }

    @Test func repeatedPathsCountOnce() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("alias").path, withDestinationPath: "notes")

        let result = try folder.run("build", "notes", "notes", "./notes/", "alias", "notes/a.md")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("Built 1 note ("), "\(result)")
        #expect(!result.standardError.contains("would both write"), "\(result)")
    }

    /// The last guard below the folder checks: an output path that is a note is neither
    /// written nor deleted.
    @Test func storeNeverTouchesNote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("site/a.md", "# Note\n")
        let note = folder.url.appendingPathComponent("site/a.md")
        var outputs = OutputSet()
        outputs.add("a.md", "# Rendered\n")

        var stamps: OutputStamps?
        #expect(throws: CommandError.self) {
            _ = try OutputStore.write(outputs, to: folder.url.appendingPathComponent("site"),
                                      protecting: [RealPath.resolve(note.path)], stamps: &stamps)
        }
        OutputStore.delete("a.md", in: folder.url.appendingPathComponent("site"), protecting: [RealPath.resolve(note.path)])
        #expect(try folder.read("site/a.md") == "# Note\n")
    }

    @Test func realPathResolvesLinksAndParents() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("real/a.md", "# A\n")
        let base = RealPath.resolve(folder.url.path)
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: "real/later/deeper")

        #expect(RealPath.resolve(base + "/link/a.md") == base + "/real/a.md")
        #expect(RealPath.resolve(base + "/link/../real/./a.md") == base + "/real/a.md")
        #expect(RealPath.resolve(base + "/missing/../real") == base + "/real")
        #expect(RealPath.resolve(base + "/dangling/x") == base + "/real/later/deeper/x")
    }

    @Test func outputThatIsFileIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("site", "not a folder\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")

        let file = try folder.run("build", "-o", "site")
        let dangling = try folder.run("build", "-o", "dangling")
        let checkFile = try folder.run("check", "-o", "site")

        #expect(file.status == 3, "\(file)")
        #expect(file.standardError.contains(
            "convnote: error: the output directory site is a file, not a directory; choose another output directory with -o"), "\(file)")
        #expect(dangling.status == 3, "\(dangling)")
        #expect(dangling.standardError.contains(
            "convnote: error: the output directory dangling is a symbolic link to nowhere, which does not exist"), "\(dangling)")
        #expect(checkFile.status == 3, "\(checkFile)")
        for result in [file, dangling, checkFile] {
            #expect(!result.standardError.contains("The operation could not be completed"), "\(result)")
        }
        #expect(try folder.read("site") == "not a folder\n")
    }

    @Test func outputSubfolderThatIsFileIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/sub/a.md", "# A\n")
        try folder.write("output/sub", "in the way\n")

        let result = try folder.run("build")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("/output/sub is a file, not a directory; move it away or write elsewhere"), "\(result)")
        #expect(!result.standardError.contains("The operation could not be completed"), "\(result)")
    }

    /// Notes `b.md`, `n/b.md` and `n/c.md`, and the output folder `out2` with the symbolic link
    /// `out2/n` to `target`, so that the outputs of the notes in `n` would go through it.
    private func linkedOutputFolder(target: String) throws -> NoteFolder {
        let folder = try NoteFolder()
        try folder.write("notes/b.md", "# B\n")
        try folder.write("notes/n/b.md", "# N B\n")
        try folder.write("notes/n/c.md", "# N C\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out2/n").path, withDestinationPath: target)
        return folder
    }

    @Test func outputLinkIntoNotesWritesNothing() throws {
        let folder = try linkedOutputFolder(target: "../notes")
        defer { folder.remove() }
        let notesBefore = try folder.files(under: "notes")

        let build = try folder.run("build", "-o", "out2")
        let check = try folder.run("check", "-o", "out2")

        #expect(build.status == 3, "\(build)")
        #expect(build.standardError.contains(
            "convnote: error: cannot write out2/n/b.html: out2/n is a symbolic link to ../notes ("), "\(build)")
        #expect(build.standardError.contains(
            "/notes), which leads outside the output directory out2; remove the link, or choose another output directory with -o"),
            "\(build)")
        #expect(try folder.files(under: "notes") == notesBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out2").path) == ["n"])
        #expect(check.status == 3, "\(check)")
        #expect(check.standardError.contains("cannot write out2/n/b.html: out2/n is a symbolic link to ../notes ("), "\(check)")
    }

    @Test func outputLinkElsewhereWritesNothing() throws {
        let folder = try linkedOutputFolder(target: "../elsewhere")
        defer { folder.remove() }
        try folder.write("elsewhere/keep.txt", "kept\n")

        let result = try folder.run("build", "-o", "out2")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("cannot write out2/n/b.html: out2/n is a symbolic link to ../elsewhere ("), "\(result)")
        #expect(try folder.files(under: "elsewhere") == ["keep.txt": Data("kept\n".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out2").path) == ["n"])
    }

    /// A link that no output goes through is left alone, and the cleanup of temporary files
    /// does not follow it.
    @Test func unusedOutputLinkIsNotFollowed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("elsewhere/.a.html.convnote-1-2", "not convnote's\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out2/e").path, withDestinationPath: "../elsewhere")

        let result = try folder.run("build", "-o", "out2")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("elsewhere/.a.html.convnote-1-2") == "not convnote's\n")
        #expect(folder.exists("out2/a.html"))
    }

    @Test func outputLinkInsideOutputIsAllowed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/n/c.md", "# N C\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out2/real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out2/n").path, withDestinationPath: "real")

        let result = try folder.run("build", "-o", "out2")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("out2/real/c.html"))
        #expect(folder.exists("out2/real/c.md"))
    }

    /// `out2/n` linked to `out2` itself makes `n/b.html` and `b.html` one file, so one note's
    /// page would overwrite the other's.
    @Test func outputLinkMergingPagesIsRejected() throws {
        let folder = try linkedOutputFolder(target: ".")
        defer { folder.remove() }

        let result = try folder.run("build", "-o", "out2")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains(
            "cannot write out2/n/b.html: it is the same file as out2/b.html through the symbolic link out2/n to . ("), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out2").path) == ["n"])
    }

    /// A removed note whose output folder was replaced by a link: the manifest still lists
    /// its pages, and the build must not delete them through the link.
    @Test func manifestNeverDeletesThroughLink() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/n/old.md", "# Old\n")
        let first = try folder.run("build", "-o", "out2")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/n"))
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("out2/n"), to: folder.url.appendingPathComponent("elsewhere"))
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out2/n").path, withDestinationPath: "../elsewhere")
        let elsewhereBefore = try folder.files(under: "elsewhere")

        let check = try folder.run("check", "-o", "out2")
        let second = try folder.run("build", "-o", "out2")

        #expect(first.status == 0, "\(first)")
        #expect(elsewhereBefore.keys.sorted() == ["old.html", "old.md"])
        #expect(!check.standardError.contains("belongs to no note any more"), "\(check)")
        #expect(second.status == 0, "\(second)")
        #expect(try folder.files(under: "elsewhere") == elsewhereBefore)
        #expect(try folder.read("out2/.convnote-manifest") == "a.html\na.md\nindex.html\n")
    }

    @Test func deleteSkipsPathThroughLink() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("elsewhere/x.html", "not convnote's\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("out2/n").path, withDestinationPath: "../elsewhere")

        OutputStore.delete("n/x.html", in: folder.url.appendingPathComponent("out2"), protecting: [])

        #expect(try folder.read("elsewhere/x.html") == "not convnote's\n")
    }
}
