import Testing
import TeXMathML

/// Table cells that hold only a number take a shortcut past the general row parser. These
/// tests pin its output and check that cells just outside its reach still parse as before.
@Suite struct NumberCellTests {
    /// Returns the body of the `<math>` element for `tex`, without the annotation.
    func body(_ tex: String) throws -> String {
        let output = try TeXMathML.convert(tex, display: .inline)
        let start = try #require(output.range(of: "<semantics><mrow>"))
        let end = try #require(output.range(of: "</mrow><annotation"))
        return String(output[start.upperBound..<end.lowerBound])
    }

    @Test func numberCellsGiveNumbersAndMinus() throws {
        let tex = #"\begin{matrix} 1 & -2 & - 3 & .5 \\ -0.25 & 10 & 7 & 0 \end{matrix}"#
        let minus = "<mo>−</mo>"
        let expected = #"<mtable displaystyle="false">"#
            + "<mtr><mtd><mn>1</mn></mtd><mtd><mrow>\(minus)<mn>2</mn></mrow></mtd>"
            + "<mtd><mrow>\(minus)<mn>3</mn></mrow></mtd><mtd><mn>.5</mn></mtd></mtr>"
            + "<mtr><mtd><mrow>\(minus)<mn>0.25</mn></mrow></mtd><mtd><mn>10</mn></mtd>"
            + "<mtd><mn>7</mn></mtd><mtd><mn>0</mn></mtd></mtr></mtable>"
        #expect(try body(tex) == expected)
    }

    @Test func commentsMatchPlainCells() throws {
        let plain = try body(#"\begin{matrix} -2 & 1 \\ 3 & 4 \end{matrix}"#)
        let commented = try body("\\begin{matrix} -2 % a\n & 1 \\\\ 3%\n & 4 \\end{matrix}")
        #expect(commented == plain)
    }

    @Test func nonASCIISpaceMatchesPlainCells() throws {
        let plain = try body(#"\begin{matrix} 5 & 6 \end{matrix}"#)
        let spaced = try body("\\begin{matrix} 5\u{2003}& 6 \\end{matrix}")
        #expect(spaced == plain)
    }

    @Test func fontStylesNumberCells() throws {
        let output = try body(#"\mathbf{\begin{matrix} 1 & -2 \end{matrix}}"#)
        #expect(output.contains("<mn>𝟏</mn>"))
        #expect(output.contains("<mn>𝟐</mn>"))
        #expect(!output.contains("<mn>1</mn>"))
    }

    @Test func scriptsAfterNumberStayScripts() throws {
        let output = try body(#"\begin{matrix} 2^3 & 4_1 & 5' \end{matrix}"#)
        #expect(output.contains("<msup><mn>2</mn><mn>3</mn></msup>"))
        #expect(output.contains("<msub><mn>4</mn><mn>1</mn></msub>"))
        #expect(output.contains("<msup><mn>5</mn>"))
    }

    @Test func trailingPointIsNotPartOfNumber() throws {
        let output = try body(#"\begin{matrix} 2. & 3 \end{matrix}"#)
        #expect(output.contains("<mrow><mn>2</mn><mo lspace=\"0\" rspace=\"0\">.</mo></mrow>"))
    }

    @Test func alignedLeadingMinusIsInfix() throws {
        let output = try body(#"\begin{aligned} x &-1 \end{aligned}"#)
        #expect(output.contains(#"<mo form="infix">−</mo><mn>1</mn>"#))
    }

    @Test func numberBeforeLongerCommandIsError() throws {
        let error = conversionError(#"\begin{matrix} 1 \endx \end{matrix}"#)
        #expect(error?.message.contains(#"\endx"#) == true)
    }

    @Test func numberCellErrorsKeepPlaces() throws {
        let unclosed = try #require(conversionError(#"\begin{matrix} 1 & 2"#))
        #expect(unclosed.offset == 0)
        let stray = try #require(conversionError(#"\begin{cases} 1 & 2 & 3 \end{cases}"#))
        #expect(stray.offset == 20)
    }
}
