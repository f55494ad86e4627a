import Testing
import TeXMathML

/// Characters that HTML gives a meaning must reach the output only as character references.
@Suite struct EscapingTests {
    @Test func markupInTextIsEscaped() throws {
        let tex = #"\text{<b>"a" \&}"#
        let output = try TeXMathML.convert(tex, display: .inline)
        let body = "<mtext>&lt;b&gt;&quot;a&quot;\u{00A0}&amp;</mtext>"
        let annotation = #"\text{&lt;b&gt;&quot;a&quot; \&amp;}"#
        #expect(output == expectedMath(body, annotation: annotation, display: .inline))
    }

    @Test func lessThanInMathIsEscaped() throws {
        let output = try TeXMathML.convert("a<b>c", display: .inline)
        let body = "<mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo><mi>c</mi>"
        #expect(output == expectedMath(body, annotation: "a&lt;b&gt;c", display: .inline))
    }

    @Test func scriptTagInTextCannotOpenElement() throws {
        let output = try TeXMathML.convert(#"\text{</math><script>alert(1)</script>}"#, display: .block)
        #expect(!output.contains("<script"))
        #expect(!output.contains("</math><"))
        #expect(output.contains("&lt;/math&gt;&lt;script&gt;"))
    }

    @Test func annotationKeepsCommentsEscaped() throws {
        let tex = "x % <!-- \" & -->\n+ y"
        let output = try TeXMathML.convert(tex, display: .block)
        let annotation = "x % &lt;!-- &quot; &amp; --&gt;\n+ y"
        #expect(output == expectedMath("<mi>x</mi><mo>+</mo><mi>y</mi>", annotation: annotation))
    }

    @Test func ampersandInMatrixAnnotationIsEscaped() throws {
        let output = try TeXMathML.convert(#"\begin{matrix} a & b \end{matrix}"#, display: .block)
        #expect(output.hasSuffix(#"<annotation encoding="application/x-tex">\begin{matrix} a &amp; b \end{matrix}</annotation></semantics></math>"#))
    }

    @Test func everyAmpersandStartsReference() throws {
        let output = try TeXMathML.convert(#"\text{\&\&} \& \begin{matrix} a & b \end{matrix}"#, display: .block)
        let references = ["&amp;", "&lt;", "&gt;", "&quot;"]
        var rest = Substring(output)
        while let ampersand = rest.firstIndex(of: "&") {
            let tail = rest[ampersand...]
            #expect(references.contains { tail.hasPrefix($0) }, "bare & before \(tail.prefix(12))")
            rest = rest[rest.index(after: ampersand)...]
        }
    }
}
