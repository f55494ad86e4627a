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
    /// directly. Fails with an I/O error for a path that does not exist.
    static func notes(in paths: [String]) throws(CommandError) -> [NoteFile] {
        var notes: [NoteFile] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .io("\(path): no such file or directory")
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL
            if !isDirectory.boolValue {
                let stem = root.deletingPathExtension().lastPathComponent
                notes.append(NoteFile(displayPath: path, url: root, outputStem: stem))
                continue
            }
            guard let enumerator = fileManager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw .io("\(path): cannot list the directory")
            }
            var found: [NoteFile] = []
            for case let url as URL in enumerator where url.pathExtension == "md" {
                let relative = url.standardizedFileURL.path.dropFirst(root.path.count).drop { $0 == "/" }
                let display = (path.hasSuffix("/") ? path : path + "/") + relative
                let stem = String(relative.dropLast(3))
                found.append(NoteFile(displayPath: display, url: url, outputStem: stem))
            }
            notes += found.sorted { $0.outputStem < $1.outputStem }
        }
        return notes
    }
}
