import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files a build writes, keyed by their path below the output folder.
struct OutputSet {
    /// Each file with the output stem of the note that produced it, nil for the index.
    var files: [(relativePath: String, contents: OutputBytes, owner: String?)] = []

    mutating func add(_ relativePath: String, _ contents: OutputBytes, owner: String? = nil) {
        files.append((relativePath, contents, owner))
    }

    mutating func add(_ relativePath: String, _ contents: String, owner: String? = nil) {
        files.append((relativePath, OutputBytes(Data(contents.utf8)), owner))
    }
}

/// Reads and writes output files.
enum OutputStore {
    /// Checks that the output directory is a directory or does not exist yet, and returns
    /// whether it exists. A regular file or a link to nothing there is an I/O error.
    @discardableResult
    static func checkDirectory(_ path: String) throws(CommandError) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        if AtomicFile.isSymbolicLink(status), stat(path, &status) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "a missing file"
            throw .io("the output directory \(path) is a symbolic link to \(target), which does not exist; "
                + "create that directory, or choose another output directory with -o")
        }
        guard AtomicFile.isDirectory(status) else {
            throw .io("the output directory \(path) is a file, not a directory; "
                + "choose another output directory with -o, or move the file away")
        }
        return true
    }

    /// Writes each file whose contents differ from what is on disk, atomically (a temporary
    /// file renamed over the old one), and returns how many it wrote. A symbolic link in the
    /// way is replaced by a regular file. A path whose real path is in `protected`, the
    /// notes, is never written, whatever the output folder. With `stamps`, a file that its
    /// stamp vouches for is neither read nor written, and the files found equal are stamped.
    static func write(
        _ set: OutputSet, to directory: URL, protecting protected: Set<String>, stamps: inout OutputStamps?
    ) throws(CommandError) -> Int {
        // One file after another, in the set's order: the first failure stops the build
        // before the index and the manifest, which come last, so an old manifest keeps
        // listing the files a later build must delete.
        var written = 0
        for file in set.files {
            if try writeOne(file.relativePath, file.contents, to: directory, protecting: protected, stamps: &stamps) { written += 1 }
        }
        return written
    }

    /// Writes one output file unless it already contains `contents`, and returns whether it
    /// wrote.
    private static func writeOne(
        _ relativePath: String, _ contents: OutputBytes, to directory: URL, protecting protected: Set<String>,
        stamps: inout OutputStamps?
    ) throws(CommandError) -> Bool {
        // Output paths come from note paths below the notes folder; refuse any that could
        // leave the output folder all the same.
        guard OutputManifest.isSafeRelativePath(relativePath) else {
            throw .io("refusing to write \(relativePath) outside the output directory \(directory.path)")
        }
        if let identity = contents.identity, stamps != nil {
            // A plain string path: building a URL per file was a large part of a rebuild.
            var status = stat()
            if lstat(directory.path + "/" + relativePath, &status) == 0, AtomicFile.isRegularFile(status),
               stamps?.vouch(for: relativePath, identity: identity, file: FileIdentity(status)) == true {
                return false
            }
        }

        let url = directory.appendingPathComponent(relativePath)
        let data = try contents.data()
        if let found = regularFileIdentity(url, contains: data) {
            if let identity = contents.identity { stamps?.record(relativePath, identity: identity, file: found) }
            return false
        }
        guard !protected.contains(entryPath(url)) else {
            throw .io("cannot write \(url.path): it is one of the notes being built; "
                + "choose an output directory outside the notes with -o")
        }
        try AtomicFile.write(data, to: url)
        return true
    }

    /// Deletes the file or link at `relativePath` below `directory`, unless its real path is
    /// in `protected` or a symbolic link leads its folder out of `directory`. A directory is
    /// never deleted, and a failure only leaves the file.
    static func delete(_ relativePath: String, in directory: URL, protecting protected: Set<String>) {
        guard OutputManifest.isSafeRelativePath(relativePath),
              staysInside(relativePath, directory, output: RealPath.resolve(directory.path)) else { return }
        let url = directory.appendingPathComponent(relativePath)
        guard !protected.contains(entryPath(url)) else { return }
        unlink(url.path)
    }

    /// Checks, before a build writes anything, that each file of `set` lies inside the output
    /// folder once symbolic links are resolved, and that no two of them are one file. A link
    /// below the output folder to a folder elsewhere, such as back into the notes, would let
    /// a build write there, so it is an I/O error that names the link and its target.
    /// `shown` is the output folder as the user wrote it, for the messages. The last part of
    /// each path is not followed, because `write` replaces a link there.
    static func checkPaths(_ set: OutputSet, in directory: URL, shownAs shown: String) throws(CommandError) {
        let output = RealPath.resolve(directory.path)
        let shownPrefix = shown.hasSuffix("/") ? shown : shown + "/"
        var realFolders: [String: String] = [:]
        var pathsByEntry: [String: String] = [:]
        for file in set.files {
            let folder = parentFolder(of: file.relativePath)
            let realFolder = realFolders[folder] ?? RealPath.resolve(directory.appendingPathComponent(folder).path)
            realFolders[folder] = realFolder
            guard RealPath.isInside(realFolder, output) else {
                let link = firstLink(along: folder, in: directory) { !RealPath.isInside($0, output) }
                let cause = link.map { "\(shownPrefix)\($0.path) is a symbolic link to \($0.target), which leads outside the output directory \(shown)" }
                    ?? "its folder \(realFolder) lies outside the output directory \(shown)"
                throw .io("cannot write \(shownPrefix)\(file.relativePath): \(cause); "
                    + "remove the link, or choose another output directory with -o")
            }

            let name = file.relativePath.lastIndex(of: "/").map { file.relativePath[file.relativePath.index(after: $0)...] }
                ?? file.relativePath[...]
            let entry = realFolder + "/" + name
            if let other = pathsByEntry.updateValue(file.relativePath, forKey: entry), other != file.relativePath {
                let link = firstLink(along: folder, in: directory) { _ in true }
                    ?? firstLink(along: parentFolder(of: other), in: directory) { _ in true }
                let through = link.map { " through the symbolic link \(shownPrefix)\($0.path) to \($0.target)" } ?? ""
                throw .io("cannot write \(shownPrefix)\(file.relativePath): it is the same file as \(shownPrefix)\(other)\(through); "
                    + "remove the link, or choose another output directory with -o")
            }
        }
    }

    /// Returns whether the folder of `relativePath` below `directory`, with links resolved,
    /// lies inside `output`, the real path of `directory`.
    static func staysInside(_ relativePath: String, _ directory: URL, output: String) -> Bool {
        RealPath.isInside(RealPath.resolve(directory.appendingPathComponent(parentFolder(of: relativePath)).path), output)
    }

    /// Returns the folder part of a relative path, "" for a file at the top.
    private static func parentFolder(of relativePath: String) -> String {
        relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
    }

    /// Returns the first folder on the way to `folder` below `directory` that is a symbolic
    /// link whose real path satisfies `matches`. Its target is the link's contents as stored,
    /// followed by the real path in brackets when the two differ.
    private static func firstLink(
        along folder: String, in directory: URL, where matches: (String) -> Bool
    ) -> (path: String, target: String)? {
        var path = ""
        for part in folder.split(separator: "/") {
            path += path.isEmpty ? String(part) : "/" + part
            let url = directory.appendingPathComponent(path)
            guard let contents = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { continue }
            let real = RealPath.resolve(url.path)
            guard matches(real) else { continue }
            return (path, contents == real ? contents : "\(contents) (\(real))")
        }
        return nil
    }

    /// Deletes files that an interrupted write left behind: the temporary files that
    /// `AtomicFile` names `.NAME.convnote-PID-N`, whose process no longer runs. The files of a
    /// build that runs at the same time, and other files whose names merely look alike, stay.
    static func removeTemporaryFiles(in directory: URL) {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in enumerator {
            guard let pid = AtomicFile.temporaryFileOwner(url.lastPathComponent), kill(pid, 0) != 0, errno == ESRCH else { continue }
            // Temporary files are regular files; a folder with a name like one is not ours.
            var status = stat()
            guard lstat(url.path, &status) == 0, AtomicFile.isRegularFile(status) else { continue }
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Lists the files that are missing or differ from the expected contents. A link or any
    /// other entry that is not a regular file counts as out of date, as `write` replaces it.
    static func staleFiles(_ set: OutputSet, in directory: URL) throws(CommandError) -> [String] {
        var stale: [String] = []
        for file in set.files {
            let url = directory.appendingPathComponent(file.relativePath)
            if !regularFile(url, contains: try file.contents.data()) { stale.append(file.relativePath) }
        }
        return stale
    }

    /// Returns the bytes of the regular file at `url`, or nil for a missing file, a link, a FIFO or
    /// any other entry, none of which is opened.
    static func regularFileContents(_ url: URL) -> Data? {
        var status = stat()
        guard lstat(url.path, &status) == 0, AtomicFile.isRegularFile(status) else { return nil }
        return try? Data(contentsOf: url)
    }

    /// Returns whether the entry at `url` is a regular file that contains exactly `contents`, as
    /// `regularFileContents(url) == contents` would.
    static func regularFile(_ url: URL, contains contents: Data) -> Bool {
        regularFileIdentity(url, contains: contents) != nil
    }

    /// Returns the identity of the entry at `url` when it is a regular file that contains
    /// exactly `contents` and did not change while it was read, and nil otherwise. A file of
    /// another size is not read. One of the same size is read in pieces into a small buffer,
    /// because a rebuild may compare every page and reading each whole into a new allocation
    /// was a large part of its time.
    static func regularFileIdentity(_ url: URL, contains contents: Data) -> FileIdentity? {
        var status = stat()
        guard lstat(url.path, &status) == 0, AtomicFile.isRegularFile(status), Int(status.st_size) == contents.count else {
            return nil
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var before = stat()
        // Opened without blocking, in case a FIFO took the file's place after lstat.
        guard fstat(descriptor, &before) == 0, AtomicFile.isRegularFile(before) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let same = contents.withUnsafeBytes { expected -> Bool in
            var offset = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                // The end of the file: it matches when every expected byte was seen.
                if count == 0 { return offset == expected.count }
                guard count <= expected.count - offset else { return false }
                let same = buffer.withUnsafeBytes { chunk -> Bool in
                    guard let read = chunk.baseAddress, let base = expected.baseAddress else { return false }
                    return memcmp(read, base + offset, count) == 0
                }
                guard same else { return false }
                offset += count
            }
        }
        var after = stat()
        guard same, fstat(descriptor, &after) == 0, FileIdentity(before) == FileIdentity(after) else { return nil }
        return FileIdentity(after)
    }

    /// Returns whether anything, even a link to a missing file, exists at `url`.
    static func entryExists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// Returns the real path of the entry at `url` itself: its directory resolved, its last
    /// part not followed, because writing or deleting replaces a link rather than its target.
    static func entryPath(_ url: URL) -> String {
        RealPath.resolve(url.deletingLastPathComponent().path) + "/" + url.lastPathComponent
    }
}

/// The files a build of a workspace writes to and deletes from the output folder. `check`
/// compares the folder with the same plan, so it reports what a build would change.
struct OutputPlan {
    /// The files to write: the outputs of every note without errors, the index, and the
    /// manifest.
    var files = OutputSet()
    /// The files the old manifest lists that no note produces any more.
    var leftovers: [String] = []
    /// The real paths of the notes, which a build never writes or deletes.
    var protectedPaths: Set<String>

    init(_ workspace: Workspace, directory: URL) {
        protectedPaths = Set(workspace.notes.map(\.realPath))
        let failing = Set(zip(workspace.notes, workspace.results).filter { $0.1.hasErrors }.map { $0.0.outputStem })
        for file in workspace.outputs.files where !(file.owner.map(failing.contains) ?? false) {
            files.add(file.relativePath, file.contents, owner: file.owner)
        }
        guard workspace.coversWholeFolders else { return }

        // A note with errors keeps the outputs of its last good build, so the manifest keeps
        // listing them, and a later build deletes them once the note is removed.
        let listed = OutputManifest.listed(in: directory)
        let keptByFailingNotes = listed.filter { path in
            failing.contains { OutputManifest.path(path, belongsTo: $0) }
                && OutputStore.entryExists(directory.appendingPathComponent(path))
        }
        // Paths are compared by their bytes, as the file system compares them: under Swift's
        // string equality, a note renamed from `é` to `e` with a combining accent would keep
        // the old name's pages forever.
        var manifest: [[UInt8]: String] = [:]
        for path in files.files.map(\.relativePath) + keptByFailingNotes {
            manifest[Array(path.utf8)] = path
        }
        // A listed path that a symbolic link now leads out of the output folder is not
        // convnote's to delete, so it is neither deleted nor listed again.
        let output = RealPath.resolve(directory.path)
        leftovers = listed.filter { path in
            manifest[Array(path.utf8)] == nil && OutputStore.entryExists(directory.appendingPathComponent(path))
                && OutputStore.staysInside(path, directory, output: output)
        }
        files.add(OutputManifest.fileName, OutputManifest.contents(listing: Array(manifest.values)))
    }
}
