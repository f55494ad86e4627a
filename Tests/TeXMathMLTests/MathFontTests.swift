import Testing
import TeXMathML

/// Font commands map letters and digits to Unicode Mathematical Alphanumeric Symbols,
/// including the letters that live in the Letterlike Symbols block.
@Suite struct MathFontTests {
    @Test(arguments: [
        (#"\mathbf{A}"#, "<mi>𝐀</mi>"), (#"\mathbf{z}"#, "<mi>𝐳</mi>"),
        (#"\mathbf{7}"#, "<mn>𝟕</mn>"), (#"\mathbf{\Gamma}"#, "<mi>𝚪</mi>"),
        (#"\mathbf{\alpha}"#, "<mi>α</mi>"),
        (#"\mathit{h}"#, "<mi>ℎ</mi>"), (#"\mathit{g}"#, "<mi>𝑔</mi>"),
        (#"\mathit{\Delta}"#, "<mi>𝛥</mi>"),
        (#"\boldsymbol{x}"#, "<mi>𝒙</mi>"), (#"\bm{\theta}"#, "<mi>𝜽</mi>"),
        (#"\boldsymbol{\Sigma}"#, "<mi>𝚺</mi>"), (#"\boldsymbol{\nabla}"#, "<mi>𝛁</mi>"),
        (#"\boldsymbol{\partial}"#, "<mi>𝝏</mi>"), (#"\boldsymbol{\varphi}"#, "<mi>𝝋</mi>"),
        (#"\mathbb{R}"#, "<mi>ℝ</mi>"), (#"\mathbb{E}"#, "<mi>𝔼</mi>"),
        (#"\mathbb{N}"#, "<mi>ℕ</mi>"), (#"\mathbb{Z}"#, "<mi>ℤ</mi>"),
        (#"\mathbb{1}"#, "<mn>𝟙</mn>"),
        (#"\mathcal{B}"#, "<mi>ℬ</mi>"), (#"\mathcal{L}"#, "<mi>ℒ</mi>"),
        (#"\mathcal{N}"#, "<mi>𝒩</mi>"), (#"\mathcal{e}"#, "<mi>ℯ</mi>"),
        (#"\mathfrak{H}"#, "<mi>ℌ</mi>"), (#"\mathfrak{g}"#, "<mi>𝔤</mi>"),
        (#"\mathsf{T}"#, "<mi>𝖳</mi>"), (#"\mathtt{k}"#, "<mi>𝚔</mi>"),
        (#"\mathtt{0}"#, "<mn>𝟶</mn>"),
        (#"\mathrm{d}"#, #"<mi mathvariant="normal">d</mi>"#),
        (#"\mathrm{\alpha}"#, #"<mi mathvariant="normal">α</mi>"#),
    ])
    func fontCommand(tex: String, body: String) throws {
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func boldAppliesInsideScripts() throws {
        let tex = #"\mathbf{W_1}"#
        let body = "<msub><mi>𝐖</mi><mn>𝟏</mn></msub>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func boldLettersStaySeparate() throws {
        let tex = #"\mathbf{xy}"#
        let body = "<mrow><mi>𝐱</mi><mi>𝐲</mi></mrow>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func romanLettersMergeIntoWord() throws {
        let tex = #"\mathrm{arg\,min} \mathrm{d x}"#
        let body = #"<mrow><mi>arg</mi><mspace width="0.1667em"></mspace><mi>min</mi></mrow><mi>dx</mi>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func textFontCommandsMapLetters() throws {
        let tex = #"\textbf{Ab1} \textit{c} \text{d \textbf{e}}"#
        let body = "<mtext>𝐀𝐛𝟏</mtext><mtext>𝑐</mtext><mtext>d\u{00A0}𝐞</mtext>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func innerFontWins() throws {
        let tex = #"\mathbf{a \mathcal{L} b}"#
        let body = "<mrow><mi>𝐚</mi><mi>ℒ</mi><mi>𝐛</mi></mrow>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }
}
