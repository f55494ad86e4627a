import Foundation

/// `convnote new NAME`: writes a note from a template that builds and passes `check` as it is.
struct NewCommand {
    let console: Console

    /// Writes `notes/NAME.md`, or NAME itself when it contains a `/`, and never overwrites
    /// anything, not even a symbolic link to a missing file.
    func run(_ name: String) throws(CommandError) -> Int32 {
        guard !name.isEmpty, !name.hasPrefix("-") else {
            throw .usage("new needs a note name, as in convnote new stride-basics")
        }
        try Self.validate(name)
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let path = stem.contains("/") ? stem + ".md" : "notes/" + stem + ".md"
        let url = URL(fileURLWithPath: path)
        guard !OutputStore.entryExists(url) else {
            throw .usage("\(path) already exists; choose another name or edit that note")
        }
        let title = url.deletingPathExtension().lastPathComponent
            .split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
        try AtomicFile.create(Data(Self.template(title: title.isEmpty ? "New note" : title).utf8), at: url)
        console.error("Wrote \(path); build it with convnote build\n")
        return 0
    }

    /// Rejects a name whose note would be skipped by `build` or could not be named in a
    /// diagnostic: a file name that is empty or starts with a dot, a name that ends with a
    /// slash, and control characters such as a newline or a tab.
    static func validate(_ name: String) throws(CommandError) {
        if let control = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let code = "U+" + String(control.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw .usage("the note name contains the control character \(code); use letters, digits, - and _, as in convnote new stride-basics")
        }
        if name.hasSuffix("/") {
            throw .usage("the note name '\(name)' ends with a slash, so it names a folder and no file; add a file name, as in convnote new \(name)stride-basics")
        }
        let fileName = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        let stem = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        if stem.isEmpty {
            throw .usage("the note name '\(name)' has an empty file name; give one, as in convnote new stride-basics")
        }
        if fileName.hasPrefix(".") {
            throw .usage("the file name '\(fileName)' starts with a dot, and build skips such files as hidden; choose a name without the leading dot")
        }
    }

    static func template(title: String) -> String {
        """
        ---
        title: \(title)
        summary: One sentence that says what this note explains.
        ---

        # \(title)

        Describe the convolution here. convnote computes every matrix of the spec block below,
        checks it by independent routes, and fills it into the prose wherever a placeholder asks.

        ```conv example
        # A 3x3 input, a 2x2 kernel, and zeros added at the end so y keeps x's size.
        x = [1 2 3
             4 5 6
             7 8 9]
        w = [1 0
             0 -1]
        padding = same
        expect y | shape = 3x3
        ```

        The output is $y = {{ y }}$, and its top-left entry is
        $y_{11} = {{ y[1,1] | expand }} = {{ y[1,1] }}$.

        {{ explain forward }}

        {{ verify }}

        """
    }
}
