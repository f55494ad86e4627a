import Foundation

/// `<output>/.convnote-manifest`: the files that convnote generated in an output folder, one
/// relative path per line, sorted. A build of whole folders deletes the files that the last
/// manifest lists and the new one does not (the outputs of a removed note), and never any
/// other file; `check` reports them as left over.
enum OutputManifest {
    static let fileName = ".convnote-manifest"

    /// The manifest's contents for a set of outputs.
    static func contents(of outputs: OutputSet) -> String {
        let paths = outputs.files.map(\.relativePath).filter { $0 != fileName }.sorted()
        return paths.map { $0 + "\n" }.joined()
    }

    /// The paths that the manifest on disk lists, or none when there is no manifest.
    static func listed(in directory: URL) -> [String] {
        guard let data = OutputStore.regularFileContents(directory.appendingPathComponent(fileName)) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { isSafeRelativePath($0) }
    }

    /// The files the old manifest lists that the new outputs no longer include and that
    /// still exist.
    static func leftovers(in directory: URL, keeping outputs: OutputSet) -> [String] {
        let current = Set(outputs.files.map(\.relativePath))
        return listed(in: directory).filter { path in
            !current.contains(path) && FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path)
        }
    }

    /// Whether a path stays inside the output folder: relative, with no `..` or empty part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty || $0 == "." }
    }
}
