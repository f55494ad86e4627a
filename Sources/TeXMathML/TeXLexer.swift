import SourceDiagnostics

/// One TeX token and its place in the source, in Unicode scalars.
struct TeXToken: Equatable {
    enum Kind: Equatable {
        /// A control sequence without its backslash: `frac` for `\frac`, `{` for `\{`,
        /// `\` for `\\` and a space for `\ `.
        case command(String)
        case character(Unicode.Scalar)
        case endOfInput
    }

    var kind: Kind
    var offset: Int
    var length: Int

    var end: Int { offset + length }

    func isCharacter(_ scalar: Unicode.Scalar) -> Bool {
        kind == .character(scalar)
    }

    func isCommand(_ name: String) -> Bool {
        kind == .command(name)
    }
}

/// Tokenizer for TeX math source that skips white space and `%` comments.
///
/// It scans one token at a time, so the parser can switch to raw reading where white space
/// matters (`\text` arguments, environment names, numbers). Raw reading starts at
/// `consumedEnd` and discards any token that was peeked beyond it.
struct TeXLexer {
    let scalars: [Unicode.Scalar]

    /// Offset just past the last consumed token or raw-read text.
    private(set) var consumedEnd = 0

    private var lookahead: TeXToken?

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func peek() throws(TeXError) -> TeXToken {
        if let lookahead {
            return lookahead
        }
        let token = try scanToken(from: consumedEnd)
        lookahead = token
        return token
    }

    mutating func next() throws(TeXError) -> TeXToken {
        let token = try peek()
        lookahead = nil
        consumedEnd = token.end
        return token
    }

    /// Marks the source up to `offset` as consumed by raw reading.
    mutating func consumeRaw(upTo offset: Int) {
        lookahead = nil
        consumedEnd = min(max(offset, consumedEnd), scalars.count)
    }

    func scalar(at offset: Int) -> Unicode.Scalar? {
        scalars.indices.contains(offset) ? scalars[offset] : nil
    }

    /// Returns the first offset at or after `offset` that is neither white space nor inside a
    /// `%` comment, which runs to the end of its line as in TeX.
    func offsetAfterWhitespace(from offset: Int) -> Int {
        var position = offset
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "%" {
                while position < scalars.count, scalars[position] != "\n" {
                    position += 1
                }
            } else if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
                        || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
                position += 1
            } else {
                break
            }
        }
        return position
    }

    /// Reads the number that starts at `offset`: ASCII digits with at most one decimal point
    /// that has a digit after it, such as `12`, `0.25` or `.5`. Consumes it and returns it.
    mutating func readNumber(at offset: Int) -> String {
        var position = offset
        var hasDecimalPoint = false

        while let scalar = scalar(at: position) {
            if Self.isDigit(scalar) {
                position += 1
            } else if scalar == ".", !hasDecimalPoint, let following = self.scalar(at: position + 1),
                      Self.isDigit(following) {
                hasDecimalPoint = true
                position += 1
            } else {
                break
            }
        }

        consumeRaw(upTo: position)
        return Self.asciiString(scalars[offset..<position])
    }

    /// Returns a string of scalars that are all ASCII, such as a number or a command name,
    /// built from their bytes in one step.
    static func asciiString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (index, scalar) in zip(buffer.indices, scalars) {
                buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
            }
            return scalars.count
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private func scanToken(from start: Int) throws(TeXError) -> TeXToken {
        let offset = offsetAfterWhitespace(from: start)
        guard offset < scalars.count else {
            return TeXToken(kind: .endOfInput, offset: scalars.count, length: 0)
        }

        let first = scalars[offset]
        guard first == "\\" else {
            return TeXToken(kind: .character(first), offset: offset, length: 1)
        }

        let nameStart = offset + 1
        guard nameStart < scalars.count else {
            throw TeXError.backslashAtEnd(offset: offset)
        }

        // A control word is a run of ASCII letters. Any other scalar forms a control symbol.
        var nameEnd = nameStart + 1
        let name: String
        if Self.isLetter(scalars[nameStart]) {
            while nameEnd < scalars.count, Self.isLetter(scalars[nameEnd]) {
                nameEnd += 1
            }
            name = Self.asciiString(scalars[nameStart..<nameEnd])
        } else {
            let symbol = scalars[nameStart]
            name = symbol == "\n" || symbol == "\t" || symbol == "\r" ? " " : String(symbol)
        }
        return TeXToken(kind: .command(name), offset: offset, length: nameEnd - offset)
    }
}
