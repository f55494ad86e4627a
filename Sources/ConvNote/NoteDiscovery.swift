import Foundation

/// A note file and the path of its outputs below the output folder, without extension.
public struct NoteFile: Sendable, Equatable {
    /// The path as shown in diagnostics, relative to the current directory when possible.
    public var displayPath: String
    public var url: URL
    /// `url.path`: absolute, without `.` or `..` parts.
    var path: String
    /// The path with every symbolic link resolved, as `RealPath.resolve(path)` returns it.
    var realPath: String
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
                found.notes.append(NoteFile(displayPath: path, url: root, path: root.path,
                                            realPath: RealPath.resolve(root.path), outputStem: stem))
                continue
            }
            var walk = FolderWalk(rootPath: root.path, shownAs: path, realRoot: real, output: output)
            found.notes += try walk.notes()
            found.skippedLinks += walk.skippedLinks
        }

        // The same file reached twice under one output name, as by `notes notes/a.md`, is
        // one note. Two different files with one output name are an error.
        // Real paths are compared by their bytes, as the file system compares them. Swift's
        // string equality takes `é` and `e` with a combining accent for one name, so two such
        // notes share an output name and are reported, never silently merged into one.
        var seen: [String: (displayPath: String, realPath: String)] = [:]
        var unique: [NoteFile] = []
        for note in found.notes {
            // The output manifest lists one path per line, so a line break in a name would
            // split it into two paths, and a later build would delete a file named by the
            // second.
            if note.outputStem.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                let escapedPath = note.displayPath.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
                throw .usage("\(escapedPath): the path contains a line break, which the output manifest cannot list; rename the file or folder")
            }
            if let first = seen[note.outputStem] {
                if first.realPath.utf8.elementsEqual(note.realPath.utf8) { continue }
                // Names that only look alike need a word on why, or the message names one file twice.
                let lookAlike = first.displayPath == note.displayPath
                    ? " (the names differ only in how their accents are encoded; rename one of the files)" : ""
                throw .usage("\(first.displayPath) and \(note.displayPath) would both write \(note.outputStem).html\(lookAlike); build them into different directories")
            }
            seen[note.outputStem] = (note.displayPath, note.realPath)
            unique.append(note)
        }
        found.notes = unique
        return found
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
