extension String {
    /// Makes a string of the given scalars, encoded to UTF-8 in one pass. The parsers cut many
    /// short strings out of their scalar arrays, and `unicodeScalars.append(contentsOf:)`
    /// appends one scalar at a time, which is several times slower.
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Splits the text at LF, CRLF and CR, as CommonMark ends lines, and returns the lines
    /// without their line ends. Text that ends with a line end has an empty last line.
    public func splitAtLineEnds() -> [String] {
        let bytes = Array(utf8)
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        lines.append(String(decoding: bytes[start...], as: UTF8.self))
        return lines
    }
}

extension String {
    /// Splits the text at every `separator` byte and keeps empty pieces, giving exactly what
    /// `split(separator:omittingEmptySubsequences: false)` gives for that character. It
    /// scans bytes rather than characters, which is many times faster.
    public func pieces(separatedBy separator: UInt8) -> [Substring] {
        // A character split never cuts a grapheme cluster. LF is one unless a CR precedes it,
        // which the scan checks. A printable separator joins a combining mark that follows
        // it, and CR joins a following LF, so those cases keep the character split.
        let needsCharacters = separator == UInt8(ascii: "\r") || separator >= 0x80
            || (separator != UInt8(ascii: "\n") && utf8.contains { $0 >= 0x80 })
        if needsCharacters {
            return split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false)
        }
        var pieces: [Substring] = []
        var start = startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == separator, !(separator == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) {
                pieces.append(self[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        pieces.append(self[start...])
        return pieces
    }
}
