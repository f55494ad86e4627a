import ConvolutionEngine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
        ("{{ figure impact x[9,9] }}", "this figure does not apply"),
    ])
    func badFigureIsReported(_ directive: String, _ message: String) {
        let rendered = render(Self.seed + directive + "\n")

        #expect(rendered.diagnostics.contains { $0.message.contains(message) }, "\(rendered.diagnostics)")
        #expect(rendered.figures.isEmpty)
    }
}
