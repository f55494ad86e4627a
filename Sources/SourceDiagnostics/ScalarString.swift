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
