import ConvolutionEngine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NoteMarkdown
import NoteSpec
import SourceDiagnostics
import Testing
@testable import NoteRender

/// The figure directives: SVG drawn from the spec's numbers, with accessible text.
@Suite struct FigureTests {
    static let seed = """
        # Seed

        ```conv seed
        x : 3x3 = symbols(x)
        w = [a b; c d]
        padding = same-start
        ```

        """

    @Test(arguments: ["padding", "window y[2,2]", "impact x[1,1]", "im2col", "jacobian", "jacobian x[2,2]", "flip"])
    func figureIsAccessibleSVG(_ kind: String) throws {
        let rendered = render(Self.seed + "{{ figure \(kind) }}\n")

        #expect(rendered.diagnostics.isEmpty, "\(rendered.diagnostics)")
        let figure = try #require(rendered.figures.first)
        #expect(figure.fileName == "note-figure-1.svg")
        #expect(figure.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(figure.svg.contains("role=\"img\""))
        #expect(figure.svg.contains("<title id=\"figure-1-title\">"))
        #expect(figure.svg.contains("<desc id=\"figure-1-desc\">"))
        let parser = XMLParser(data: Data(figure.svg.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(rendered.html.contains(figure.svg))
        #expect(rendered.markdown.contains("](note-figure-1.svg)"))
    }

    @Test func impactNamesTheWeights() throws {
        let rendered = render(Self.seed + "{{ figure impact x[1,1] }}\n")
        let figure = try #require(rendered.figures.first)

        #expect(figure.svg.contains("x[1,1] reaches y[1,1] through d, y[1,2] through c, y[2,1] through b, y[2,2] through a."))
        #expect(figure.title == "The outputs that x[1,1] reaches")
    }

    @Test func paddingIsDashed() throws {
        let rendered = render(Self.seed + "{{ figure padding }}\n")
        let svg = try #require(rendered.figures.first?.svg)

        // Seven padding cells (the top row and the left column of the 4 × 4 grid).
        #expect(svg.components(separatedBy: "class=\"pad\"").count - 1 == 7)
        #expect(svg.contains("1 on the top and 0 on the bottom, 1 on the left and 0 on the right"))
    }

    @Test func figuresAreDeterministic() {
        let first = render(Self.seed + "{{ figure jacobian }}\n\n{{ figure im2col }}\n")
        let second = render(Self.seed + "{{ figure jacobian }}\n\n{{ figure im2col }}\n")

        #expect(first.figures == second.figures)
        #expect(first.figures.map(\.fileName) == ["note-figure-1.svg", "note-figure-2.svg"])
    }

    @Test(arguments: [
        ("{{ figure windows y[1,1] }}", "unknown figure 'windows'"),
        ("{{ figure window x[1,1] }}", "figure window needs one entry of y"),
        ("{{ figure impact x[9,9] }}", "index 9 of x[9,9] is out of range"),
    ])
    func badFigureIsReported(_ directive: String, _ message: String) {
        let rendered = render(Self.seed + directive + "\n")

        #expect(rendered.diagnostics.contains { $0.message.contains(message) }, "\(rendered.diagnostics)")
        #expect(rendered.figures.isEmpty)
    }

    /// Renders a note that should have one diagnostic, and returns that diagnostic.
    private func figureDiagnostic(_ note: String) throws -> Diagnostic {
        let rendered = render(note)
        #expect(rendered.figures.isEmpty)
        #expect(rendered.diagnostics.count == 1, "\(rendered.diagnostics)")
        return try #require(rendered.diagnostics.first)
    }

    @Test func impactIndexOutOfRange() throws {
        let diagnostic = try figureDiagnostic(Self.seed + "{{ figure impact x[0,0] }}\n")

        #expect(diagnostic.id == "figure.entry-range")
        #expect(diagnostic.message == "index 0 of x[0,0] is out of range: x has shape 3 × 3, so figure impact needs the row in 1...3 and the column in 1...3")
        #expect(diagnostic.notes == ["this note counts from 1 (index-base in the front matter); write {{ figure impact x[1,1] }}"])
        #expect(diagnostic.range?.start == SourceLocation(line: 8, column: 1))
    }

    @Test func windowIndexOutOfRange() throws {
        let diagnostic = try figureDiagnostic(Self.seed + "{{ figure window y[99,99] }}\n")

        #expect(diagnostic.id == "figure.entry-range")
        #expect(diagnostic.message == "index 99 of y[99,99] is out of range: y has shape 3 × 3, so figure window needs the row in 1...3 and the column in 1...3")
    }

    @Test func windowWholeAxisIsRejected() throws {
        let diagnostic = try figureDiagnostic(Self.seed + "{{ figure window y[:,1] }}\n")

        #expect(diagnostic.id == "figure.entry-axis")
        #expect(diagnostic.message == "figure window needs one entry of y, but y[:,1] selects a whole row with ':'")
        #expect(diagnostic.notes == ["write {{ figure window y[1,1] }}, with the row in 1...3 and the column in 1...3"])
    }

    @Test func batchedEntryNeedsEveryIndex() throws {
        let note = """
            # Batch

            ```conv
            x : 2x1x3x3 = arange
            w = [1 2; 3 4]
            ```

            {{ figure impact x[1,1] }}

            """

        let diagnostic = try figureDiagnostic(note)

        #expect(diagnostic.id == "figure.entry-rank")
        #expect(diagnostic.message
            == "figure impact needs one entry of x with 4 indices (batch, channel, row, column), because x has shape 2 × 1 × 3 × 3, but x[1,1] gives 2")
        #expect(diagnostic.notes
            == ["write {{ figure impact x[1,1,1,1] }}, with the batch in 1...2, the channel in 1...1, the row in 1...3 and the column in 1...3"])
    }

    @Test func zeroBasedRangesUseBase() throws {
        let note = """
            ---
            index-base: 0
            ---
            # Seed

            ```conv
            x : 3x3 = symbols(x)
            w = [a b; c d]
            ```

            {{ figure window y[2,0] }}

            """
        let (parsed, _) = NoteParser.parse(note)
        guard case .codeBlock(_, _, let lines, let location)? = parsed.blocks.dropFirst().first else {
            Issue.record("the second block is not the spec block")
            return
        }
        let spec = try SpecEvaluator(indexBase: 0).evaluate(SpecParser().parse(
            name: "conv1", range: SourceRange(at: location, length: 3),
            lines: lines.map { SpecLine(text: $0.text, location: $0.location) }).spec)

        let rendered = NoteRenderer(generator: "convnote test").render(parsed, specs: [(.evaluated(spec), location.line)])

        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(diagnostic.message == "index 2 of y[2,0] is out of range: y has shape 2 × 2, so figure window needs the row in 0...1 and the column in 0...1")
        #expect(diagnostic.notes == ["this note counts from 0 (index-base in the front matter); write {{ figure window y[0,0] }}"])
    }

    @Test func windowOfTransposeIsRejected() throws {
        let note = """
            # Transposed

            ```conv
            x = [1 2; 3 4]
            w = [1 2; 3 4]
            kind = transpose
            ```

            {{ figure window y[1,1] }}

            """

        let diagnostic = try figureDiagnostic(note)

        #expect(diagnostic.id == "figure.needs-convolution")
        #expect(diagnostic.message == "figure window draws the window of a convolution, but the spec 'conv1' has kind = transpose")
    }
}
