import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteRender

/// Returns the sum a_1 + a_2 + ... + a_count, whose terms stay in index order for count below 10.
private func sum(of count: Int) -> Polynomial {
    (1...count).map { Polynomial(symbol: "a_\($0)") }.reduce(.zero, +)
}

/// Long symbolic entries are cut down, and values whose formula is still over the
/// converter's length limit are errors at the placeholder or directive that asked for them.
@Suite struct LargeValueTests {
    @Test func twelveTermsShownWhole() {
        let tex = TeXWriter.scalar(.exact(sum(of: 9) + Polynomial(symbol: "b") + Polynomial(symbol: "c") + Polynomial(symbol: "d")))

        #expect(tex == "a_{1} + a_{2} + a_{3} + a_{4} + a_{5} + a_{6} + a_{7} + a_{8} + a_{9} + b + c + d")
    }

    @Test func longSumIsCutDown() {
        let tex = TeXWriter.scalar(.exact(sum(of: 9) + (1...11).map { Polynomial(symbol: "b_\($0)") }.reduce(.zero, +)))

        #expect(tex.hasPrefix("a_{1} + a_{2} + a_{3} + a_{4} + a_{5} + a_{6} + a_{7} + a_{8} + \\cdots"))
        #expect(tex.hasSuffix("\\cdots \\; \\text{(12 more terms)}"))
        #expect(!tex.contains("a_{9}"))
    }

    @Test func cutDownSumConverts() throws {
        let tex = TeXWriter.scalar(.exact(sum(of: 9) + (1...11).map { Polynomial(symbol: "b_\($0)") }.reduce(.zero, +)))
        var diagnostics: [Diagnostic] = []
        let request = TeXRequest(range: SourceRange(at: SourceLocation(line: 1, column: 1)), subject: "test", advice: "none")

        let formula = MathConverter().generated(tex, display: false, for: request, diagnostics: &diagnostics)

        #expect(diagnostics.isEmpty)
        #expect(formula.mathML.contains("<mtext>(12\u{A0}more\u{A0}terms)</mtext>"))
    }

    /// A 40 × 40 symbolic input gives weight gradient entries of 39 · 39 = 1521 products,
    /// which written out made a formula of about 165 000 characters.
    @Test func largeSymbolicWeightGradient() {
        let note = """
            # Gradient

            ```conv
            x : 40x40 = symbols(x)
            w : 2x2 = symbols(w)
            dL/dy = symbols(g)
            ```

            {{ explain weight-gradient }}

            $g = {{ dL/dw }}$
            """

        let rendered = render(note)

        #expect(rendered.diagnostics.map(\.message) == [])
        #expect(rendered.markdown.contains("\\cdots \\; \\text{(1513 more terms)}"))
        #expect(rendered.html.contains("<mtext>(1513\u{A0}more\u{A0}terms)</mtext>"))
        #expect(!rendered.html.contains("too large to show"))
    }

    /// 8 · 16 · 16 · 16 ones make a matrix of about 137 000 characters of TeX.
    @Test func placeholderTooLargeIsError() throws {
        let note = """
            # Big

            ```conv
            x : 8x16x16x16 = ones
            w : 16x1x1 = ones
            ```

            The input is {{ x }}.
            """

        let rendered = render(note)

        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(rendered.diagnostics.count == 1)
        #expect(diagnostic.id == "render.value-too-large")
        #expect(diagnostic.range?.start == SourceLocation(line: 8, column: 14))
        #expect(diagnostic.message.hasPrefix("the value of {{ x }} is too large to show: with its values filled in, the formula is "))
        #expect(diagnostic.message.hasSuffix(" characters long, over the limit of 100000"))
        #expect(diagnostic.notes == ["select fewer entries, such as {{ x[1,1,1,1] }} for one entry, or write {{ x | shape }} for its shape"])
        #expect(rendered.markdown.contains("The input is `{{ x }}`."))
    }

    @Test func directiveTooLargeIsOneError() throws {
        let note = """
            # Big

            ```conv
            x : 8x16x16x16 = ones
            w : 16x1x1 = ones
            ```

            {{ explain all }}
            """

        let rendered = render(note)

        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(rendered.diagnostics.count == 1)
        #expect(diagnostic.id == "render.value-too-large")
        #expect(diagnostic.range?.start == SourceLocation(line: 8, column: 1))
        #expect(diagnostic.message.hasPrefix("the output of {{ explain all }} is too large to show"))
        #expect(diagnostic.notes == [
            "use the directive with a smaller spec, or show the entries you need with placeholders, such as {{ y[1,1,1,1] }}",
        ])
        #expect(rendered.html.contains("<mtext>(too\u{A0}large\u{A0}to\u{A0}show)</mtext>"))
        #expect(!rendered.diagnostics.contains { $0.id == "internal.generated-tex" })
    }

    /// Seven placeholders of about 17 000 characters each fit one by one, but not together.
    @Test func filledFormulaTooLargeNamesBothLengths() throws {
        let formula = "s = " + Array(repeating: "{{ x }}", count: 7).joined(separator: " + ")
        let note = """
            # Big

            ```conv
            x : 1x16x16x16 = ones
            w : 16x1x1 = ones
            ```

            $\(formula)$
            """

        let rendered = render(note)

        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(rendered.diagnostics.count == 1)
        #expect(diagnostic.id == "render.formula-too-large")
        #expect(diagnostic.range?.start == SourceLocation(line: 8, column: 1))
        #expect(diagnostic.range?.end == SourceLocation(line: 8, column: formula.count + 3))
        #expect(diagnostic.message.hasPrefix("this formula is too large to show: with its placeholders filled in, it is "))
        #expect(diagnostic.message.hasSuffix(" characters long, over the limit of 100000, although the note writes \(formula.count) characters"))
        #expect(!diagnostic.message.contains("split it"))
    }
}
