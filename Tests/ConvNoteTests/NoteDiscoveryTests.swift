import Foundation
import Testing
@testable import ConvNote

/// What the walk of a notes folder finds: the order, the names it skips and keeps byte for
/// byte, and the paths it gives each note, which later steps rely on instead of asking the
/// file system again.
@Suite struct NoteDiscoveryTests {
    @Test func notesAreSortedByOutputStemAtAnyDepth() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for name in ["b", "a/z", "a", "A", "a-b", "a b", "a/b/c", "ab/x", "z", "10", "9", "deep/1/2/3/n"] {
            try folder.write("notes/\(name).md", "# \(name)\n")
        }

        let found = try NoteDiscovery.notes(in: [folder.url.path + "/notes"], outputDirectory: folder.url.path + "/output")

        #expect(found.notes.map(\.outputStem)
            == ["10", "9", "A", "a", "a b", "a-b", "a/b/c", "a/z", "ab/x", "b", "deep/1/2/3/n", "z"])
        #expect(found.notes.first { $0.outputStem == "a/b/c" }?.displayPath == folder.url.path + "/notes/a/b/c.md")
    }

    /// The folder named on the command line may itself be a link; links below it are not
    /// followed.
    @Test func linkedNotesFolderIsFollowed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("real/a.md", "# A\n")
        try folder.write("real/sub/b.md", "# B\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes", withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/real/linked", withDestinationPath: "sub")

        let found = try NoteDiscovery.notes(in: [folder.url.path + "/notes"], outputDirectory: folder.url.path + "/output")
        let result = try folder.run("build", "notes")

        #expect(found.notes.map(\.outputStem) == ["a", "sub/b"])
        #expect(found.notes.first?.displayPath == folder.url.path + "/notes/a.md")
        #expect(found.notes.first?.realPath == RealPath.resolve(folder.url.path + "/real/a.md"))
        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("output/sub/b.html"))
        #expect(!folder.exists("output/linked"))
    }

    @Test func onlyVisibleMarkdownFilesAreNotes() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for name in ["ok.md", "sub/ok.md", ".hidden.md", "sub/.hidden.md", ".drafts/d.md", "sub/.drafts/d.md",
                     "upper.MD", "note.md.txt", "md", "x.md/inner.md", "sub/inner.md/deeper.md"] {
            try folder.write("notes/" + name, "# N\n")
        }

        let found = try NoteDiscovery.notes(in: [folder.url.path + "/notes"], outputDirectory: folder.url.path + "/output")

        #expect(found.notes.map(\.outputStem) == ["ok", "sub/inner.md/deeper", "sub/ok", "x.md/inner"])
    }

    @Test func skippedLinksAreThoseThatLookLikeNotesOrFolders() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/sub/b.md", "# B\n")
        try folder.write("real/c.md", "# C\n")
        try folder.write("real/c.txt", "text\n")
        for (link, target) in [("notes/c.md", "../real/c.md"), ("notes/folder", "../real"), ("notes/text", "../real/c.txt"),
                               ("notes/gone.md", "nowhere.md"), ("notes/gone", "nowhere"), ("notes/sub/up", ".."),
                               ("notes/.hidden.md", "../real/c.md")] {
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(link).path, withDestinationPath: target)
        }

        let notes = folder.url.path + "/notes"
        let found = try NoteDiscovery.notes(in: [notes], outputDirectory: folder.url.path + "/output")

        #expect(found.notes.map(\.outputStem) == ["a", "sub/b"])
        // The order is the file system's, so the test compares sets.
        #expect(Set(found.skippedLinks) == Set(["c.md", "folder", "gone.md", "sub/up", ".hidden.md"].map { notes + "/" + $0 }))
    }

    @Test func nonASCIINamesKeepTheirBytes() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let composed = "caf\u{E9}"
        let decomposed = "nai\u{308}ve"
        try folder.write("notes/\(composed).md", "# A\n")
        try folder.write("notes/\u{3A9}/\(decomposed).md", "# B\n")

        let notes = folder.url.path + "/notes"
        let found = try NoteDiscovery.notes(in: [notes], outputDirectory: folder.url.path + "/output")

        let stems = found.notes.map { Array($0.outputStem.utf8) }
        #expect(stems == [Array(composed.utf8), Array("\u{3A9}/\(decomposed)".utf8)])
        #expect(found.notes.map { Array($0.path.utf8) }
            == [Array("\(notes)/\(composed).md".utf8), Array("\(notes)/\u{3A9}/\(decomposed).md".utf8)])
    }

    /// Later steps use `path` and `realPath` in place of `url.path` and resolving it again.
    @Test func notePathsAgreeWithTheirURLAndRealPath() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("real/notes/a.md", "# A\n")
        try folder.write("real/notes/sub/b.md", "# B\n")
        try folder.write("real/notes/\u{600}x/c.md", "# C\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/via", withDestinationPath: "real")

        let found = try NoteDiscovery.notes(
            in: [folder.url.path + "/via/notes/sub/..", folder.url.path + "/via/notes/sub/b.md"],
            outputDirectory: folder.url.path + "/output")

        #expect(found.notes.map(\.outputStem) == ["a", "sub/b", "\u{600}x/c", "b"])
        for note in found.notes {
            #expect(note.path == note.url.path)
            #expect(note.url.standardizedFileURL.path == note.path)
            #expect(note.realPath == RealPath.resolve(note.url.path))
            #expect(note.realPath.hasPrefix(RealPath.resolve(folder.url.path) + "/real/notes/"))
        }
    }

    @Test func lookAlikeFolderNamesAreReported() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/caf\u{E9}/x.md", "# A\n")
        try folder.write("notes/cafe\u{301}/x.md", "# B\n")

        let result = try folder.run("build")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("would both write"), "\(result)")
        #expect(result.standardError.contains("differ only in how their accents are encoded"), "\(result)")
    }

    /// No String names a file whose name is not UTF-8, so such a file can be neither read
    /// nor written. It is left out rather than failing the build.
    @Test func nameThatIsNotUTF8IsSkipped() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        let path = Array(folder.url.path.utf8) + Array("/notes/bad".utf8) + [0xFF] + Array(".md".utf8)
        let descriptor = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            open($0.baseAddress!, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        }
        try #require(descriptor >= 0)
        close(descriptor)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("Built 1 note ("), "\(result)")
    }

    @Test func fifoInsideFolderIsSkipped() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        #expect(mkfifo(folder.url.appendingPathComponent("notes/pipe.md").path, 0o644) == 0)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("Built 1 note ("), "\(result)")
    }
}

/// Link checks decode, join and standardize paths as the `URL` calls they replace did.
@Suite struct NoteLinkCheckTests {
    @Test func percentEncodedLinksAreDecoded() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\n[s](with%20space.md) [o](%2E%2E/outside.md) [m](no%20such.md)\n")
        try folder.write("notes/with space.md", "# S\n")
        try folder.write("outside.md", "# O\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(!result.standardError.contains("with%20space.md"), "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:26: warning: no page will be written for %2E%2E/outside.md, because it lies outside notes, the folder being built"),
            "\(result)")
        #expect(result.standardError.contains("notes/a.md:3:49: error: the link to no%20such.md points to no file"), "\(result)")
    }

    @Test func dotPartsAreRemovedBeforeTheFolderChecks() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/sub/s.md", "# S\n\n[a](./../a.md) [b](../.drafts/../b.md) [d](.././.drafts/d.md)\n")
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/b.md", "# B\n")
        try folder.write("notes/.drafts/d.md", "# D\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 0, "\(result)")
        #expect(!result.standardError.contains("../a.md"), "\(result)")
        #expect(!result.standardError.contains(".drafts/../b.md"), "\(result)")
        #expect(result.standardError.contains(
            "notes/sub/s.md:3:44: warning: no page will be written for .././.drafts/d.md, because convnote skips the folder .drafts"),
            "\(result)")
    }

    /// The file system decides whether the target exists, and it follows a link before `..`.
    /// Whether the target lies in the folder being built is decided on the path as written,
    /// and a linked folder on that path gets a warning, because discovery does not enter it.
    @Test func linkThroughLinkedFolder() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\n[o](elsewhere/o.md) [b](elsewhere/../b.md)\n")
        try folder.write("notes/b.md", "# B\n")
        try folder.write("other/o.md", "# O\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes/elsewhere", withDestinationPath: "../other")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains(
            "notes/a.md:3:5: warning: no page will be written for elsewhere/o.md, because notes/elsewhere is a symbolic link"),
            "\(result)")
        #expect(result.standardError.contains("notes/a.md:3:25: error: the link to elsewhere/../b.md points to no file"), "\(result)")
    }

    @Test func noteNamedDirectlyIsItsOwnFolder() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/sub/s.md", "# S\n\n[a](../a.md)\n")
        try folder.write("notes/a.md", "# A\n")

        let named = try folder.run("check", "--diagnostics", "gcc", "notes/sub/s.md")
        let fromFolder = try Convnote.run(["check", "--diagnostics", "gcc", "s.md"], in: folder.url.appendingPathComponent("notes/sub"))

        #expect(named.standardError.contains(
            "notes/sub/s.md:3:5: warning: no page will be written for ../a.md, because it lies outside notes/sub, the folder being built"),
            "\(named)")
        #expect(fromFolder.standardError.contains(
            "s.md:3:5: warning: no page will be written for ../a.md, because it lies outside ., the folder being built"),
            "\(fromFolder)")
    }

    /// Folders whose names differ only in Unicode normalization are two folders, even when
    /// notes of both are checked one after the other.
    @Test func lookAlikeFoldersAreNotConfused() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/caf\u{E9}/a.md", "# A\n\n[x](x.md)\n")
        try folder.write("notes/caf\u{E9}/x.md", "# X\n")
        try folder.write("notes/cafe\u{301}/b.md", "# B\n\n[x](x.md)\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/cafe\u{301}/b.md:3:5: error: the link to x.md points to no file"), "\(result)")
        #expect(!result.standardError.contains("a.md:3:5"), "\(result)")
    }

    @Test func standardizationMatchesFoundation() {
        let paths = ["/a/b/c.md", "/a/./b/../c.md", "/../x.md", "/a/../../b/./c.md", "/a//b.md", "/a/b/.", "/a/b/..", "/",
                     "/a/\u{600}/../b.md", "/a/b\u{600}/./c.md", "/a/.../b.md", "/a/..b/c.md", "/caf\u{E9}/../x.md", "/.x/./y.md"]
        for path in paths {
            #expect(LinkTarget.lexicallyStandardized(path) == URL(fileURLWithPath: path, isDirectory: false).standardizedFileURL.path,
                    "\(path.debugDescription)")
        }
    }

    @Test func targetsMatchTheURLRoute() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for name in ["notes/a.md", "notes/sub/b.md", "notes/with space.md", "notes/.drafts/d.md", "outside.md", "notes/q#.md",
                     "notes/\u{600}/c.md", "notes/%41.md"] {
            try folder.write(name, "# N\n")
        }
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes/lnk", withDestinationPath: "sub")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes/gone.md", withDestinationPath: "nowhere.md")
        let open = OpenFolder()
        for name in ["a.md", "\u{600}/c.md"] {
            let notePath = RealPath.resolve(folder.url.path) + "/notes/" + name
            let note = NoteFile(displayPath: "notes/" + name, url: URL(fileURLWithPath: notePath, isDirectory: false), path: notePath,
                                realPath: notePath, outputStem: String(name.dropLast(3)))
            checkTargets(of: note, folder: open)
        }
    }

    private func checkTargets(of note: NoteFile, folder open: OpenFolder) {
        for destination in ["a.md", "./a.md", "sub/b.md", "sub/../a.md", "../outside.md", "sub/../../outside.md", "with space.md",
                            "with%20space.md", ".drafts/d.md", "missing.md", "lnk/b.md", "lnk/../a.md", "q%23.md", "q#.md",
                            "\u{600}/c.md", "\u{600}/../a.md", "%2541.md", "%41.md", "a%ZZ.md", "%00.md", "sub//b.md", "%2Fsub/b.md",
                            "%2E%2E/outside.md", "gone.md", "sub/./b.md", "c.md", "../a.md", "../\u{600}/c.md", "../sub/b.md"] {
            let target = note.url.deletingLastPathComponent().appendingPathComponent(destination.removingPercentEncoding ?? destination)
            let expected = FileManager.default.fileExists(atPath: target.path) ? target.standardizedFileURL.path : nil
            #expect(LinkTarget.existingPath(destination, from: LinkTarget.parent(of: note.path), of: note, folder: open) == expected,
                    "\(note.path.debugDescription) \(destination.debugDescription)")
        }
    }
}
