import SourceDiagnostics

/// Content that convnote writes itself (explanations, route tables), kept abstract so that
/// the HTML and the Markdown writer render the same words and formulas.
public enum GeneratedBlock: Sendable {
    case paragraph([GeneratedSpan])
    /// A display formula in TeX.
    case display(String)
    case table(header: [String], rows: [[[GeneratedSpan]]])
    case list([[GeneratedSpan]])
    /// A heading inside an explanation, one level below the note's section.
    case subheading(String)
    /// A fenced code block, such as a framework snippet.
    case code(language: String, text: String)
}

/// A piece of generated prose.
public enum GeneratedSpan: Sendable {
    case text(String)
    /// Inline math in TeX.
    case math(String)
    case code(String)
    case strong(String)
}

extension Array where Element == GeneratedSpan {
    /// Builds prose from alternating text and math, written as "text $math$ text".
    static func prose(_ template: String) -> [GeneratedSpan] {
        var spans: [GeneratedSpan] = []
        var inMath = false
        for piece in template.pieces(separatedBy: UInt8(ascii: "$")) {
            if !piece.isEmpty { spans.append(inMath ? .math(String(piece)) : .text(String(piece))) }
            inMath.toggle()
        }
        return spans
    }
}
