import Foundation

/// `<output>/.convnote-manifest`: the files that convnote generated in an output folder, one
/// relative path per line, sorted. A build of whole folders deletes the files that the last
/// manifest lists and the new one does not (the outputs of a removed note), and never any
/// other file; `check` reports them as left over. The outputs that a note with errors kept
/// from its last good build stay listed.
enum OutputManifest {
    static let fileName = ".convnote-manifest"

    /// Returns the manifest's contents for a list of output paths.
    static func contents(listing paths: [String]) -> String {
        paths.filter { $0 != fileName }.sorted().map { $0 + "\n" }.joined()
    }

    /// The paths that the manifest on disk lists, or none when there is no manifest.
    static func listed(in directory: URL) -> [String] {
        guard let data = OutputStore.regularFileContents(directory.appendingPathComponent(fileName)) else { return [] }
        // Split by bytes: as a Character, CR LF is one line break that "\n" does not match,
        // and a checkout with core.autocrlf gives the manifest CR LF endings. A trailing CR
        // is dropped, because no output path ends with one.
        return data.split(separator: UInt8(ascii: "\n")).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }.filter { !$0.isEmpty && isSafeRelativePath($0) }
    }

    /// Returns whether `path` is an output of the note with output stem `stem`: its page, its
    /// Markdown file or one of its figures, which are named `STEM-figure-N.svg`.
    static func path(_ path: String, belongsTo stem: String) -> Bool {
        if path == stem + ".html" || path == stem + ".md" { return true }
        let figurePrefix = stem + "-figure-"
        guard path.hasPrefix(figurePrefix), path.hasSuffix(".svg") else { return false }
        let number = path.dropFirst(figurePrefix.count).dropLast(4)
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    }

    /// Whether a path stays inside the output folder: relative, with no `..` or empty part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty || $0 == "." }
    }
}
