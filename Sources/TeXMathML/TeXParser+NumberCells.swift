// A shortcut for table cells that hold only a number, such as `3`, `-0.5` or `- 2`.
extension TeXParser {
    /// Parses a cell that is only a number with an optional minus sign, or returns nil without
    /// consuming anything when the cell is anything else. Returns the node of the minus sign, if
    /// any, the number and the token that ends the cell.
    ///
    /// Generated matrices are mostly such cells, and the general path through `parseRow` takes
    /// about twice as many instructions for them. The nodes and the terminator are those that
    /// `parseRow` returns for the same cell. Anything unusual, such as a comment, non-ASCII white
    /// space, a script, a font or an unexpected terminator, falls back to `parseRow`.
    mutating func parseNumberCell() throws(TeXError) -> (minus: MathNode?, number: MathNode, terminator: TeXToken)? {
        // Fonts restyle digits, so only the default font keeps the plain number.
        guard font == nil else {
            return nil
        }

        var minus: MathNode?
        var position = offsetAfterPlainSpace(from: lexer.consumedEnd)
        if lexer.scalar(at: position) == "-" {
            // The node that `parseRow` makes for `-`, an operator without scripts.
            guard let atom = CharacterTable.atom(for: "-") else {
                return nil
            }
            minus = atom.node
            position = offsetAfterPlainSpace(from: position + 1)
        }

        let numberOffset = position
        guard let numberEnd = endOfNumber(at: numberOffset),
              endsCellAfterNumber(at: offsetAfterPlainSpace(from: numberEnd)) else {
            return nil
        }
        let number = MathNode.number(lexer.readNumber(at: numberOffset))

        let terminator = try lexer.next()
        return (minus, number, terminator)
    }

    /// Returns the end of the number that `lexer.readNumber` would read at `offset`, or nil
    /// when no number starts there.
    private func endOfNumber(at offset: Int) -> Int? {
        var position = offset
        var hasDecimalPoint = false
        while let scalar = lexer.scalar(at: position) {
            if TeXLexer.isDigit(scalar) {
                position += 1
            } else if scalar == ".", !hasDecimalPoint,
                      let following = lexer.scalar(at: position + 1), TeXLexer.isDigit(following) {
                hasDecimalPoint = true
                position += 1
            } else {
                break
            }
        }
        return position > offset ? position : nil
    }

    /// Returns whether the source at `offset` is `&`, `\\` or `\end`, the tokens after which
    /// `parseRow` would end a table cell.
    private func endsCellAfterNumber(at offset: Int) -> Bool {
        switch lexer.scalar(at: offset) {
        case "&":
            return true
        case "\\":
            let following = lexer.scalar(at: offset + 1)
            if following == "\\" {
                return true
            }
            // `\end` must not run on into a longer command name such as `\endgroup`.
            guard following == "e", lexer.scalar(at: offset + 2) == "n",
                  lexer.scalar(at: offset + 3) == "d" else {
                return false
            }
            guard let afterName = lexer.scalar(at: offset + 4) else {
                return true
            }
            return !TeXLexer.isLetter(afterName)
        default:
            return false
        }
    }

    /// Returns the first offset at or after `offset` that is not an ASCII space, tab, line feed
    /// or carriage return. The lexer skips more (comments, other white space), and for those
    /// the shortcut does not apply.
    private func offsetAfterPlainSpace(from offset: Int) -> Int {
        var position = offset
        while let scalar = lexer.scalar(at: position),
              scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
            position += 1
        }
        return position
    }
}
