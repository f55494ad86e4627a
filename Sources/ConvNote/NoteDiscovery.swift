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
    /// Lists `.md` files below each directory (sorted, any depth) and each file given
    /// directly. Directories whose names start with a dot, and the output directory, are
    /// skipped, so that a build never reads its own output. Fails with an I/O error for a
    /// path that does not exist, and with a usage error when two notes would write the same
    /// output file or a note lies inside the output directory.
    static func notes(in paths: [String], outputDirectory: String) throws(CommandError) -> [NoteFile] {
        var notes: [NoteFile] = []
        let fileManager = FileManager.default
        let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .io("\(path): no such file or directory")
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL
            if !isDirectory.boolValue {
                if isInside(root.path, output) {
                    throw .usage("\(path) lies inside the output directory \(outputDirectory), so building would overwrite it; choose another directory with -o")
                }
                let stem = root.deletingPathExtension().lastPathComponent
                notes.append(NoteFile(displayPath: path, url: root, outputStem: stem))
                continue
            }
            if isInside(output, root.path), output == root.path {
                throw .usage("the output directory \(outputDirectory) is the notes directory \(path), so building would overwrite the notes; choose another directory with -o")
            }
            guard let enumerator = fileManager.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else {
                throw .io("\(path): cannot list the directory")
            }
            var found: [NoteFile] = []
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
                if values?.isDirectory == true {
                    let standardized = url.standardizedFileURL.path
                    if url.lastPathComponent.hasPrefix(".") || standardized == output { enumerator.skipDescendants() }
                    continue
                }
                guard values?.isRegularFile == true, url.pathExtension == "md" else { continue }
                let relative = url.standardizedFileURL.path.dropFirst(root.path.count).drop { $0 == "/" }
                let display = (path.hasSuffix("/") ? path : path + "/") + relative
                let stem = String(relative.dropLast(3))
                found.append(NoteFile(displayPath: display, url: url, outputStem: stem))
            }
            notes += found.sorted { $0.outputStem < $1.outputStem }
        }

        var seen: [String: String] = [:]
        for note in notes {
            if let first = seen[note.outputStem] {
                throw .usage("\(first) and \(note.displayPath) would both write \(note.outputStem).html; build them into different directories")
            }
            seen[note.outputStem] = note.displayPath
        }
        return notes
    }

    /// Whether `path` is `directory` or lies below it.
    private static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
    }
}
