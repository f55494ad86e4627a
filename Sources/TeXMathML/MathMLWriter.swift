/// Serializer from `MathNode` trees to MathML Core markup.
///
/// Text and attribute values are escaped for HTML and XML. Attributes are written in
/// alphabetical order, so equal trees give byte-equal output.
enum MathMLWriter {
    /// Writes the whole `<math>` element, with `source` as its TeX annotation.
    static func document(nodes: [MathNode], source: String, display: MathDisplay) -> String {
        var output = display == .block ? "<math display=\"block\">" : "<math>"
        output += "<semantics><mrow>"
        for node in nodes {
            write(node, to: &output)
        }
        output += "</mrow><annotation encoding=\"application/x-tex\">"
        appendEscaped(source, to: &output)
        output += "</annotation></semantics></math>"
        return output
    }

    /// Appends the element for `node`. The recursion depth is that of the tree, which the
    /// parser's nesting limit bounds.
    private static func write(_ node: MathNode, to output: inout String) {
        switch node {
        case .identifier(let text, let isUpright):
            let isSingleScalar = text.unicodeScalars.count == 1
            let attributes = isUpright && isSingleScalar ? [("mathvariant", "normal")] : []
            writeToken("mi", text, attributes: attributes, to: &output)

        case .number(let text):
            writeToken("mn", text, attributes: [], to: &output)

        case .operator(let symbol):
            writeToken("mo", symbol.text, attributes: attributes(of: symbol), to: &output)

        case .text(let text):
            writeToken("mtext", text, attributes: [], to: &output)

        case .space(let width):
            // NOTE: Chromium maps mspace's width to the CSS width, which cannot be negative,
            // so a negative space such as \! is written as a negative margin instead.
            let attribute = width.hasPrefix("-") ? ("style", "margin-left: \(width)") : ("width", width)
            writeElement("mspace", attributes: [attribute], children: [], to: &output)

        case .row(let children):
            writeElement("mrow", attributes: [], children: children, to: &output)

        case .fraction(let numerator, let denominator, let hasRule):
            let attributes = hasRule ? [] : [("linethickness", "0")]
            writeElement("mfrac", attributes: attributes, children: [numerator, denominator], to: &output)

        case .squareRoot(let radicand):
            writeElement("msqrt", attributes: [], children: [radicand], to: &output)

        case .root(let radicand, let index):
            writeElement("mroot", attributes: [], children: [radicand, index], to: &output)

        case .scripts(let base, let subscriptNode, let superscriptNode):
            switch (subscriptNode, superscriptNode) {
            case (let subscriptNode?, let superscriptNode?):
                writeElement("msubsup", attributes: [], children: [base, subscriptNode, superscriptNode], to: &output)
            case (let subscriptNode?, nil):
                writeElement("msub", attributes: [], children: [base, subscriptNode], to: &output)
            case (nil, let superscriptNode?):
                writeElement("msup", attributes: [], children: [base, superscriptNode], to: &output)
            case (nil, nil):
                write(base, to: &output)
            }

        case .underOver(let base, let under, let over, let isAccent):
            writeUnderOver(base: base, under: under, over: over, isAccent: isAccent, to: &output)

        case .table(let table):
            writeTable(table, to: &output)

        case .style(let style, let child):
            let attributes = [
                ("displaystyle", style == .display ? "true" : "false"),
                ("scriptlevel", scriptLevel(of: style)),
            ]
            // mstyle lays out its children like mrow, so a row child needs no mrow of its own.
            if case .row(let children) = child {
                writeElement("mstyle", attributes: attributes, children: children, to: &output)
            } else {
                writeElement("mstyle", attributes: attributes, children: [child], to: &output)
            }

        case .phantom(let child):
            writeElement("mphantom", attributes: [], children: [child], to: &output)

        case .padded(let child, let keepsWidth):
            let attributes = keepsWidth ? [("depth", "0"), ("height", "0")] : [("width", "0")]
            writeElement("mpadded", attributes: attributes, children: [child], to: &output)
        }
    }

    private static func writeUnderOver(base: MathNode, under: MathNode?, over: MathNode?, isAccent: Bool, to output: inout String) {
        switch (under, over) {
        case (let under?, let over?):
            let attributes = isAccent ? [("accent", "true"), ("accentunder", "true")] : []
            writeElement("munderover", attributes: attributes, children: [base, under, over], to: &output)
        case (let under?, nil):
            let attributes = isAccent ? [("accentunder", "true")] : []
            writeElement("munder", attributes: attributes, children: [base, under], to: &output)
        case (nil, let over?):
            let attributes = isAccent ? [("accent", "true")] : []
            writeElement("mover", attributes: attributes, children: [base, over], to: &output)
        case (nil, nil):
            write(base, to: &output)
        }
    }

    /// Writes a table, padding short rows with empty cells. MathML Core has no `columnalign`,
    /// so alignment and padding go into each cell's `style`.
    private static func writeTable(_ table: MathTable, to output: inout String) {
        // The style is always written, because a block formula's display style would otherwise
        // reach the cells in browsers whose user agent stylesheet does not set it on mtable.
        output += "<mtable"
        appendAttributes([("displaystyle", table.isDisplayStyle ? "true" : "false")], to: &output)
        output += ">"

        for row in table.rows {
            output += "<mtr>"
            for (index, column) in table.columns.enumerated() {
                output += "<mtd"
                if let style = cellStyle(column) {
                    appendAttributes([("style", style)], to: &output)
                }
                output += ">"
                if index < row.count {
                    write(row[index], to: &output)
                }
                output += "</mtd>"
            }
            output += "</mtr>"
        }
        output += "</mtable>"
    }

    /// Returns the CSS for the cells of `column`, or nil for the default centred cell.
    ///
    /// NOTE: the -webkit- values are there because Chromium does not apply a plain
    /// `text-align: left` or `right` to the content of `mtd`. Other browsers skip them.
    private static func cellStyle(_ column: MathTable.Column) -> String? {
        var declarations: [String] = []
        switch column.alignment {
        case .left:
            declarations += ["text-align: left", "text-align: -webkit-left"]
        case .right:
            declarations += ["text-align: right", "text-align: -webkit-right"]
        case .center:
            break
        }
        if let padding = column.leftPadding {
            declarations.append("padding-left: \(padding)")
        }
        if let padding = column.rightPadding {
            declarations.append("padding-right: \(padding)")
        }
        return declarations.isEmpty ? nil : declarations.joined(separator: "; ")
    }

    private static func attributes(of symbol: MathOperator) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if symbol.isFence {
            attributes.append(("fence", "true"))
        }
        if let form = symbol.form {
            attributes.append(("form", form.rawValue))
        }
        if let isLargeOperator = symbol.isLargeOperator {
            attributes.append(("largeop", String(isLargeOperator)))
        }
        if let leftSpace = symbol.leftSpace {
            attributes.append(("lspace", leftSpace))
        }
        if let size = symbol.fixedSize {
            attributes.append(("maxsize", size))
            attributes.append(("minsize", size))
        }
        if let hasMovableLimits = symbol.hasMovableLimits {
            attributes.append(("movablelimits", String(hasMovableLimits)))
        }
        if let rightSpace = symbol.rightSpace {
            attributes.append(("rspace", rightSpace))
        }
        if let isStretchy = symbol.isStretchy {
            attributes.append(("stretchy", String(isStretchy)))
        }
        if let isSymmetric = symbol.isSymmetric {
            attributes.append(("symmetric", String(isSymmetric)))
        }
        return attributes
    }

    private static func scriptLevel(of style: MathStyle) -> String {
        switch style {
        case .display, .text: return "0"
        case .script: return "1"
        case .scriptScript: return "2"
        }
    }

    private static func writeToken(_ name: String, _ text: String, attributes: [(String, String)], to output: inout String) {
        output += "<" + name
        appendAttributes(attributes, to: &output)
        output += ">"
        appendEscaped(text, to: &output)
        output += "</" + name + ">"
    }

    private static func writeElement(_ name: String, attributes: [(String, String)], children: [MathNode], to output: inout String) {
        output += "<" + name
        appendAttributes(attributes, to: &output)
        output += ">"
        for child in children {
            write(child, to: &output)
        }
        output += "</" + name + ">"
    }

    private static func appendAttributes(_ attributes: [(String, String)], to output: inout String) {
        for (name, value) in attributes {
            output += " " + name + "=\""
            appendEscaped(value, to: &output)
            output += "\""
        }
    }

    /// Appends `text` with `&`, `<`, `>` and `"` replaced by character references.
    static func appendEscaped(_ text: String, to output: inout String) {
        // Most text needs no entity, and appending it whole is much faster than scalar by
        // scalar.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
