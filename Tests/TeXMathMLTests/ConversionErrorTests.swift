import Testing
import TeXMathML

/// One rejected formula with the exact error it must raise.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var tex: String
    var offset: Int
    var length: Int
    var message: String

    var testDescription: String { tex }
}

/// Every kind of error, with its exact offset, length and message.
@Suite struct ConversionErrorTests {
    static let environmentList = "matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, smallmatrix, "
        + "cases, aligned, align*, array"

    static let cases: [ErrorCase] = [
        ErrorCase(
            tex: #"\fracc{a}{b}"#, offset: 0, length: 6,
            message: #"unsupported TeX command \fracc; did you mean \frac?"#),
        ErrorCase(
            tex: #"a + \foo"#, offset: 4, length: 4,
            message: #"unsupported TeX command \foo; rewrite it with supported commands or put words in \text{…}"#),
        ErrorCase(
            tex: #"\over"#, offset: 0, length: 5,
            message: #"unsupported TeX command \over; write \frac{a}{b} instead of {a \over b}"#),
        ErrorCase(
            tex: #"\begin{matrix} a \hline \end{matrix}"#, offset: 17, length: 6,
            message: #"unsupported TeX command \hline; remove it, because MathML Core tables cannot draw rules"#),
        ErrorCase(
            tex: #"\begin{foo} a \end{foo}"#, offset: 7, length: 3,
            message: "unsupported environment foo; use one of " + environmentList),
        ErrorCase(
            tex: #"\begin{bmatrx} a \end{bmatrx}"#, offset: 7, length: 6,
            message: "unsupported environment bmatrx; did you mean bmatrix?"),
        ErrorCase(
            tex: #"\begin{bmatrix} a \end{pmatrix}"#, offset: 18, length: 13,
            message: #"\end{pmatrix} does not match \begin{bmatrix}; write \end{bmatrix}"#),
        ErrorCase(
            tex: #"\begin{bmatrix} a & b"#, offset: 0, length: 15,
            message: #"\begin{bmatrix} has no matching \end{bmatrix}; add it after the last row"#),
        ErrorCase(
            tex: #"x + \end{matrix}"#, offset: 4, length: 12,
            message: #"\end{matrix} has no matching \begin; remove it or add \begin{matrix} before it"#),
        ErrorCase(
            tex: #"\begin bmatrix"#, offset: 0, length: 6,
            message: #"\begin needs an environment name in braces, as in \begin{bmatrix}"#),
        ErrorCase(
            tex: #"a{b"#, offset: 1, length: 1,
            message: "unmatched {; add a matching } where the group ends"),
        ErrorCase(
            tex: #"{a}}"#, offset: 3, length: 1,
            message: "unmatched }; remove it or add a matching { before it"),
        ErrorCase(
            tex: #"\left( {a \right)}"#, offset: 7, length: 1,
            message: "unmatched {; add a matching } where the group ends"),
        ErrorCase(
            tex: #"\left( a"#, offset: 0, length: 6,
            message: #"\left( has no matching \right; close it with \right) or \right. in the same group"#),
        ErrorCase(
            tex: #"{\left\langle a}"#, offset: 1, length: 12,
            message: #"\left\langle has no matching \right; close it with \right\rangle or \right. in the same group"#),
        ErrorCase(
            tex: #"a \right)"#, offset: 2, length: 6,
            message: #"\right has no matching \left; add a \left before it in the same group or remove it"#),
        ErrorCase(
            tex: #"\left x \right)"#, offset: 0, length: 5,
            message: #"\left needs a delimiter after it, such as ( [ \{ \langle | or the empty delimiter ."#),
        ErrorCase(
            tex: #"a \middle| b"#, offset: 2, length: 7,
            message: #"\middle is outside a \left … \right pair; put it between \left and \right in the same group"#),
        ErrorCase(
            tex: #"a & b"#, offset: 2, length: 1,
            message: #"alignment tab & is outside an environment; write \& for an ampersand or put the rows in \begin{aligned} … \end{aligned}"#),
        ErrorCase(
            tex: #"a \\ b"#, offset: 2, length: 2,
            message: #"line break \\ is outside an environment; put the lines in \begin{aligned} … \end{aligned}"#),
        ErrorCase(
            tex: #"\begin{matrix} {a & b} \end{matrix}"#, offset: 18, length: 1,
            message: #"alignment tab & is inside braces or \left … \right within an environment; close that group before the &"#),
        ErrorCase(
            tex: #"\frac{a}"#, offset: 0, length: 5,
            message: #"\frac is missing its second argument; write \frac{numerator}{denominator}"#),
        ErrorCase(
            tex: #"\frac"#, offset: 0, length: 5,
            message: #"\frac is missing its first argument; write \frac{numerator}{denominator}"#),
        ErrorCase(
            tex: #"{\sqrt}"#, offset: 1, length: 5,
            message: #"\sqrt is missing its argument; write \sqrt{x} or \sqrt[n]{x}"#),
        ErrorCase(
            tex: #"\sqrt[3"#, offset: 5, length: 1,
            message: #"\sqrt[ has no closing ]; write \sqrt[n]{x}"#),
        ErrorCase(
            tex: #"\frac\left(a\right)b"#, offset: 5, length: 5,
            message: #"\left cannot be an argument or a script on its own; put it inside braces, as in {\left …}"#),
        ErrorCase(
            tex: #"x^a^b"#, offset: 3, length: 1,
            message: "double superscript; join both into one, as in x^{ab}, or brace the base, as in {x^a}^b"),
        ErrorCase(
            tex: #"x^2'"#, offset: 3, length: 1,
            message: "double superscript; join both into one, as in x^{ab}, or brace the base, as in {x^a}^b"),
        ErrorCase(
            tex: #"x_a_b"#, offset: 3, length: 1,
            message: "double subscript; join both into one, as in x_{ij}, or brace the base, as in {x_i}_j"),
        ErrorCase(
            tex: #"x^"#, offset: 1, length: 1,
            message: "superscript ^ has nothing after it; write the superscript in braces, as in x^{2}"),
        ErrorCase(
            tex: #"{x_}"#, offset: 2, length: 1,
            message: "subscript _ has nothing after it; write the subscript in braces, as in x_{i}"),
        ErrorCase(
            tex: #"a + \"#, offset: 4, length: 1,
            message: #"backslash at the end of the formula has no command name; remove it or write \backslash for a backslash symbol"#),
        ErrorCase(
            tex: #"\begin{cases} a & b & c \end{cases}"#, offset: 20, length: 1,
            message: "too many columns: cases allows 2 per row; remove the extra &"),
        ErrorCase(
            tex: #"\begin{array}{cc} a & b & c \end{array}"#, offset: 24, length: 1,
            message: "too many columns: the array column spec declares 2; add a column to the spec or remove the extra &"),
        ErrorCase(
            tex: #"\begin{array}{cx} a \end{array}"#, offset: 15, length: 1,
            message: "unsupported column type x in the array column spec; use l, c or r"),
        ErrorCase(
            tex: #"\begin{array} a \end{array}"#, offset: 0, length: 6,
            message: #"array needs a column spec in braces, as in \begin{array}{cc}"#),
        ErrorCase(
            tex: #"\begin{matrix} a \\[x] b \end{matrix}"#, offset: 19, length: 3,
            message: #"invalid row spacing after \\; write a length such as \\[4pt]"#),
        ErrorCase(
            tex: #"\text{a_b}"#, offset: 7, length: 1,
            message: #"unescaped _ inside \text; write \_ for the character itself"#),
        ErrorCase(
            tex: #"\text{$x$}"#, offset: 6, length: 1,
            message: #"$ inside \text; close \text{…} before the math and reopen it after, or write \$ for a dollar sign"#),
        ErrorCase(
            tex: #"\text{a \foo}"#, offset: 8, length: 4,
            message: #"unsupported command \foo inside \text; close \text{…} before the math and reopen it after"#),
        ErrorCase(
            tex: #"\text{a {b}"#, offset: 5, length: 1,
            message: "unmatched {; add a matching } where the group ends"),
        ErrorCase(
            tex: #"\text x"#, offset: 0, length: 5,
            message: #"\text needs its text in braces, as in \text{for all}"#),
        ErrorCase(
            tex: ##"a\#b#"##, offset: 4, length: 1,
            message: ##"unsupported character # (U+0023) in math; write \# for a number sign"##),
        ErrorCase(
            tex: "x = 😀", offset: 4, length: 1,
            message: #"unsupported character 😀 (U+1F600) in math; write it with a TeX command or inside \text{…}"#),
        ErrorCase(
            tex: "a\u{7}", offset: 1, length: 1,
            message: "invalid character U+0007 in the formula, because HTML forbids control characters and noncharacters; remove it"),
        ErrorCase(
            tex: #"x\limits"#, offset: 1, length: 7,
            message: #"\limits must follow a large operator such as \sum or \lim"#),
        // Offsets count Unicode scalars: α and the non-BMP 𝐱 are one scalar each.
        ErrorCase(
            tex: #"α + 𝐱 + \foo"#, offset: 8, length: 4,
            message: #"unsupported TeX command \foo; rewrite it with supported commands or put words in \text{…}"#),
        ErrorCase(
            tex: "\\" + String(repeating: "a", count: 50), offset: 0, length: 51,
            message: #"unsupported TeX command \"# + String(repeating: "a", count: 40)
                + #"…; rewrite it with supported commands or put words in \text{…}"#),
    ]

    @Test(arguments: cases)
    func rejectsWithExactError(_ errorCase: ErrorCase) {
        let error = conversionError(errorCase.tex)
        #expect(error?.offset == errorCase.offset)
        #expect(error?.length == errorCase.length)
        #expect(error?.message == errorCase.message)
    }

    @Test func nestingPastLimitPointsAtFirstExtraBrace() {
        let tex = String(repeating: "{", count: 101) + "x" + String(repeating: "}", count: 101)
        let error = conversionError(tex)
        #expect(error?.offset == 100)
        #expect(error?.length == 1)
        #expect(error?.message == #"formula nests deeper than 100 levels of braces, environments, \left … \right pairs and arguments; split it into smaller formulas"#)
    }

    @Test func nestingAtLimitConverts() throws {
        let tex = String(repeating: "{", count: 100) + "x" + String(repeating: "}", count: 100)
        let output = try TeXMathML.convert(tex, display: .block)
        #expect(output.contains("<mi>x</mi>"))
    }

    @Test func inputPastLengthLimitIsRejected() {
        let error = conversionError(String(repeating: "a", count: 100_001))
        #expect(error?.offset == 100_000)
        #expect(error?.length == 1)
        #expect(error?.message == "formula is 100001 characters long, over the limit of 100000; split it into smaller formulas")
    }

    @Test func inputAtLengthLimitConverts() throws {
        let output = try TeXMathML.convert(String(repeating: "a", count: 100_000), display: .inline)
        #expect(output.hasPrefix("<math><semantics><mrow><mi>a</mi><mi>a</mi>"))
    }
}
