import SourceDiagnostics

/// A note's text as Unicode scalars with the start of every line, for mapping between
/// offsets, cmark's byte columns and `SourceLocation`s.
struct SourceText {
    let scalars: [Unicode.Scalar]
    /// Scalar offset of the first scalar of each line; line n (1-based) starts at
    /// `lineStarts[n - 1]`.
    let lineStarts: [Int]

    /// Indexes the lines. As in CommonMark, a line ends at a line feed, a carriage return,
    /// or the two together.
    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var starts = [0]
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
                starts.append(index + 1)
            }
        }
        lineStarts = starts
    }

    /// Returns the Unicode scalars of `text`. ASCII bytes are copied directly, which is several
    /// times faster than `Array(text.unicodeScalars)` on the mostly ASCII text of notes.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initializedCount in
                var index = 0
                var count = 0
                while index < bytes.count {
                    let lead = bytes[index]
                    guard lead >= 0x80 else {
                        buffer[count] = Unicode.Scalar(lead)
                        count += 1
                        index += 1
                        continue
                    }
                    // A string contains valid UTF-8, so the lead byte gives the length and every
                    // continuation byte is there.
                    let length: Int
                    if lead >= 0xF0 {
                        length = 4
                    } else if lead >= 0xE0 {
                        length = 3
                    } else {
                        length = 2
                    }
                    var value = UInt32(lead) & (0x7F >> length)
                    for offset in 1..<length {
                        value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                    }
                    buffer[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    count += 1
                    index += length
                }
                initializedCount = count
            }
        }
    }

    /// Returns the `lineStarts` that `SourceText` finds in the scalars of `text`, read from its
    /// UTF-8 without decoding: every byte that does not continue a scalar starts one.
    static func lineStarts(of text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var starts = [0]
            var scalarCount = 0
            for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
                scalarCount += 1
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n")
                    || (byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                    starts.append(scalarCount)
                }
            }
            return starts
        }
    }

    /// Whether the scalar at `index` ends a line.
    func isLineEnd(_ index: Int) -> Bool {
        scalars[index] == "\n" || (scalars[index] == "\r" && (index + 1 == count || scalars[index + 1] != "\n"))
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

    /// Returns the UTF-8 byte offset, from the start of the line, of each scalar of a
    /// 1-based line, followed by the line's length in bytes.
    func byteStarts(line: Int) -> [Int] {
        guard line >= 1, line <= lineStarts.count else { return [0] }
        var starts: [Int] = []
        var bytes = 0
        var offset = lineStarts[line - 1]
        while offset < count, !isLineEnd(offset) {
            starts.append(bytes)
            bytes += UTF8.width(scalars[offset])
            offset += 1
        }
        starts.append(bytes)
        return starts
    }

    /// Returns whether the line that starts at `lineStart` contains only white space.
    func isBlankLine(startingAt lineStart: Int) -> Bool {
        var index = lineStart
        while index < count, !isLineEnd(index) {
            let scalar = scalars[index]
            if scalar != " " && scalar != "\t" && scalar != "\r" { return false }
            index += 1
        }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        return String(scalars: scalars[range])
    }

    /// The located text of `range`, every scalar with its line and column.
    func located(_ range: Range<Int>) -> LocatedText {
        var text = LocatedText(endLocation: location(range.lowerBound))
        text.reserveCapacity(range.count)
        var walker = LocationWalker(self, from: range.lowerBound)
        for offset in range {
            text.append(scalars[offset], at: walker.location(offset))
        }
        return text
    }
}

/// Locates offsets of a `SourceText` in increasing order, stepping forward through the line
/// starts instead of searching them for every offset. It gives what `SourceText.location`
/// gives for the same offset.
struct LocationWalker {
    private let lineStarts: [Int]
    /// The 1-based line of the last offset located.
    private var line: Int

    init(_ source: SourceText, from offset: Int) {
        lineStarts = source.lineStarts
        line = source.location(offset).line
    }

    /// Returns the location of `offset`, which must not be below any offset located before.
    mutating func location(_ offset: Int) -> SourceLocation {
        while line < lineStarts.count, lineStarts[line] <= offset { line += 1 }
        return SourceLocation(line: line, column: offset - lineStarts[line - 1] + 1)
    }
}

/// Converts cmark's byte columns to scalar offsets, indexing each line once, so that many
/// positions on one long line cost linear time in all.
struct ByteColumnMap {
    let source: SourceText
    private var lines: [Int: [Int]] = [:]

    init(_ source: SourceText) {
        self.source = source
    }

    /// Returns the scalar offset of a 1-based line and 1-based byte column.
    mutating func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= source.lineStarts.count else { return source.count }
        let starts = lines[line] ?? source.byteStarts(line: line)
        lines[line] = starts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < byteColumn - 1 { low = middle + 1 } else { high = middle }
        }
        return source.lineStarts[line - 1] + low
    }

    /// Returns the scalar offset just past a position whose byte column is inclusive.
    mutating func offset(line: Int, endByteColumn: Int) -> Int {
        min(offset(line: line, byteColumn: endByteColumn) + 1, source.count)
    }
}
