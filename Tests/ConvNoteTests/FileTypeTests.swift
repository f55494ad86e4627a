import Foundation
import Testing

/// Symbolic links, FIFOs and devices where convnote expects regular files.
@Suite struct FileTypeTests {
    private static let wrongNote = "# A\n\n```conv\nx = [1 2 3]\nw = [1 1]\nexpect y = [3 4]\n```\n"

    @Test func fixWritesLinkTarget() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("real/a.md", Self.wrongNote)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: folder.url.appendingPathComponent("real/a.md").path)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try link("notes/a.md", to: "../real/a.md", in: folder)

        let result = try folder.run("check", "notes/a.md", "--fix")

        #expect(result.status == 0, "\(result)")
        #expect(try fileType("notes/a.md", in: folder) == S_IFLNK)
        #expect(try folder.read("real/a.md").contains("expect y = [3 5]"))
        #expect(try permissions("real/a.md", in: folder) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("real").path) == ["a.md"])
    }

    @Test func buildReplacesOutputLink() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("elsewhere.txt", "not an output\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("output"), withIntermediateDirectories: true)
        try link("output/a.html", to: "../elsewhere.txt", in: folder)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try fileType("output/a.html", in: folder) == S_IFREG)
        #expect(try permissions("output/a.html", in: folder) == 0o666 & ~(try Self.umask()))
        #expect(try folder.read("output/a.html").hasPrefix("<!DOCTYPE html>"))
        #expect(try folder.read("elsewhere.txt") == "not an output\n")
    }

    @Test func checkReportsOutputLinkAsStale() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try #require(try folder.run("build").status == 0)
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("output/a.html"),
                                         to: folder.url.appendingPathComponent("copy.html"))
        try link("output/a.html", to: "../copy.html", in: folder)

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("output/a.html: error: output/a.html is missing or out of date"), "\(result)")
    }

    @Test func newRejectsDanglingLink() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try link("notes/x.md", to: "nowhere.md", in: folder)

        let result = try folder.run("new", "x")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("notes/x.md already exists"), "\(result)")
        #expect(try fileType("notes/x.md", in: folder) == S_IFLNK)
        #expect(!folder.exists("notes/nowhere.md"))
    }

    @Test func newFileGetsUmaskMode() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("new", "fresh")

        #expect(result.status == 0, "\(result)")
        #expect(try permissions("notes/fresh.md", in: folder) == 0o666 & ~(try Self.umask()))
    }

    @Test func fifoNoteIsRejectedAtOnce() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.url.appendingPathComponent("pipe.md").path, 0o644) == 0)

        let result = try runBounded(["build", "pipe.md"], in: folder)

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains(
            "convnote: error: pipe.md is a FIFO (named pipe), not a regular file; convnote reads notes only from regular .md files"),
            "\(result)")
    }

    @Test func deviceNoteIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try runBounded(["check", "/dev/zero"], in: folder)

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("convnote: error: /dev/zero is a character device, not a regular file"), "\(result)")
        #expect(!result.standardError.contains("permission"), "\(result)")
    }

    @Test(.enabled(if: geteuid() != 0, "root reads a file whatever its mode"))
    func unreadableNoteNamesCause() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.url.appendingPathComponent("notes/a.md").path)

        let result = try folder.run("build")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("notes/a.md: cannot read the note: permission denied; check the file's permissions"),
                "\(result)")
    }

    @Test func skippedLinksAreListedWhenVerbose() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("real/b.md", "# B\n")
        try link("notes/b.md", to: "../real/b.md", in: folder)
        try link("notes/more", to: "../real", in: folder)

        let quiet = try folder.run("build", "-o", "one")
        let verbose = try folder.run("build", "--verbose", "-o", "two")

        #expect(quiet.status == 0, "\(quiet)")
        #expect(!quiet.standardError.contains("skipped"), "\(quiet)")
        #expect(verbose.standardError.contains(
            "notes/b.md: skipped, because convnote does not follow symbolic links below a notes folder"), "\(verbose)")
        #expect(verbose.standardError.contains("notes/more: skipped"), "\(verbose)")
        #expect(!folder.exists("two/b.html"))
        #expect(!folder.exists("two/more/b.html"))
    }

    // MARK: - Helpers

    private func link(_ path: String, to destination: String, in folder: NoteFolder) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(path).path, withDestinationPath: destination)
    }

    /// Returns the `S_IFMT` bits of the entry itself, not of a link's target.
    private func fileType(_ path: String, in folder: NoteFolder) throws -> mode_t {
        var status = stat()
        try #require(lstat(folder.url.appendingPathComponent(path).path, &status) == 0)
        return status.st_mode & S_IFMT
    }

    private func permissions(_ path: String, in folder: NoteFolder) throws -> mode_t {
        var status = stat()
        try #require(lstat(folder.url.appendingPathComponent(path).path, &status) == 0)
        return status.st_mode & 0o7777
    }

    /// Returns the process's umask, read from /proc because `umask(2)` can only read it by setting
    /// it, which would race with other tests creating files.
    private static func umask() throws -> mode_t {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
    }

    /// Runs convnote and kills it after ten seconds, so that a read that blocks fails the
    /// test instead of hanging the suite.
    private func runBounded(_ arguments: [String], in folder: NoteFolder) throws -> CommandResult {
        let process = Process()
        process.executableURL = try Convnote.binary()
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        let errorURL = folder.url.appendingPathComponent("stderr.txt")
        try Data().write(to: errorURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try errorHandle.close()
        let errors = String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        return CommandResult(status: timedOut ? -1 : process.terminationStatus, standardOutput: "",
                             standardError: timedOut ? "timed out after 10 s\n" + errors : errors)
    }
}
