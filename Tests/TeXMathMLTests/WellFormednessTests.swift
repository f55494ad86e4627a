import Foundation
import FoundationXML
import Testing
import TeXMathML

/// Parses converter output as XML, which proves it well-formed, and checks that it uses only
/// MathML Core elements and gives back the source in its annotation.
///
/// NOTE: on Linux, `XMLDocument(xmlString:)` does not throw for malformed markup such as
/// `<math><mi>a</math>`. It returns a document without a root element (checked with
/// swift-corelibs-foundation in Swift 6.3.1). The strict check is therefore `XMLParser`,
/// whose `parserError` is set for every malformation, and `XMLDocument` only serves to walk
/// the tree.
@Suite struct WellFormednessTests {
    static let formulas: [String] = [
        #"x"#,
        #"12 + 0.25 - x"#,
        #"\frac{\partial L}{\partial w}"#,
        #"\dfrac{1}{2} \tfrac{3}{4} \binom{n}{k}"#,
        #"\sqrt{x} + \sqrt[3]{y}"#,
        #"x_{ij}^{2} + x^2_1 + f'(x) + g''"#,
        #"\sum_{i=1}^{n} \prod_{j} \int_0^1 f"#,
        #"\lim_{n \to \infty} \max_i \min_j \arg\max_\theta"#,
        #"\operatorname{vec}(W) \operatorname*{argmin}_x \sin x \cos y \exp z \log w \det A \dim V \ker T"#,
        #"\left( \frac{a}{b} \right) \left[ x \right] \left\{ y \right\} \left| z \right|"#,
        #"\left\| v \right\| \left. \frac{d}{dx} \right|_{x=0} \left\langle a, b \right\rangle"#,
        #"\left\lfloor x \right\rfloor \left\lceil y \right\rceil \left\lvert z \right\rvert"#,
        #"\big( \Big[ \bigg\{ \Bigg| \bigl( \bigr) \bigm| \Bigl\langle \Bigr\rangle"#,
        #"\begin{bmatrix} a & b \\ c & d \end{bmatrix}"#,
        #"\begin{pmatrix} 1 \\ 2 & 3 \end{pmatrix} \begin{vmatrix} a \end{vmatrix} \begin{Vmatrix} b \end{Vmatrix}"#,
        #"\begin{Bmatrix} x \end{Bmatrix} \begin{matrix} \vdots & \ddots \\ \cdots & \ldots \end{matrix}"#,
        #"\begin{smallmatrix} a & b \end{smallmatrix}"#,
        #"f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}"#,
        #"\begin{aligned} a &= b + c \\ &= d \end{aligned}"#,
        #"\begin{align*} x &= 1 & y &= 2 \\ z &= 3 \end{align*}"#,
        #"\begin{array}{lcr} a & b & c \\ d \end{array}"#,
        #"a \cdot b \times c \ast d \star e \otimes f \odot g \oplus h \circ i"#,
        #"A^\top B^\bot \pm \mp \div \setminus"#,
        #"\hat{x} \widehat{xy} \tilde{a} \widetilde{ab} \bar{z} \overline{zz} \underline{u} \vec{v} \dot{x} \ddot{y}"#,
        #"\mathbf{x} \mathbb{R} \mathcal{L} \mathfrak{g} \mathrm{d} \mathit{h} \mathsf{A} \mathtt{B} \boldsymbol{\alpha} \bm{W}"#,
        #"\text{if } x \textrm{ and } \textbf{bold} \textit{it} \mathop{\mathrm{softmax}}_i"#,
        #"a \leq b \le c \geq d \ge e \neq f \ne g \approx h \equiv i \sim j \simeq k \propto l"#,
        #"\to \rightarrow \leftarrow \mapsto \Rightarrow \Leftarrow \Leftrightarrow \implies \iff"#,
        #"x \in A \notin B \subset C \subseteq D \cup E \cap F \forall y \exists z \ll \gg"#,
        #"\alpha \beta \gamma \delta \epsilon \varepsilon \theta \vartheta \phi \varphi \rho \varrho \sigma \varsigma \pi \varpi \omega"#,
        #"\Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Upsilon \Phi \Psi \Omega"#,
        #"a \quad b \qquad c \, d \: e \; f \! g \ h ~ i"#,
        #"\underbrace{a + b}_{n} \overbrace{c + d}^{m}"#,
        #"\underset{x}{\arg\min} \overset{!}{=} \stackrel{\text{def}}{=}"#,
        #"{\displaystyle \sum_i} {\textstyle \sum_j} \phantom{x} \hphantom{y} \vphantom{z}"#,
        ##"\{ \} \_ \% \& \# \$ \colon \dots \mid \vert \Vert \lbrace \rbrace"##,
        #"\partial \nabla \infty \ell"#,
        #"a < b > c"#,
        #"\text{<tag attr="v"> \& more}"#,
        "x % comment with <markup> & \"quotes\"\n+ 1",
    ]

    /// The elements of MathML Core that the converter may write.
    static let allowedElements: Set<String> = [
        "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext", "mspace",
        "mfrac", "msub", "msup", "msubsup", "munder", "mover", "munderover", "msqrt", "mroot",
        "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom",
    ]

    @Test(arguments: formulas)
    func outputParsesAsXML(_ tex: String) throws {
        for display in [MathDisplay.inline, .block] {
            let output = try TeXMathML.convert(tex, display: display)
            #expect(Self.isWellFormedXML(output))

            let document = try XMLDocument(xmlString: output, options: [])
            let root = try #require(document.rootElement())
            #expect(root.name == "math")

            let annotation = root.elements(forName: "semantics").first?
                .elements(forName: "annotation").first
            #expect(annotation?.stringValue == tex)

            var elements = [root]
            while let element = elements.popLast() {
                let name = element.name ?? ""
                #expect(Self.allowedElements.contains(name), "element \(name) is not in MathML Core")
                if let variant = element.attribute(forName: "mathvariant")?.stringValue {
                    #expect(variant == "normal")
                }
                elements += element.children?.compactMap { $0 as? XMLElement } ?? []
            }
        }
    }

    @Test func formulaListIsLongEnough() {
        #expect(Self.formulas.count >= 40)
    }

    @Test(arguments: [
        "<math><mi>a</math>", "<math><mi>a & b</mi></math>", "<math><mi>a</mi>",
        #"<math x="1></math>"#,
    ])
    func wellFormednessCheckRejectsMalformedMarkup(_ markup: String) {
        #expect(!Self.isWellFormedXML(markup))
    }

    /// Returns whether `markup` parses as XML without any error. `parse()` alone returns true
    /// for some malformed input, such as an unclosed element, so the error is checked too.
    static func isWellFormedXML(_ markup: String) -> Bool {
        let parser = XMLParser(data: Data(markup.utf8))
        let succeeded = parser.parse()
        return succeeded && parser.parserError == nil
    }
}
