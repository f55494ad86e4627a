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
        for piece in template.piecesAtDollars() {
            if !piece.isEmpty { spans.append(inMath ? .math(String(piece)) : .text(String(piece))) }
            inMath.toggle()
        }
        return spans
    }
}

extension String {
    /// Splits the text at every `$`, giving what `pieces(separatedBy: UInt8(ascii: "$"))`
    /// gives. That splits text with any non-ASCII character by characters, which is slow for
    /// the long formulas of explanations. A `$` with ASCII on both sides is a character of its
    /// own, so when every `$` has, the text is split by bytes.
    func piecesAtDollars() -> [Substring] {
        let dollar = UInt8(ascii: "$")
        let offsets = utf8.withContiguousStorageIfAvailable { bytes -> [Int]? in
            var offsets: [Int] = []
            for index in bytes.indices where bytes[index] == dollar {
                let hasASCIINeighbours = (index == 0 || bytes[index - 1] < 0x80)
                    && (index + 1 == bytes.count || bytes[index + 1] < 0x80)
                guard hasASCIINeighbours else { return nil }
                offsets.append(index)
            }
            return offsets
        }
        guard let found = offsets, let dollarOffsets = found else { return pieces(separatedBy: dollar) }

        var pieces: [Substring] = []
        pieces.reserveCapacity(dollarOffsets.count + 1)
        var start = startIndex
        for offset in dollarOffsets {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            pieces.append(self[start..<end])
            start = utf8.index(after: end)
        }
        pieces.append(self[start...])
        return pieces
    }
}
