/// UTF-8 markup under construction.
///
/// Appending to one growing byte buffer is much cheaper than appending many small strings to a
/// `String`, which checks capacity, uniqueness and ASCII flags on every append. The buffer is
/// noncopyable so that it owns its memory alone and frees it in `deinit`.
struct MarkupBuffer: ~Copyable {
    /// Memory for `capacity` bytes, of which the first `count` hold the markup. Every write
    /// checks `count <= capacity` first, in `appendBytes`.
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(reservingCapacity capacity: Int) {
        self.capacity = max(capacity, 64)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Appends markup as written, without escaping. Callers pass only literals that are
    /// well-formed markup.
    @inline(__always)
    mutating func append(_ markup: StaticString) {
        markup.withUTF8Buffer { appendBytes($0) }
    }

    /// Appends `text` with `&`, `<`, `>` and `"` replaced by character references, so it is
    /// safe both as element text and inside a double-quoted attribute value.
    mutating func appendEscaped(_ text: String) {
        let isContiguous = text.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0) } != nil
        if !isContiguous {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { appendEscaped(utf8: $0) }
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
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    @inline(__always)
    private mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let sourceStart = source.baseAddress else {
            return
        }
        if source.count > capacity - count {
            grow(toAtLeast: count + source.count)
        }
        (start + count).initialize(from: sourceStart, count: source.count)
        count += source.count
    }

    /// Doubles the capacity, or more when one append needs it, so appends take amortized
    /// constant time.
    private mutating func grow(toAtLeast minimumCapacity: Int) {
        let newCapacity = max(capacity * 2, minimumCapacity)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.initialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
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
            appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            append(reference)
            index += 1
            runStart = index
        }
        appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
    }
}
