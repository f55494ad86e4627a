// Atoms, scripts, brace groups and command arguments.
extension TeXParser {
    /// Parses one atom and the primes, subscript and superscript attached to it.
    mutating func parseAtomWithScripts() throws(TeXError) -> Atom {
        let token = try lexer.peek()
        let startsWithScript = token.isCharacter("^") || token.isCharacter("_")
            || token.isCharacter("'")
        // A script with nothing before it, as in {}^{2} or ^2, attaches to an empty base.
        let atom = startsWithScript
            ? Atom(node: .empty, kind: .ordinary)
            : try parseAtom(isArgument: false)
        return try parseScripts(on: atom)
    }

    /// Attaches the scripts that follow `atom`.
    ///
    /// As in TeX, primes are a superscript: `f'` is f^{′} and `f'^2` is f^{′2}, so a prime
    /// after a superscript, or a superscript after a prime and a subscript, is a double
    /// superscript.
    private mutating func parseScripts(on atom: Atom) throws(TeXError) -> Atom {
        var kind = atom.kind
        var subscriptNode: MathNode?
        var superscriptNode: MathNode?

        scriptLoop: while true {
            let token = try lexer.peek()
            switch token.kind {
            case .character("'"):
                guard superscriptNode == nil else {
                    throw TeXError.doubleSuperscript(token)
                }
                superscriptNode = try parsePrimes()

            case .character("^"):
                guard superscriptNode == nil else {
                    throw TeXError.doubleSuperscript(token)
                }
                _ = try lexer.next()
                superscriptNode = try parseScriptArgument(token, isSuperscript: true)

            case .character("_"):
                guard subscriptNode == nil else {
                    throw TeXError.doubleSubscript(token)
                }
                _ = try lexer.next()
                subscriptNode = try parseScriptArgument(token, isSuperscript: false)

            case .command(let name):
                guard case .limits(let placement)? = commandMeaning(of: name, at: token.offset) else {
                    break scriptLoop
                }
                guard kind.limitsPlacement != nil else {
                    throw TeXError.limitsWithoutOperator(token, name: name)
                }
                _ = try lexer.next()
                kind = kind.withLimitsPlacement(placement)

            default:
                break scriptLoop
            }
        }

        guard subscriptNode != nil || superscriptNode != nil else {
            return Atom(node: atom.node, kind: kind)
        }

        let node: MathNode
        if let placement = kind.limitsPlacement,
           placement == .always || (placement == .displayOnly && style == .display) {
            node = .underOver(base: atom.node, under: subscriptNode, over: superscriptNode, isAccent: false)
        } else {
            node = .scripts(base: atom.node, subscript: subscriptNode, superscript: superscriptNode)
        }

        switch kind {
        case .operatorName, .largeOperator, .operator:
            return Atom(node: node, kind: kind)
        case .ordinary, .romanLetter, .open, .space:
            return Atom(node: node, kind: .ordinary)
        }
    }

    /// Parses a run of primes, and the superscript that directly follows them, into one
    /// superscript node.
    private mutating func parsePrimes() throws(TeXError) -> MathNode {
        var count = 0
        while try lexer.peek().isCharacter("'") {
            _ = try lexer.next()
            count += 1
        }

        // ′ ″ ‴ ⁗ are single characters. Longer runs repeat ′.
        let primeCharacters = ["\u{2032}", "\u{2033}", "\u{2034}", "\u{2057}"]
        let text = count <= primeCharacters.count
            ? primeCharacters[count - 1]
            : String(repeating: "\u{2032}", count: count)
        let primes = MathNode.operator(.ordinary(text))

        let following = try lexer.peek()
        guard following.isCharacter("^") else {
            return primes
        }
        _ = try lexer.next()
        let superscriptNode = try parseScriptArgument(following, isSuperscript: true)
        return .row([primes, superscriptNode])
    }

    private mutating func parseScriptArgument(_ token: TeXToken, isSuperscript: Bool) throws(TeXError) -> MathNode {
        let outerStyle = style
        style = style.script
        defer { style = outerStyle }

        return try parseArgument(
            missing: TeXError.missingScriptArgument(token, isSuperscript: isSuperscript))
    }

    /// Parses the argument of a command or script: a brace group or a single token. A bare
    /// command takes its own arguments, as in `\frac\alpha\beta` or `x^\frac12`, and counts as
    /// a level of nesting. Throws `missing` when no argument follows.
    mutating func parseArgument(missing: @autoclosure () -> TeXError) throws(TeXError) -> MathNode {
        let token = try lexer.peek()
        switch token.kind {
        case .endOfInput:
            throw missing()

        case .character(let scalar):
            if scalar == "{" {
                _ = try lexer.next()
                return try parseGroup(opening: token)
            }
            if ["}", "&", "^", "_", "'"].contains(scalar) {
                throw missing()
            }
            return try parseAtom(isArgument: true).node

        case .command(let name):
            if let meaning = commandMeaning(of: name, at: token.offset), meaning.isRowLevel {
                switch meaning {
                case .right, .end, .rowBreak:
                    throw missing()
                default:
                    throw TeXError.notAllowedAsArgument(token, name: name)
                }
            }
            try enterNesting(at: token)
            defer { nestingDepth -= 1 }
            return try parseAtom(isArgument: true).node
        }
    }

    /// Parses argument number `ordinal` (nil for a command with one argument) of the command
    /// `owner`, named `name`.
    mutating func parseCommandArgument(of owner: TeXToken, name: String, ordinal: Int?) throws(TeXError) -> MathNode {
        try parseArgument(
            missing: TeXError.missingArgument(owner, name: name, ordinal: ordinal))
    }

    /// Parses the rest of a brace group whose `{` has been consumed.
    mutating func parseGroup(opening: TeXToken) throws(TeXError) -> MathNode {
        try enterNesting(at: opening)
        defer { nestingDepth -= 1 }

        openBraceCount += 1
        let (nodes, terminator) = try parseRow(RowContext())
        openBraceCount -= 1

        guard terminator.isCharacter("}") else {
            throw try unexpectedTerminator(
                terminator, interrupting: TeXError.unmatchedOpenBrace(offset: opening.offset))
        }
        return .group(nodes)
    }

    /// Parses one atom without scripts. In an argument each digit is an atom of its own, as in
    /// `\frac12`.
    mutating func parseAtom(isArgument: Bool) throws(TeXError) -> Atom {
        let token = try lexer.peek()
        switch token.kind {
        case .character(let scalar):
            return try parseCharacter(scalar, token, isArgument: isArgument)
        case .command(let name):
            _ = try lexer.next()
            return try parseCommand(name, token)
        case .endOfInput:
            // parseRow and parseArgument stop at the end of the input before asking for an
            // atom, so this only guards against a future caller that does not.
            throw TeXError.unexpectedEnd(offset: token.offset)
        }
    }

    private mutating func parseCharacter(_ scalar: Unicode.Scalar, _ token: TeXToken, isArgument: Bool) throws(TeXError) -> Atom {
        let startsNumber = TeXLexer.isDigit(scalar)
            || (scalar == "." && lexer.scalar(at: token.offset + 1).map(TeXLexer.isDigit) == true)
        if startsNumber && !isArgument {
            let digits = lexer.readNumber(at: token.offset)
            return Atom(node: .number(styledText(digits)), kind: .ordinary)
        }

        _ = try lexer.next()
        if TeXLexer.isDigit(scalar) {
            return Atom(node: .number(styledText(String(scalar))), kind: .ordinary)
        }
        if scalar == "{" {
            return Atom(node: try parseGroup(opening: token), kind: .ordinary)
        }
        if TeXLexer.isLetter(scalar) || (!scalar.isASCII && scalar.properties.isAlphabetic) {
            return identifierAtom(scalar, isUpright: false)
        }
        if let atom = CharacterTable.atom(for: scalar) {
            return atom
        }
        if !scalar.isASCII && scalar.properties.generalCategory == .mathSymbol {
            return Atom(node: .operator(MathOperator(String(scalar))), kind: .operator)
        }
        throw TeXError.unsupportedCharacter(
            scalar, offset: token.offset, hint: CharacterTable.hint(for: scalar))
    }

    /// Returns an identifier atom for `scalar` in the current font.
    func identifierAtom(_ scalar: Unicode.Scalar, isUpright: Bool) -> Atom {
        switch font {
        case nil:
            return Atom(node: .identifier(String(scalar), isUpright: isUpright), kind: .ordinary)
        case .roman?:
            return Atom(node: .identifier(String(scalar), isUpright: true), kind: .romanLetter)
        case let font?:
            guard let styled = font.styled(scalar) else {
                return Atom(node: .identifier(String(scalar), isUpright: isUpright), kind: .ordinary)
            }
            return Atom(node: .identifier(String(styled), isUpright: false), kind: .ordinary)
        }
    }

    /// Returns `text` with its digits in the current font.
    private func styledText(_ text: String) -> String {
        guard let font else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(font.styled(scalar) ?? scalar)
        }
        return result
    }
}
