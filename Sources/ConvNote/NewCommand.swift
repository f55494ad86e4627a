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
