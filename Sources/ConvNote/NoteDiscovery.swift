import Foundation

/// A note file and the path of its outputs below the output folder, without extension.
public struct NoteFile: Sendable, Equatable {
    /// The path as shown in diagnostics, relative to the current directory when possible.
    public var displayPath: String
    public var url: URL
    /// Such as `sub/convolution` for `notes/sub/convolution.md`.
    public var outputStem: String
}

/// Finds the notes that command-line paths name.
enum NoteDiscovery {
    /// The notes found, and the symbolic links below the folders that were skipped.
    struct Found {
        var notes: [NoteFile]
        /// Display paths of links named `*.md` or pointing to a directory.
        var skippedLinks: [String]
    }

    /// Lists `.md` files below each directory (sorted, any depth) and each file given
    /// directly. Below a directory, files and folders whose names start with a dot,
    /// symbolic links, and the output directory are skipped, so that a build never reads
    /// its own output. A path named twice, in any spelling, counts once.
    ///
    /// Fails with an I/O error for a path that does not exist. Fails with a usage error when
    /// the output directory is or contains a notes path, or when two notes would write the
    /// same output file. Paths are compared after resolving links, `.` and `..`.
    static func notes(in paths: [String], outputDirectory: String) throws(CommandError) -> Found {
        var found = Found(notes: [], skippedLinks: [])
        let fileManager = FileManager.default
        let output = RealPath.resolve(outputDirectory)
        var seenPaths: Set<[UInt8]> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .io("\(path): no such file or directory")
            }
            let real = RealPath.resolve(path)
            guard seenPaths.insert(Array(real.utf8)).inserted else { continue }
            if RealPath.isInside(real, output) {
                throw .usage(overlapMessage(path, real: real, isDirectory: isDirectory.boolValue,
                                            outputDirectory: outputDirectory, output: output))
            }

            let root = URL(fileURLWithPath: path).standardizedFileURL
            if !isDirectory.boolValue {
                let stem = root.deletingPathExtension().lastPathComponent
                found.notes.append(NoteFile(displayPath: path, url: root, outputStem: stem))
                continue
            }
            found.notes += try notes(below: root, shownAs: path, realRoot: real, output: output,
                                     skippedLinks: &found.skippedLinks)
        }

        // The same file reached twice under one output name, as by `notes notes/a.md`, is
        // one note. Two different files with one output name are an error.
        // Real paths are compared by their bytes, as the file system compares them. Swift's
        // string equality takes `é` and `e` with a combining accent for one name, so two such
        // notes share an output name and are reported, never silently merged into one.
        var seen: [String: (displayPath: String, realPath: [UInt8])] = [:]
        var unique: [NoteFile] = []
        for note in found.notes {
            let realPath = Array(RealPath.resolve(note.url.path).utf8)
            if let first = seen[note.outputStem] {
                if first.realPath == realPath { continue }
                // Names that only look alike need a word on why, or the message names one file twice.
                let lookAlike = first.displayPath == note.displayPath
                    ? " (the names differ only in how their accents are encoded; rename one of the files)" : ""
                throw .usage("\(first.displayPath) and \(note.displayPath) would both write \(note.outputStem).html\(lookAlike); build them into different directories")
            }
            seen[note.outputStem] = (note.displayPath, realPath)
            unique.append(note)
        }
        found.notes = unique
        return found
    }

    /// Lists the `.md` files below one directory, sorted by output stem.
    private static func notes(
        below root: URL, shownAs path: String, realRoot: String, output: String, skippedLinks: inout [String]
    ) throws(CommandError) -> [NoteFile] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]
        // A folder that cannot be read would hide its notes from the build, so it is an
        // error rather than a folder skipped in silence.
        let unreadable = UnreadableFolders()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: keys, options: [],
            errorHandler: { url, _ in unreadable.record(url) })
        else {
            throw .io("\(path): cannot list the directory")
        }
        var found: [NoteFile] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            let name = url.lastPathComponent
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count).drop { $0 == "/" })
            let display = (path.hasSuffix("/") ? path : path + "/") + relative
            // A link could lead out of the notes folder or into the output folder, so none
            // is followed. --verbose lists those that look like notes or folders.
            if values?.isSymbolicLink == true {
                var isDirectory: ObjCBool = false
                let target = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                if name.hasSuffix(".md") || (target && isDirectory.boolValue) { skippedLinks.append(display) }
                continue
            }
            if values?.isDirectory == true {
                if name.hasPrefix(".") || RealPath.isInside(realRoot + "/" + relative, output) {
                    enumerator.skipDescendants()
                }
                continue
            }
            guard values?.isRegularFile == true, !name.hasPrefix("."), url.pathExtension == "md" else { continue }
            found.append(NoteFile(displayPath: display, url: url, outputStem: String(relative.dropLast(3))))
        }
        if let folder = unreadable.first {
            let relative = String(folder.standardizedFileURL.path.dropFirst(root.path.count).drop { $0 == "/" })
            let shownPath = relative.isEmpty ? path : (path.hasSuffix("/") ? path : path + "/") + relative
            throw .io("\(shownPath): cannot read the folder, so its notes cannot be built; "
                + "give yourself read permission on it, or move it out of \(path)")
        }
        return found.sorted { $0.outputStem < $1.outputStem }
    }

    /// Builds the usage error for a notes path at or below the output directory. It names both
    /// paths as given, adds their resolved forms when a link joins them, and suggests
    /// `-o output` when that folder would not overlap the notes.
    private static func overlapMessage(
        _ path: String, real: String, isDirectory: Bool, outputDirectory: String, output: String
    ) -> String {
        let lexical = { (text: String) in URL(fileURLWithPath: text).standardizedFileURL.path }
        let throughLink = lexical(outputDirectory) != output || lexical(path) != real
        let defaultOutput = RealPath.resolve("output")
        let suggestion = RealPath.isInside(real, defaultOutput) || RealPath.isInside(defaultOutput, real) ? "" : ", such as -o output"
        if !isDirectory {
            let resolved = throughLink ? " (\(output) contains \(real))" : ""
            return "\(path) lies inside the output directory \(outputDirectory)\(resolved), so building would overwrite it; "
                + "choose an output directory that does not contain it with -o\(suggestion)"
        }
        if real == output {
            let resolved = throughLink ? " (both are \(output))" : ""
            return "the output directory \(outputDirectory) is the notes directory \(path)\(resolved), so building would overwrite the notes; "
                + "choose an output directory outside \(path) with -o\(suggestion)"
        }
        let resolved = throughLink ? " (\(output) contains \(real))" : ""
        return "the output directory \(outputDirectory) contains the notes directory \(path)\(resolved), so building would overwrite or delete notes; "
            + "choose an output directory outside \(path) with -o\(suggestion)"
    }
}

/// The first folder a directory walk could not read. The walk reports such folders from a
/// callback, so the result is kept in a small reference type.
final class UnreadableFolders {
    private(set) var first: URL?

    /// Records a folder that still exists and returns true, so that the walk goes on. A file
    /// that vanished during the walk, such as an editor's temporary file, is no error.
    func record(_ url: URL) -> Bool {
        var status = stat()
        if first == nil, lstat(url.path, &status) == 0, AtomicFile.isDirectory(status) { first = url }
        return true
    }
}
