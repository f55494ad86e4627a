/// UTF-8 markup under construction.
///
/// Appending to one byte array is much cheaper than appending many small strings to a
/// `String`, which checks capacity, uniqueness and ASCII flags on every append.
struct MarkupBuffer {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends markup as written, without escaping. Callers pass only literals that are
    /// well-formed markup.
    mutating func append(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` with `&`, `<`, `>` and `"` replaced by character references, so it is
    /// safe both as element text and inside a double-quoted attribute value.
    mutating func appendEscaped(_ text: String) {
        let isContiguous = text.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0) } != nil
        if !isContiguous {
            Array(text.utf8).withUnsafeBufferPointer { appendEscaped(utf8: $0) }
        }
    }

    /// Appends `" name="value"` with the value escaped.
    mutating func appendAttribute(_ name: StaticString, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        appendEscaped(value)
        append("\"")
    }

    /// Returns the markup as a string. The bytes are valid UTF-8 because every append copies
    /// either a literal or the UTF-8 of a `String`, cut only before ASCII bytes.
    func string() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Copies the runs between special characters whole, because most text has none.
    private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < utf8.count {
            let reference: StaticString
            switch utf8[index] {
            case UInt8(ascii: "&"): reference = "&amp;"
            case UInt8(ascii: "<"): reference = "&lt;"
            case UInt8(ascii: ">"): reference = "&gt;"
            case UInt8(ascii: "\""): reference = "&quot;"
            default:
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            append(reference)
            index += 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
    }
}
