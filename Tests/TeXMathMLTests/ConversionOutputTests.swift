import Testing
import TeXMathML

/// Whole-output expectations for representative formulas.
@Suite struct ConversionOutputTests {
    /// The markup of `\sum`, whose limits the converter places itself, and of the opening and
    /// closing stretchy fences.
    static let sumOperator = #"<mo form="prefix" largeop="true" movablelimits="false">∑</mo>"#
    static let openFence = #"<mo fence="true" form="prefix" stretchy="true" symmetric="true">"#
    static let closeFence = #"<mo fence="true" form="postfix" stretchy="true" symmetric="true">"#

    @Test func wholeDocumentForSingleLetter() throws {
        let output = try TeXMathML.convert("x", display: .block)
        #expect(output == #"<math display="block"><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math>"#)
    }

    @Test func inlineDocumentHasNoDisplayAttribute() throws {
        let output = try TeXMathML.convert("x", display: .inline)
        #expect(output == #"<math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math>"#)
    }

    @Test func fractionWithPartialDerivatives() throws {
        let tex = #"\frac{\partial L}{\partial w_{ij}}"#
        let body = "<mfrac><mrow><mi>∂</mi><mi>L</mi></mrow>"
            + "<mrow><mi>∂</mi><msub><mi>w</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></mrow></mfrac>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func numbersLettersAndOperators() throws {
        let tex = #"y = 0.25x - 12"#
        let body = "<mi>y</mi><mo>=</mo><mn>0.25</mn><mi>x</mi><mo>−</mo><mn>12</mn>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func sumWithLimitsInDisplay() throws {
        let tex = #"\sum_{k=0}^{K-1} w_k"#
        let body = "<munderover>" + Self.sumOperator
            + "<mrow><mi>k</mi><mo>=</mo><mn>0</mn></mrow>"
            + "<mrow><mi>K</mi><mo>−</mo><mn>1</mn></mrow></munderover>"
            + "<msub><mi>w</mi><mi>k</mi></msub>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func sumWithLimitsInline() throws {
        let tex = #"\sum_{k=0}^{K-1} w_k"#
        let body = "<msubsup>" + Self.sumOperator
            + "<mrow><mi>k</mi><mo>=</mo><mn>0</mn></mrow>"
            + "<mrow><mi>K</mi><mo>−</mo><mn>1</mn></mrow></msubsup>"
            + "<msub><mi>w</mi><mi>k</mi></msub>"
        #expect(try TeXMathML.convert(tex, display: .inline)
            == expectedMath(body, annotation: tex, display: .inline))
    }

    @Test func limitsOfIntegralStayBesideInDisplay() throws {
        let tex = #"\int_0^1"#
        let body = #"<msubsup><mo form="prefix" largeop="true" movablelimits="false">∫</mo>"#
            + "<mn>0</mn><mn>1</mn></msubsup>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func limitsCommandForcesLimitsInline() throws {
        let tex = #"\sum\limits_{i}"#
        let body = "<munder>" + Self.sumOperator + "<mi>i</mi></munder>"
        #expect(try TeXMathML.convert(tex, display: .inline)
            == expectedMath(body, annotation: tex, display: .inline))
    }

    @Test func limitUnderFunctionNameInDisplay() throws {
        let tex = #"\lim_{n\to\infty} a_n"#
        let body = "<munder><mi>lim</mi><mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow></munder>"
            + "<mo>\u{2061}</mo><mspace width=\"0.1667em\"></mspace><msub><mi>a</mi><mi>n</mi></msub>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func functionNameBeforeParenthesisHasNoSpace() throws {
        let tex = #"\sin(x)"#
        let body = "<mi>sin</mi><mo>\u{2061}</mo>"
            + #"<mo form="prefix" stretchy="false">(</mo><mi>x</mi><mo form="postfix" stretchy="false">)</mo>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func leftRightParentheses() throws {
        let tex = #"\left( \frac{a}{b} \right)"#
        let body = "<mrow>" + Self.openFence + "(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac>"
            + Self.closeFence + ")</mo></mrow>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func leftBraceWithNullRightDelimiter() throws {
        let tex = #"\left\{ x \right."#
        let body = "<mrow>" + Self.openFence + "{</mo><mi>x</mi></mrow>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func sizedDelimiters() throws {
        let tex = #"\bigl( a \Bigr]"#
        let body = #"<mo form="prefix" maxsize="1.2em" minsize="1.2em" stretchy="true" symmetric="true">(</mo>"#
            + "<mi>a</mi>"
            + #"<mo form="postfix" maxsize="1.8em" minsize="1.8em" stretchy="true" symmetric="true">]</mo>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func bmatrixPadsShortRow() throws {
        let tex = #"\begin{bmatrix} a & b \\ c \end{bmatrix}"#
        let body = "<mrow>" + Self.openFence + "[</mo>" + #"<mtable displaystyle="false">"#
            + "<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd><mi>c</mi></mtd><mtd></mtd></mtr>"
            + "</mtable>" + Self.closeFence + "]</mo></mrow>"
        let annotation = #"\begin{bmatrix} a &amp; b \\ c \end{bmatrix}"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: annotation))
    }

    @Test func trailingRowBreakAddsNoRow() throws {
        let tex = #"\begin{matrix} a \\ b \\ \end{matrix}"#
        let body = #"<mtable displaystyle="false">"#
            + "<mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func casesAlignsLeft() throws {
        let tex = #"|x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}"#
        let left = #"<mtd style="text-align: left; text-align: -webkit-left">"#
        let condition = #"<mtd style="text-align: left; text-align: -webkit-left; padding-left: 1em">"#
        let bar = #"<mo lspace="0" rspace="0" stretchy="false">|</mo>"#
        let body = bar + "<mi>x</mi>" + bar + "<mo>=</mo>"
            + "<mrow>" + Self.openFence + "{</mo>" + #"<mtable displaystyle="false">"#
            + "<mtr>" + left + "<mi>x</mi></mtd>" + condition
            + "<mrow><mi>x</mi><mo>≥</mo><mn>0</mn></mrow></mtd></mtr>"
            + "<mtr>" + left + "<mrow><mo>−</mo><mi>x</mi></mrow></mtd>" + condition
            + "<mtext>otherwise</mtext></mtd></mtr>"
            + "</mtable></mrow>"
        let annotation = #"|x| = \begin{cases} x &amp; x \ge 0 \\ -x &amp; \text{otherwise} \end{cases}"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: annotation))
    }

    @Test func alignedPairsRightAndLeftColumns() throws {
        let tex = #"\begin{aligned} a &= b \\ &= c \end{aligned}"#
        let right = #"<mtd style="text-align: right; text-align: -webkit-right; padding-right: 0">"#
        let left = #"<mtd style="text-align: left; text-align: -webkit-left; padding-left: 0">"#
        let body = #"<mtable displaystyle="true">"#
            + "<mtr>" + right + "<mi>a</mi></mtd>"
            + left + #"<mrow><mo form="infix">=</mo><mi>b</mi></mrow></mtd></mtr>"#
            + "<mtr>" + right + "<mrow></mrow></mtd>"
            + left + #"<mrow><mo form="infix">=</mo><mi>c</mi></mrow></mtd></mtr>"#
            + "</mtable>"
        let annotation = #"\begin{aligned} a &amp;= b \\ &amp;= c \end{aligned}"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: annotation))
    }

    @Test func arrayUsesColumnSpec() throws {
        let tex = #"\begin{array}{|l|r|} a & b \end{array}"#
        let body = #"<mtable displaystyle="false"><mtr>"#
            + #"<mtd style="text-align: left; text-align: -webkit-left"><mi>a</mi></mtd>"#
            + #"<mtd style="text-align: right; text-align: -webkit-right"><mi>b</mi></mtd>"#
            + "</mtr></mtable>"
        let annotation = #"\begin{array}{|l|r|} a &amp; b \end{array}"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: annotation))
    }

    @Test func smallmatrixIsInScriptStyle() throws {
        let tex = #"\begin{smallmatrix} 1 \end{smallmatrix}"#
        let body = #"<mstyle displaystyle="false" scriptlevel="1"><mtable displaystyle="false"><mtr><mtd><mn>1</mn></mtd></mtr></mtable></mstyle>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func boldVectorUsesMathematicalBold() throws {
        let tex = #"\mathbf{x}"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath("<mi>𝐱</mi>", annotation: tex))
    }

    @Test func textBecomesMtextWithNoBreakSpaces() throws {
        let tex = #"\text{for all } x"#
        let body = "<mtext>for\u{00A0}all\u{00A0}</mtext><mi>x</mi>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func greekLowerItalicUpperUpright() throws {
        let tex = #"\alpha + \varepsilon + \Gamma"#
        let body = #"<mi>α</mi><mo>+</mo><mi>ε</mi><mo>+</mo><mi mathvariant="normal">Γ</mi>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func underbraceLabelGoesBelow() throws {
        let tex = #"\underbrace{a+b}_{n}"#
        let body = #"<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy="true">⏟</mo></munder><mi>n</mi></munder>"#
        #expect(try TeXMathML.convert(tex, display: .inline)
            == expectedMath(body, annotation: tex, display: .inline))
    }

    @Test func overbraceLabelGoesAbove() throws {
        let tex = #"\overbrace{x}^{k}"#
        let body = #"<mover><mover><mi>x</mi><mo stretchy="true">⏞</mo></mover><mi>k</mi></mover>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func primesAreSuperscripts() throws {
        let tex = #"f'(x) + x'' + g'^2"#
        let prime = #"<mo lspace="0" rspace="0">′</mo>"#
        let body = "<msup><mi>f</mi>" + prime + "</msup>"
            + #"<mo form="prefix" stretchy="false">(</mo><mi>x</mi><mo form="postfix" stretchy="false">)</mo>"#
            + "<mo>+</mo>"
            + #"<msup><mi>x</mi><mo lspace="0" rspace="0">″</mo></msup>"#
            + "<mo>+</mo>"
            + "<msup><mi>g</mi><mrow>" + prime + "<mn>2</mn></mrow></msup>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func scriptsInEitherOrder() throws {
        let expected = "<msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>"
        #expect(try TeXMathML.convert("x^2_1", display: .block) == expectedMath(expected, annotation: "x^2_1"))
        #expect(try TeXMathML.convert("x_1^2", display: .block) == expectedMath(expected, annotation: "x_1^2"))
    }

    @Test func rootsAndBinomial() throws {
        let tex = #"\sqrt{x} \sqrt[3]{y} \binom{n}{k}"#
        let body = "<msqrt><mi>x</mi></msqrt><mroot><mi>y</mi><mn>3</mn></mroot>"
            + "<mrow>" + Self.openFence + "(</mo>"
            + #"<mfrac linethickness="0"><mi>n</mi><mi>k</mi></mfrac>"#
            + Self.closeFence + ")</mo></mrow>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func displayAndTextFractions() throws {
        let tex = #"\dfrac{a}{b} \tfrac{c}{d}"#
        let body = #"<mstyle displaystyle="true" scriptlevel="0"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>"#
            + "<mfrac><mi>c</mi><mi>d</mi></mfrac>"
        #expect(try TeXMathML.convert(tex, display: .inline)
            == expectedMath(body, annotation: tex, display: .inline))
    }

    @Test func accents() throws {
        let tex = #"\hat{x} \widetilde{xy} \vec{v} \overline{z} \underline{w}"#
        let body = #"<mover accent="true"><mi>x</mi><mo stretchy="false">^</mo></mover>"#
            + #"<mover accent="true"><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy="true">~</mo></mover>"#
            + #"<mover accent="true"><mi>v</mi><mo stretchy="false">→</mo></mover>"#
            + #"<mover accent="true"><mi>z</mi><mo stretchy="true">‾</mo></mover>"#
            + #"<munder accentunder="true"><mi>w</mi><mo stretchy="true">_</mo></munder>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func uprightRomanAndOperatorName() throws {
        let tex = #"\mathrm{d}x \mathrm{ReLU} \operatorname{vec}(W)"#
        let body = #"<mi mathvariant="normal">d</mi><mi>x</mi><mi>ReLU</mi>"#
            + "<mi>vec</mi><mo>\u{2061}</mo>"
            + #"<mo form="prefix" stretchy="false">(</mo><mi>W</mi><mo form="postfix" stretchy="false">)</mo>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func starredOperatorNameTakesLimitsInDisplay() throws {
        let tex = #"\operatorname*{argmax}_{\theta} f"#
        let body = "<munder><mi>argmax</mi><mi>θ</mi></munder>"
            + "<mo>\u{2061}</mo><mspace width=\"0.1667em\"></mspace><mi>f</mi>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func spacingCommands() throws {
        let tex = #"a\quad b\,c\!d~e"#
        let body = #"<mi>a</mi><mspace width="1em"></mspace><mi>b</mi><mspace width="0.1667em"></mspace>"#
            + #"<mi>c</mi><mspace style="margin-left: -0.1667em"></mspace><mi>d</mi>"#
            + #"<mspace width="0.3333em"></mspace><mi>e</mi>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func displaystyleWrapsRestOfGroup() throws {
        let tex = #"a {\displaystyle \sum_i b} c"#
        let body = #"<mi>a</mi><mstyle displaystyle="true" scriptlevel="0"><munder>"# + Self.sumOperator
            + "<mi>i</mi></munder><mi>b</mi></mstyle><mi>c</mi>"
        #expect(try TeXMathML.convert(tex, display: .inline)
            == expectedMath(body, annotation: tex, display: .inline))
    }

    @Test func stackedRelation() throws {
        let tex = #"\stackrel{\text{def}}{=} \underset{x}{y}"#
        let body = "<mover><mo>=</mo><mtext>def</mtext></mover><munder><mi>y</mi><mi>x</mi></munder>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func phantomAndEscapedSymbols() throws {
        let tex = #"\phantom{x} \{ \} \%"#
        let body = "<mphantom><mi>x</mi></mphantom>"
            + #"<mo form="prefix" stretchy="false">{</mo><mo form="postfix" stretchy="false">}</mo>"#
            + #"<mo lspace="0" rspace="0">%</mo>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func relationsWithExplicitSpacing() throws {
        let tex = #"p \implies q \mid r"#
        let body = #"<mi>p</mi><mo lspace="0.5556em" rspace="0.5556em">⟹</mo><mi>q</mi>"#
            + #"<mo lspace="0.2778em" rspace="0.2778em" stretchy="false">∣</mo><mi>r</mi>"#
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func commentRunsToEndOfLine() throws {
        let tex = "a % note\n+ b"
        let body = "<mi>a</mi><mo>+</mo><mi>b</mi>"
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: tex))
    }

    @Test func outputIsDeterministic() throws {
        let tex = #"\begin{pmatrix} \alpha & \mathbb{R} \\ \sum_i x_i & \text{a} \end{pmatrix}"#
        let first = try TeXMathML.convert(tex, display: .block)
        let second = try TeXMathML.convert(tex, display: .block)
        #expect(first == second)
    }

    /// Symbol commands from the coverage list, each with the single `<mo>` or `<mi>` it gives.
    @Test(arguments: [
        (#"\cdot"#, "<mo>⋅</mo>"), (#"\times"#, "<mo>×</mo>"), (#"\ast"#, "<mo>∗</mo>"),
        (#"\star"#, "<mo>⋆</mo>"), (#"\otimes"#, "<mo>⊗</mo>"), (#"\odot"#, "<mo>⊙</mo>"),
        (#"\oplus"#, "<mo>⊕</mo>"), (#"\circ"#, "<mo>∘</mo>"), (#"\pm"#, "<mo>±</mo>"),
        (#"\mp"#, "<mo>∓</mo>"), (#"\div"#, "<mo>÷</mo>"), (#"\setminus"#, "<mo>∖</mo>"),
        (#"\top"#, "<mi>⊤</mi>"), (#"\bot"#, "<mi>⊥</mi>"),
        (#"\leq"#, "<mo>≤</mo>"), (#"\le"#, "<mo>≤</mo>"), (#"\geq"#, "<mo>≥</mo>"),
        (#"\ge"#, "<mo>≥</mo>"), (#"\neq"#, "<mo>≠</mo>"), (#"\ne"#, "<mo>≠</mo>"),
        (#"\approx"#, "<mo>≈</mo>"), (#"\equiv"#, "<mo>≡</mo>"), (#"\sim"#, "<mo>∼</mo>"),
        (#"\simeq"#, "<mo>≃</mo>"), (#"\propto"#, "<mo>∝</mo>"), (#"\to"#, "<mo>→</mo>"),
        (#"\rightarrow"#, "<mo>→</mo>"), (#"\leftarrow"#, "<mo>←</mo>"),
        (#"\mapsto"#, "<mo>↦</mo>"), (#"\Rightarrow"#, "<mo>⇒</mo>"),
        (#"\Leftarrow"#, "<mo>⇐</mo>"), (#"\Leftrightarrow"#, "<mo>⇔</mo>"),
        (#"\in"#, "<mo>∈</mo>"), (#"\notin"#, "<mo>∉</mo>"), (#"\subset"#, "<mo>⊂</mo>"),
        (#"\subseteq"#, "<mo>⊆</mo>"), (#"\cup"#, "<mo>∪</mo>"), (#"\cap"#, "<mo>∩</mo>"),
        (#"\ll"#, "<mo>≪</mo>"), (#"\gg"#, "<mo>≫</mo>"),
        (#"\forall"#, #"<mo lspace="0" rspace="0">∀</mo>"#),
        (#"\exists"#, #"<mo lspace="0" rspace="0">∃</mo>"#),
        (#"\iff"#, #"<mo lspace="0.5556em" rspace="0.5556em">⟺</mo>"#),
        (#"\partial"#, "<mi>∂</mi>"), (#"\nabla"#, #"<mi mathvariant="normal">∇</mi>"#),
        (#"\infty"#, "<mi>∞</mi>"), (#"\ell"#, "<mi>ℓ</mi>"),
        (#"\vdots"#, #"<mo lspace="0" rspace="0">⋮</mo>"#),
        (#"\cdots"#, #"<mo lspace="0" rspace="0">⋯</mo>"#),
        (#"\ddots"#, #"<mo lspace="0" rspace="0">⋱</mo>"#),
        (#"\ldots"#, #"<mo lspace="0" rspace="0">…</mo>"#),
        (#"\dots"#, #"<mo lspace="0" rspace="0">…</mo>"#),
        (#"\colon"#, #"<mo lspace="0" rspace="0.1667em">:</mo>"#),
        (#"\vert"#, #"<mo lspace="0" rspace="0" stretchy="false">|</mo>"#),
        (#"\Vert"#, #"<mo lspace="0" rspace="0" stretchy="false">‖</mo>"#),
        (#"\lbrace"#, #"<mo form="prefix" stretchy="false">{</mo>"#),
        (#"\rbrace"#, #"<mo form="postfix" stretchy="false">}</mo>"#),
        (#"\_"#, "<mi>_</mi>"), (##"\#"##, "<mi>#</mi>"), (#"\$"#, "<mi>$</mi>"),
        (#"\&"#, #"<mo lspace="0" rspace="0">&amp;</mo>"#),
        (#"\varphi"#, "<mi>φ</mi>"), (#"\vartheta"#, "<mi>ϑ</mi>"), (#"\varrho"#, "<mi>ϱ</mi>"),
        (#"\varsigma"#, "<mi>ς</mi>"), (#"\varpi"#, "<mi>ϖ</mi>"),
        (#"\Upsilon"#, #"<mi mathvariant="normal">Υ</mi>"#),
        (#"\Omega"#, #"<mi mathvariant="normal">Ω</mi>"#),
    ])
    func symbolCommand(tex: String, body: String) throws {
        let annotation = tex == #"\&"# ? #"\&amp;"# : tex
        #expect(try TeXMathML.convert(tex, display: .block) == expectedMath(body, annotation: annotation))
    }
}
