/// Serializer from `MathNode` trees to MathML Core markup.
///
/// Text and attribute values are escaped for HTML and XML. Attributes are written in
/// alphabetical order, so equal trees give byte-equal output.
enum MathMLWriter {
    /// Writes the whole `<math>` element, with `source` as its TeX annotation.
    static func document(nodes: [MathNode], source: String, display: MathDisplay) -> String {
        // An estimate: a generated matrix gives roughly ten bytes of markup per byte of TeX.
        // A wrong guess only costs reallocations.
        var output = MarkupBuffer(reservingCapacity: 256 + source.utf8.count * 12)
        output.append(display == .block ? "<math display=\"block\">" : "<math>")
        output.append("<semantics><mrow>")
        for node in nodes {
            write(node, to: &output)
        }
        output.append("</mrow><annotation encoding=\"application/x-tex\">")
        output.appendEscaped(source)
        output.append("</annotation></semantics></math>")
        return output.string()
    }

    /// Appends the element for `node`. The recursion depth is that of the tree, which the
    /// parser's nesting limit bounds.
    static func write(_ node: MathNode, to output: inout MarkupBuffer) {
        switch node {
        case .identifier(let text, let isUpright):
            output.append("<mi")
            if isUpright && text.unicodeScalars.count == 1 {
                output.append(" mathvariant=\"normal\"")
            }
            output.append(">")
            output.appendEscaped(text)
            output.append("</mi>")

        case .number(let text):
            output.append("<mn>")
            output.appendEscaped(text)
            output.append("</mn>")

        case .operator(let symbol):
            writeOperator(symbol, to: &output)

        case .text(let text):
            output.append("<mtext>")
            output.appendEscaped(text)
            output.append("</mtext>")

        case .space(let width):
            // NOTE: Chromium maps mspace's width to the CSS width, which cannot be negative,
            // so a negative space such as \! is written as a negative margin instead.
            output.append("<mspace")
            if width.hasPrefix("-") {
                output.appendAttribute("style", "margin-left: " + width)
            } else {
                output.appendAttribute("width", width)
            }
            output.append("></mspace>")

        case .row(let children):
            output.append("<mrow>")
            writeChildren(children, to: &output)
            output.append("</mrow>")

        case .fraction(let numerator, let denominator, let hasRule):
            output.append(hasRule ? "<mfrac>" : "<mfrac linethickness=\"0\">")
            write(numerator, to: &output)
            write(denominator, to: &output)
            output.append("</mfrac>")

        case .squareRoot(let radicand):
            output.append("<msqrt>")
            write(radicand, to: &output)
            output.append("</msqrt>")

        case .root(let radicand, let index):
            output.append("<mroot>")
            write(radicand, to: &output)
            write(index, to: &output)
            output.append("</mroot>")

        case .scripts(let base, let subscriptNode, let superscriptNode):
            writeScripts(base: base, subscriptNode: subscriptNode, superscriptNode: superscriptNode, to: &output)

        case .underOver(let base, let under, let over, let isAccent):
            writeUnderOver(base: base, under: under, over: over, isAccent: isAccent, to: &output)

        case .table(let table):
            writeTable(table, to: &output)

        case .style(let style, let child):
            output.append("<mstyle")
            output.append(style == .display ? " displaystyle=\"true\"" : " displaystyle=\"false\"")
            output.append(scriptLevelAttribute(of: style))
            output.append(">")
            // mstyle lays out its children like mrow, so a row child needs no mrow of its own.
            if case .row(let children) = child {
                writeChildren(children, to: &output)
            } else {
                write(child, to: &output)
            }
            output.append("</mstyle>")

        case .phantom(let child):
            output.append("<mphantom>")
            write(child, to: &output)
            output.append("</mphantom>")

        case .padded(let child, let keepsWidth):
            output.append(keepsWidth ? "<mpadded depth=\"0\" height=\"0\">" : "<mpadded width=\"0\">")
            write(child, to: &output)
            output.append("</mpadded>")
        }
    }

    static func writeChildren(_ children: [MathNode], to output: inout MarkupBuffer) {
        for child in children {
            write(child, to: &output)
        }
    }

    private static func writeScripts(base: MathNode, subscriptNode: MathNode?, superscriptNode: MathNode?, to output: inout MarkupBuffer) {
        switch (subscriptNode, superscriptNode) {
        case (let subscriptNode?, let superscriptNode?):
            output.append("<msubsup>")
            write(base, to: &output)
            write(subscriptNode, to: &output)
            write(superscriptNode, to: &output)
            output.append("</msubsup>")
        case (let subscriptNode?, nil):
            output.append("<msub>")
            write(base, to: &output)
            write(subscriptNode, to: &output)
            output.append("</msub>")
        case (nil, let superscriptNode?):
            output.append("<msup>")
            write(base, to: &output)
            write(superscriptNode, to: &output)
            output.append("</msup>")
        case (nil, nil):
            write(base, to: &output)
        }
    }

    private static func writeUnderOver(base: MathNode, under: MathNode?, over: MathNode?, isAccent: Bool, to output: inout MarkupBuffer) {
        switch (under, over) {
        case (let under?, let over?):
            output.append(isAccent ? "<munderover accent=\"true\" accentunder=\"true\">" : "<munderover>")
            write(base, to: &output)
            write(under, to: &output)
            write(over, to: &output)
            output.append("</munderover>")
        case (let under?, nil):
            output.append(isAccent ? "<munder accentunder=\"true\">" : "<munder>")
            write(base, to: &output)
            write(under, to: &output)
            output.append("</munder>")
        case (nil, let over?):
            output.append(isAccent ? "<mover accent=\"true\">" : "<mover>")
            write(base, to: &output)
            write(over, to: &output)
            output.append("</mover>")
        case (nil, nil):
            write(base, to: &output)
        }
    }

    private static func scriptLevelAttribute(of style: MathStyle) -> StaticString {
        switch style {
        case .display, .text: return " scriptlevel=\"0\""
        case .script: return " scriptlevel=\"1\""
        case .scriptScript: return " scriptlevel=\"2\""
        }
    }
}
