import SourceDiagnostics

/// A read position inside part of a `LocatedText`.
struct Cursor {
    let text: LocatedText
    var index: Int
    let end: Int

    init(_ text: LocatedText, _ range: Range<Int>) {
        self.text = text
        index = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { index >= end }

    var current: Unicode.Scalar? { index < end ? text.scalars[index] : nil }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < end ? text.scalars[index + offset] : nil
    }

    mutating func advance() {
        index += 1
    }

    /// Skips spaces and tabs, and newlines too when `newlines` is set.
    mutating func skipSpace(newlines: Bool = true) {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\r" || (newlines && scalar == "\n") {
            index += 1
        }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        index += 1
        return true
    }

    /// Consumes `word` when it is next and not followed by another identifier character.
    mutating func consumeWord(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard index + scalars.count <= end else { return false }
        for (offset, scalar) in scalars.enumerated() where text.scalars[index + offset] != scalar {
            return false
        }
        if let next = peek(scalars.count), isIdentifierContinuation(next) { return false }
        index += scalars.count
        return true
    }

    /// Reads an identifier: a letter, then letters, digits and underscores.
    mutating func identifier() -> Range<Int>? {
        guard let first = current, isIdentifierStart(first) else { return nil }
        let start = index
        while let scalar = current, isIdentifierContinuation(scalar) { index += 1 }
        return start..<index
    }

    /// Reads a run of ASCII digits.
    mutating func digits() -> Range<Int>? {
        let start = index
        while let scalar = current, isDigit(scalar) { index += 1 }
        return index > start ? start..<index : nil
    }

    /// Reads an optionally signed integer that fits in `Int`, `Int.min` included.
    mutating func integer(what: String) throws(DiagnosticError) -> (value: Int, range: Range<Int>) {
        let start = index
        if !consume("-") { _ = consume("+") }
        guard digits() != nil else {
            throw text.error("expected-integer", start..<max(index, start + 1),
                             "expected an integer for \(what), found \(describeNext(from: start))")
        }
        // Parsing the sign with the digits reads -9223372036854775808, whose magnitude alone
        // does not fit in Int.
        let written = text.string(start..<index)
        guard let value = Int(written) else {
            throw text.error("integer-out-of-range", start..<index,
                             "\(written) is out of range for \(what), which must lie in \(Int.min)...\(Int.max)")
        }
        return (value, start..<index)
    }

    /// Describes what follows `position` for an error message: the next word, a white-space
    /// character by its code point and name, or the end.
    func describeNext(from position: Int) -> String {
        guard position < end else { return "the end of the value" }
        var stop = position
        while stop < end, !text.scalars[stop].properties.isWhitespace, stop - position < 20 { stop += 1 }
        return stop > position ? "'\(text.string(position..<stop))'" : CharacterCheck.describe(text.scalars[position])
    }
}

func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar >= "0" && scalar <= "9"
}

func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
}

func isIdentifierContinuation(_ scalar: Unicode.Scalar) -> Bool {
    isIdentifierStart(scalar) || isDigit(scalar) || scalar == "_"
}
