import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A walk that lists the `.md` files below one notes folder with `readdir`. It uses the
/// type that each directory entry records, so that a file costs no system call of its own.
/// It keeps the rules of `FileManager`'s enumerator on Linux, which is `fts` with
/// `FTS_PHYSICAL | FTS_XDEV`. The walk is depth first and takes each folder's entries in the
/// order the file system lists them. It follows no symbolic link below the root, and enters
/// no folder on another file system.
struct FolderWalk {
    /// The folder walked, absolute and without `.` or `..` parts.
    let rootPath: String
    /// The folder as the user wrote it, for display paths and messages.
    let shownAs: String
    /// The real path of the folder as the user wrote it, for the output folder check.
    let realRoot: String
    /// The real path of the output folder.
    let output: String
    private(set) var skippedLinks: [String] = []
    private var found: [NoteFile] = []
    private let unreadable = UnreadableFolders()
    private var rootDevice: dev_t = 0
    private let displayPrefix: String

    init(rootPath: String, shownAs: String, realRoot: String, output: String) {
        self.rootPath = rootPath
        self.shownAs = shownAs
        self.realRoot = realRoot
        self.output = output
        displayPrefix = shownAs.hasSuffix("/") ? shownAs : shownAs + "/"
    }

    /// Returns the notes below the folder, sorted by output stem.
    mutating func notes() throws(CommandError) -> [NoteFile] {
        var status = stat()
        // The folder named on the command line is followed when it is a link: the author
        // chose it. A root that vanished lists nothing.
        guard stat(rootPath, &status) == 0, AtomicFile.isDirectory(status) else { return [] }
        rootDevice = status.st_dev
        // Below the root no link is followed, so a path's real form is its folder's real
        // form and its name. The root's real path is the only one that needs resolving.
        walk(folder: rootPath, relative: "", realFolder: RealPath.resolve(rootPath))
        // A folder that cannot be read would hide its notes from the build, so it is an
        // error rather than a folder skipped in silence.
        if let folder = unreadable.first {
            let relative = String(folder.standardizedFileURL.path.dropFirst(rootPath.count).drop { $0 == "/" })
            let shownPath = relative.isEmpty ? shownAs : displayPrefix + relative
            throw .io("\(shownPath): cannot read the folder, so its notes cannot be built; "
                + "give your user read and search (x) permission on it, or move it out of \(shownAs)")
        }
        return found.sorted { $0.outputStem < $1.outputStem }
    }

    /// Walks one folder: `relative` is its path below the root, "" for the root itself.
    private mutating func walk(folder: String, relative: String, realFolder: String) {
        guard let entries = Self.entries(of: folder) else {
            unreadable.record(URL(fileURLWithPath: folder))
            return
        }
        for entry in entries {
            let path = Self.joined(folder, entry.name)
            let relativePath = relative.isEmpty ? entry.name : relative + "/" + entry.name
            switch entry.kind {
            case .link(let listed):
                // A link could lead out of the notes folder or into the output folder, so
                // none is followed. --verbose lists those that look like notes or folders.
                if listed { skippedLinks.append(displayPrefix + relativePath) }
            case .folder(let device):
                if entry.name.hasPrefix(".") || RealPath.isInside(realRoot + "/" + relativePath, output) { continue }
                // Like `find -xdev`, the walk stays on the root's file system.
                guard device == rootDevice else { continue }
                walk(folder: path, relative: relativePath, realFolder: Self.joined(realFolder, entry.name))
            case .note:
                found.append(NoteFile(
                    displayPath: displayPrefix + relativePath, url: URL(fileURLWithPath: path, isDirectory: false),
                    path: path, realPath: Self.joined(realFolder, entry.name), outputStem: String(relativePath.dropLast(3))))
            }
        }
    }

    /// An entry of a folder that the walk acts on.
    private struct Entry {
        enum Kind {
            /// A symbolic link, and whether --verbose lists it because its name ends in `.md`
            /// or it leads to a directory.
            case link(listed: Bool)
            /// A folder, and the file system it is on.
            case folder(device: dev_t)
            /// A regular file named `*.md` whose name does not start with a dot.
            case note
        }

        var name: String
        var kind: Kind
    }

    /// Lists the links, folders and notes in a folder, in the order the file system lists
    /// them, or returns nil when the folder cannot be opened. An entry that cannot be looked
    /// up, such as a file deleted since the listing, is left out, as the enumerator left it out.
    private static func entries(of folder: String) -> [Entry]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)

        // A folder that may be listed but not searched gives names that no lookup reaches.
        // Search permission belongs to the folder, so once one lookup has succeeded, the type
        // that `readdir` gives is trusted for files and links, and they cost no system call.
        var searchable = false
        var denied = false
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let listedType = Int32(entry.pointee.d_type)
            let found = withUnsafeBytes(of: &entry.pointee.d_name) { bytes -> Entry? in
                guard let name = bytes.bindMemory(to: CChar.self).baseAddress else { return nil }
                return classify(name, listedType: listedType, in: descriptor, searchable: &searchable, denied: &denied)
            }
            if let found { entries.append(found) }
        }
        // A folder whose notes or subfolders cannot be looked up hides them from the build,
        // so it counts as unreadable, as a folder that cannot be listed does.
        return denied && !searchable ? nil : entries
    }

    /// Classifies one directory entry, or returns nil for an entry that the walk skips.
    /// `descriptor` is the open folder, `searchable` whether a lookup in it has succeeded, and
    /// `denied` whether one failed for lack of permission.
    private static func classify(
        _ cName: UnsafePointer<CChar>, listedType: Int32, in descriptor: Int32, searchable: inout Bool, denied: inout Bool
    ) -> Entry? {
        // No String names a file whose name is not UTF-8, so such a file could be neither
        // read nor written. The enumerator skipped such entries too.
        guard let name = String(validatingCString: cName), name != ".", name != ".." else { return nil }
        switch listedType {
        case Int32(DT_REG): guard isNoteName(name) else { return nil }
        case Int32(DT_DIR), Int32(DT_LNK), Int32(DT_UNKNOWN): break
        default: return nil
        }

        // Folders are always looked up, for the file system they are on.
        var status = stat()
        let type: Int32
        if searchable && (listedType == Int32(DT_REG) || listedType == Int32(DT_LNK)) {
            type = listedType
        } else {
            guard fstatat(descriptor, cName, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == EACCES { denied = true }
                return nil
            }
            searchable = true
            type = directoryEntryType(status)
        }

        switch type {
        case Int32(DT_LNK):
            var target = stat()
            let listed = name.hasSuffix(".md") || (fstatat(descriptor, cName, &target, 0) == 0 && AtomicFile.isDirectory(target))
            return Entry(name: name, kind: .link(listed: listed))
        case Int32(DT_DIR):
            return Entry(name: name, kind: .folder(device: status.st_dev))
        case Int32(DT_REG):
            return isNoteName(name) ? Entry(name: name, kind: .note) : nil
        default:
            return nil
        }
    }

    /// Converts the mode from `lstat` to the `DT_` type that `readdir` gives.
    private static func directoryEntryType(_ status: stat) -> Int32 {
        switch status.st_mode & S_IFMT {
        case S_IFDIR: Int32(DT_DIR)
        case S_IFLNK: Int32(DT_LNK)
        case S_IFREG: Int32(DT_REG)
        default: Int32(DT_UNKNOWN)
        }
    }

    /// Returns whether a regular file is a note. Its name must not start with a dot, and its
    /// `URL.pathExtension` must be `md`, which means that the name ends with the bytes `.md`.
    /// The extension is compared in UTF-8, as `URL` finds it, and the dot as a character.
    private static func isNoteName(_ name: String) -> Bool {
        guard !name.hasPrefix(".") else { return false }
        var utf8 = name.utf8.reversed().makeIterator()
        return utf8.next() == UInt8(ascii: "d") && utf8.next() == UInt8(ascii: "m") && utf8.next() == UInt8(ascii: ".")
    }

    /// Joins a folder and a name with a slash, also for the root of the file system.
    static func joined(_ folder: String, _ name: String) -> String {
        folder == "/" ? "/" + name : folder + "/" + name
    }
}

/// The first folder a directory walk could not read.
final class UnreadableFolders {
    private(set) var first: URL?

    /// Records a folder that still exists and returns true, so that the walk goes on. A file
    /// that vanished during the walk, such as an editor's temporary file, is no error.
    @discardableResult
    func record(_ url: URL) -> Bool {
        var status = stat()
        if first == nil, lstat(url.path, &status) == 0, AtomicFile.isDirectory(status) { first = url }
        return true
    }
}
