import Foundation
import Testing
@testable import ConvNote

/// A notes folder that cannot be read hides its notes, so the build must report it instead
/// of building the rest and exiting 0. Permissions do not bind root, so as root the test
/// runs convnote as the unprivileged user 65534 through setpriv.
@Suite struct UnreadableFolderTests {
    @Test func unreadableSubfolderIsAnError() throws {
        let result = try buildWithSubfolderMode(0)

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("notes/sub: cannot read the folder"), "\(result)")
    }

    /// A folder that may be listed but not searched (mode r--) shows its notes' names, but
    /// none of them can be read.
    @Test func unsearchableSubfolderIsAnError() throws {
        let result = try buildWithSubfolderMode(0o444)

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("notes/sub: cannot read the folder"), "\(result)")
        #expect(result.standardError.contains("read and search (x) permission"), "\(result)")
    }

    /// Builds `notes/a.md` and `notes/sub/b.md` with `notes/sub` set to `mode`, as an
    /// unprivileged user.
    private func buildWithSubfolderMode(_ mode: mode_t) throws -> CommandResult {
        let folder = try NoteFolder()
        defer {
            chmod(folder.url.appendingPathComponent("notes/sub").path, 0o755)
            folder.remove()
        }
        try folder.write("notes/a.md", "# A\n\nOne.\n")
        try folder.write("notes/sub/b.md", "# B\n\nTwo.\n")

        if getuid() == 0 {
            let setpriv = try #require(Convnote.program(named: "setpriv"), "setpriv (util-linux) is needed to drop root")
            // The build folder may lie where that user cannot go, so the binary is copied.
            let binary = folder.url.appendingPathComponent("convnote")
            try FileManager.default.copyItem(at: try Convnote.binary(), to: binary)
            try handOver(folder.url, to: 65534)
            chmod(folder.url.appendingPathComponent("notes/sub").path, mode)
            return try Convnote.runProgram(
                setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "build"], in: folder.url)
        }
        chmod(folder.url.appendingPathComponent("notes/sub").path, mode)
        return try folder.run("build")
    }

    /// Gives every file below `url` to `user`, and lets that user reach `url` itself.
    private func handOver(_ url: URL, to user: uid_t) throws {
        chown(url.path, user, gid_t(user))
        let enumerator = try #require(FileManager.default.enumerator(atPath: url.path))
        for case let relative as String in enumerator {
            chown(url.appendingPathComponent(relative).path, user, gid_t(user))
        }
        // The temporary folder above must let the user through; it normally does (mode 1777).
        chmod(url.path, 0o755)
    }
}

/// The directory walk also reports entries that vanished between listing and stat, such as
/// an editor's temporary files. Only a folder that still exists counts as unreadable.
@Suite struct UnreadableFolderRecordTests {
    @Test func vanishedEntryIsIgnored() {
        let folders = UnreadableFolders()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("convnote-gone-\(UUID().uuidString)")

        #expect(folders.record(missing))
        #expect(folders.first == nil)
    }

    @Test func existingFolderIsRecorded() {
        let folders = UnreadableFolders()
        let existing = FileManager.default.temporaryDirectory

        #expect(folders.record(existing))
        #expect(folders.first == existing)
    }
}
