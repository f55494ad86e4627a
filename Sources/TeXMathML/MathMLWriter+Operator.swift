// The <mo> element and its attributes.
extension MathMLWriter {
    /// Writes `symbol` as `<mo>`, with its attributes in alphabetical order.
    static func writeOperator(_ symbol: MathOperator, to output: inout MarkupBuffer) {
        output.append("<mo")

        if symbol.isFence {
            output.append(" fence=\"true\"")
        }
        if let form = symbol.form {
            output.append(formAttribute(form))
        }
        if let isLargeOperator = symbol.isLargeOperator {
            output.append(isLargeOperator ? " largeop=\"true\"" : " largeop=\"false\"")
        }
        if let leftSpace = symbol.leftSpace {
            output.appendAttribute("lspace", leftSpace)
        }
        if let size = symbol.fixedSize {
            output.appendAttribute("maxsize", size)
            output.appendAttribute("minsize", size)
        }
        if let hasMovableLimits = symbol.hasMovableLimits {
            output.append(hasMovableLimits ? " movablelimits=\"true\"" : " movablelimits=\"false\"")
        }
        if let rightSpace = symbol.rightSpace {
            output.appendAttribute("rspace", rightSpace)
        }
        if let isStretchy = symbol.isStretchy {
            output.append(isStretchy ? " stretchy=\"true\"" : " stretchy=\"false\"")
        }
        if let isSymmetric = symbol.isSymmetric {
            output.append(isSymmetric ? " symmetric=\"true\"" : " symmetric=\"false\"")
        }

        output.append(">")
        output.appendEscaped(symbol.text)
        output.append("</mo>")
    }

    private static func formAttribute(_ form: MathOperator.Form) -> StaticString {
        switch form {
        case .prefix: return " form=\"prefix\""
        case .infix: return " form=\"infix\""
        case .postfix: return " form=\"postfix\""
        }
    }
}
