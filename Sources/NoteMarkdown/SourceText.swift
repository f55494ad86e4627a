import SourceDiagnostics

/// A note's text as Unicode scalars with the start of every line, for mapping between
/// offsets, cmark's byte columns and `SourceLocation`s.
struct SourceText {
    let scalars: [Unicode.Scalar]
    /// Scalar offset of the first scalar of each line; line n (1-based) starts at
    /// `lineStarts[n - 1]`.
    let lineStarts: [Int]

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    var count: Int { scalars.count }

    /// The location of the scalar at `offset` (or just past the end).
    func location(_ offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The scalar offset of a cmark position: a 1-based line and a 1-based byte column.
    func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return count }
        var offset = lineStarts[line - 1]
        var bytes = 1
        while offset < count, bytes < byteColumn, scalars[offset] != "\n" {
            bytes += UTF8.width(scalars[offset])
            offset += 1
        }
        return offset
    }

    /// The scalar offset just past a cmark end position (inclusive byte column).
    func offset(line: Int, endByteColumn: Int) -> Int {
        let start = offset(line: line, byteColumn: endByteColumn)
        return min(start + 1, count)
    }

    /// Whether the line that starts at `lineStart` holds only white space.
    func isBlankLine(startingAt lineStart: Int) -> Bool {
        var index = lineStart
        while index < count, scalars[index] != "\n" {
            let scalar = scalars[index]
            if scalar != " " && scalar != "\t" && scalar != "\r" { return false }
            index += 1
        }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }

    /// The located text of `range`, every scalar with its line and column.
    func located(_ range: Range<Int>) -> LocatedText {
        var text = LocatedText(endLocation: location(range.lowerBound))
        for offset in range {
            text.append(scalars[offset], at: location(offset))
        }
        return text
    }
}
