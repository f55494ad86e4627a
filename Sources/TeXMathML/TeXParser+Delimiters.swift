// \left … \middle … \right and the sized delimiters \big, \Big, \bigg, \Bigg.
extension TeXParser {
    /// Parses `\left( … \right)` after its `\left` token has been consumed. The delimiters
    /// stretch to the height of the content between them.
    mutating func parseLeftRight(_ leftToken: TeXToken) throws(TeXError) -> Atom {
        let (opening, openingToken) = try readDelimiter(after: leftToken, name: "left")

        try enterNesting(at: leftToken)
        openLeftCount += 1
        let (content, terminator) = try parseRow(RowContext(allowsMiddle: true))
        openLeftCount -= 1
        nestingDepth -= 1

        guard terminator.isCommand("right") else {
            let source = sourceText(from: openingToken.offset, to: openingToken.end)
            let opener = TeXError.leftWithoutRight(
                offset: leftToken.offset, length: openingToken.end - leftToken.offset,
                delimiterSource: source)
            throw try unexpectedTerminator(terminator, interrupting: opener)
        }
        let (closing, _) = try readDelimiter(after: terminator, name: "right")

        var nodes: [MathNode] = []
        if !opening.isEmpty {
            nodes.append(.operator(Self.fence(opening, form: .prefix)))
        }
        nodes.append(contentsOf: content)
        if !closing.isEmpty {
            nodes.append(.operator(Self.fence(closing, form: .postfix)))
        }
        return Atom(node: .row(nodes), kind: .open)
    }

    /// Parses the delimiter after `\middle`, whose token has been consumed.
    mutating func parseMiddle(_ token: TeXToken) throws(TeXError) -> Atom {
        let (text, _) = try readDelimiter(after: token, name: "middle")
        guard !text.isEmpty else {
            return Atom(node: .empty, kind: .ordinary)
        }
        var symbol = Self.fence(text, form: .infix)
        symbol.leftSpace = "0"
        symbol.rightSpace = "0"
        return Atom(node: .operator(symbol), kind: .operator)
    }

    /// Parses the delimiter after `\big` and its relatives, whose token has been consumed.
    mutating func parseSizedDelimiter(_ token: TeXToken, name: String, size: String, role: SizedDelimiterRole) throws(TeXError) -> Atom {
        let (text, _) = try readDelimiter(after: token, name: name)
        guard !text.isEmpty else {
            return Atom(node: .empty, kind: .ordinary)
        }

        var symbol = MathOperator(text, isStretchy: true)
        symbol.isSymmetric = true
        symbol.fixedSize = size
        switch role {
        case .ordinary:
            symbol.leftSpace = "0"
            symbol.rightSpace = "0"
            return Atom(node: .operator(symbol), kind: .ordinary)
        case .open:
            symbol.form = .prefix
            return Atom(node: .operator(symbol), kind: .open)
        case .close:
            symbol.form = .postfix
            return Atom(node: .operator(symbol), kind: .operator)
        case .relation:
            symbol.form = .infix
            symbol.leftSpace = "0.2778em"
            symbol.rightSpace = "0.2778em"
            return Atom(node: .operator(symbol), kind: .operator)
        }
    }

    /// Consumes the delimiter token after the command `token` and returns the delimiter's
    /// character (empty for `.`) with the token.
    private mutating func readDelimiter(after token: TeXToken, name: String) throws(TeXError) -> (String, TeXToken) {
        let delimiterToken = try lexer.peek()
        guard let text = Delimiters.text(of: delimiterToken) else {
            throw TeXError.missingDelimiter(after: token, name: name)
        }
        _ = try lexer.next()
        return (text, delimiterToken)
    }
}
