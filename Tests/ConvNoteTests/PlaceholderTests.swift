import Foundation
import Testing

/// A note that uses every kind of placeholder and the explain and verify directives.
let placeholderNote = """
    # Placeholders

    ```conv numbers
    x = [1 2 3
         4 5 6
         7 8 9]
    w = [1 2
         3 4]
    padding = same-start
    ```

    The output is {{ y }} and $y_{11} = {{ y[1,1] | expand }}$.

    \(seedSpec)

    The input gradient is {{ seed.dL/dx }}; the numbers block gives {{ numbers.dL/dx }}.

    {{ explain all }}

    {{ verify for seed }}

    """

/// A note with one problem on each marked line; line numbers are part of the expectations.
let placeholderErrorNote = """
    # Errors

    Before any block: {{ y }}.

    ```conv seed
    x : 3x3 = symbols(x)
    w = [a b; c d]
    padding = same-start
    ```

    Unknown {{ dL/dww }} here, and $z = {{ yy }}$ in math.

    Block {{ seeed.y }} and forward {{ later.y }}.

    Bad $\\foo x$ TeX.

    $$a +
    \\bar{x} + \\nope$$

    See {{ explain forward }} inline.

    {{ explain forwards }}

    ```conv later
    x = [1 2; 3 4]
    w = [1 0; 0 1]
    ```

    """

struct ExpectedDiagnostic: Sendable, CustomStringConvertible {
    var location: String
    var message: String
    var note: String?
    var description: String { "\(location) \(message)" }
}

@Suite struct PlaceholderTests {
    private func build(_ text: String) throws -> (folder: NoteFolder, result: CommandResult) {
        let folder = try NoteFolder()
        try folder.write("notes/p.md", text)
        return (folder, try folder.run("build", "--diagnostics", "gcc"))
    }

    @Test func quantityPlaceholdersRender() throws {
        let (folder, result) = try build(placeholderNote)
        defer { folder.remove() }
        try #require(result.status == 0, "\(result)")

        let markdown = try folder.read("output/p.md")

        #expect(markdown.contains(
            "The output is $`\\begin{bmatrix} 4 & 11 & 18 \\\\ 18 & 37 & 47 \\\\ 36 & 67 & 77 \\end{bmatrix}`$"))
        #expect(markdown.contains("$`y_{11} = {0 \\cdot 1 + 0 \\cdot 2 + 0 \\cdot 3 + 1 \\cdot 4}`$."))
        #expect(markdown.contains(
            "The input gradient is $`\\begin{bmatrix} a + b + c + d & a + b + c + d & b + d \\\\ a + b + c + d & a + b + c + d & b + d \\\\ c + d & c + d & d \\end{bmatrix}`$;"))
        #expect(markdown.contains(
            "the numbers block gives $`\\begin{bmatrix} 10 & 10 & 6 \\\\ 10 & 10 & 6 \\\\ 7 & 7 & 4 \\end{bmatrix}`$."))
        #expect(!markdown.contains("{{"))
    }

    @Test func selectionsAndFiltersRender() throws {
        let note = """
            # Selections

            \(numbersSpec)

            Row {{ dL/dx[2,:] }}, column {{ J_x[:,5] | shape }}, sum {{ y | sum }}, shape {{ y | shape }}.

            Code `{{ y }}` stays, and so does \\{{ y }}.

            ## Result {{ y[1,1] }}

            """
        let (folder, result) = try build(note)
        defer { folder.remove() }
        try #require(result.status == 0, "\(result)")

        let markdown = try folder.read("output/p.md")
        let html = try folder.read("output/p.html")

        #expect(markdown.contains(
            "Row $`\\begin{bmatrix} 10 & 10 & 6 \\end{bmatrix}`$, column $`9`$, sum $`315`$, shape $`3 \\times 3`$."))
        #expect(markdown.contains("Code `{{ y }}` stays, and so does {{ y }}."))
        #expect(markdown.contains("## Result $`4`$"))
        #expect(html.contains("<h2 id=\"result\">Result <math>"))
    }

    @Test func explainAllRendersEveryPart() throws {
        let (folder, result) = try build(placeholderNote)
        defer { folder.remove() }
        try #require(result.status == 0, "\(result)")

        let markdown = try folder.read("output/p.md")
        let html = try folder.read("output/p.html")

        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(headings == ["### Forward pass", "### im2col", "### Weight gradient", "### Input gradient",
                             "### Jacobians", "### Transposed convolution"])
        #expect(html.contains("<h3 id=\"forward-pass\">Forward pass "))
        #expect(html.contains("<h3 id=\"input-gradient\">Input gradient "))
        // The bare directive uses the nearest block above it, the symbolic seed block.
        #expect(markdown.contains("y_{11} &= 0 \\cdot a + 0 \\cdot b + 0 \\cdot c + x_{11} \\cdot d = d \\cdot x_{11}"))
        #expect(markdown.contains("```math\nw_{\\text{flip}} = \\begin{bmatrix} d & c \\\\ b & a \\end{bmatrix}\n```"))
        #expect(markdown.contains("```math\nW_{\\text{row}} = \\begin{bmatrix} a & b & c & d \\end{bmatrix}\n```"))
        #expect(markdown.contains(
            "\\frac{\\partial L}{\\partial x_{33}} = d \\, \\frac{\\partial L}{\\partial y_{33}} = d \\cdot 1 = d"))
    }

    @Test func verifyTableListsRoutes() throws {
        let (folder, result) = try build(placeholderNote)
        defer { folder.remove() }
        try #require(result.status == 0, "\(result)")

        let markdown = try folder.read("output/p.md")
        let html = try folder.read("output/p.html")

        #expect(markdown.contains("independent routes (symbolic, compared exactly):"))
        #expect(markdown.contains("| Quantity | Routes | Entries | Result |\n| --- | --- | --- | --- |\n"))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count >= 3)
        let outcomes = Dictionary(rows.map { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells.first ?? "", cells.suffix(2).joined(separator: " "))
        }, uniquingKeysWith: { first, _ in first })
        #expect(outcomes["`y`"] == "9 agree")
        #expect(outcomes["`dL/dw`"] == "4 agree")
        #expect(outcomes["`dL/dx`"] == "9 agree")
        #expect(!markdown.contains("disagree"))
        #expect(html.contains("<th>Quantity</th><th>Routes</th><th>Entries</th><th>Result</th>"))
    }

    static let expectedDiagnostics: [ExpectedDiagnostic] = [
        ExpectedDiagnostic(location: "3:19", message: "this placeholder has no spec block above it", note: nil),
        ExpectedDiagnostic(location: "11:12", message: "unknown quantity 'dL/dww'", note: "did you mean 'dL/dw'?"),
        ExpectedDiagnostic(location: "11:40", message: "unknown quantity 'yy'", note: "did you mean 'y'?"),
        ExpectedDiagnostic(location: "13:10", message: "no spec block is named 'seeed'", note: "did you mean 'seed'?"),
        ExpectedDiagnostic(location: "13:36",
                           message: "the spec block 'later' is defined below this placeholder, at line 24", note: nil),
        ExpectedDiagnostic(location: "15:6", message: "unsupported TeX command \\foo", note: nil),
        ExpectedDiagnostic(location: "18:11", message: "unsupported TeX command \\nope", note: nil),
        ExpectedDiagnostic(location: "20:5",
                           message: "the directive {{ explain forward }} must stand alone in its paragraph", note: nil),
        ExpectedDiagnostic(location: "22:1", message: "unknown explanation 'forwards'", note: "did you mean 'explain forward'?"),
    ]

    @Test(arguments: expectedDiagnostics)
    func placeholderErrorAtLocation(_ expected: ExpectedDiagnostic) throws {
        let (folder, result) = try build(placeholderErrorNote)
        defer { folder.remove() }

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let prefix = "notes/p.md:\(expected.location): error: "
        let line = lines.first { $0.hasPrefix(prefix) }
        #expect(line?.dropFirst(prefix.count).hasPrefix(expected.message) == true, "\(result)")
        if let note = expected.note {
            #expect(lines.contains("notes/p.md:\(expected.location): note: \(note)"), "\(result)")
        }
    }

    /// The filled-in TeX is longer than the note's, so an error after a placeholder must
    /// be traced back through it to the column the author wrote.
    @Test func texErrorAfterFilledPlaceholderPointsIntoTheNote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/p.md", "# P\n\n```conv\nx = [1 2 3]\nw = [1 1]\n```\n\nSee $é = {{ y }} + \\bad + {{ x }}$ here.\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/p.md:8:20: error: unsupported TeX command \\bad"), "\(result)")
    }

    /// A note converts each distinct formula once, but a formula that fails must still be
    /// reported at every place it appears.
    @Test func repeatedBadFormulaReportedEachTime() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/r.md", "# R\n\nOnce $\\bad x$ here.\n\nTwice $\\bad x$ there.\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/r.md:3:7: error: unsupported TeX command \\bad"), "\(result)")
        #expect(result.standardError.contains("notes/r.md:5:8: error: unsupported TeX command \\bad"), "\(result)")
    }

    @Test func placeholderErrorsAreAllReported() throws {
        let (folder, result) = try build(placeholderErrorNote)
        defer { folder.remove() }

        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == Self.expectedDiagnostics.count, "\(result)")
        #expect(result.standardError.contains("Built 0 of 1 note"), "\(result)")
        #expect(!folder.exists("output/p.html"))
    }

    @Test func unsupportedTeXHumanCaret() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/t.md", "# TeX\n\nText: ü $\\alpha + \\badcmd$ here.\n")

        let result = try folder.run("check")

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "\(result)")
        #expect(lines[0].hasPrefix("notes/t.md:3:19: error: unsupported TeX command \\badcmd"))
        #expect(lines[1] == " 3 | Text: ü $\\alpha + \\badcmd$ here.")
        #expect(lines[2] == "   | " + String(repeating: " ", count: 18) + "^~~~~~~")
    }

    @Test func indexBaseZeroSelectors() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/zero.md", """
            ---
            index-base: 0
            ---

            # Zero-based

            ```conv
            x : 2x2 = symbols(x)
            w = [1 2; 3 4]
            padding = same-start
            expect y[0,0] = (4x_00)
            ```

            First entry: {{ y[0,0] }}.

            """)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("output/zero.md").contains("First entry: $`4x_{00}`$."))
    }
}
