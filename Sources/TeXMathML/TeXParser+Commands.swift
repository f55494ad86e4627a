// Commands: symbols, fractions, roots, accents, fonts, operator names and stacked scripts.
extension TeXParser {
    /// Parses the command `token`, named `name`, whose token has been consumed.
    mutating func parseCommand(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        guard let meaning = commandMeaning(of: name, at: token.offset) else {
            throw TeXError.unsupportedCommand(
                token, name: name, suggestion: CommandTable.suggestion(for: name))
        }

        switch meaning {
        case .identifier(let scalar, let isUpright):
            return identifierAtom(scalar, isUpright: isUpright)

        case .symbol(let symbol, let kind):
            return Atom(node: .operator(symbol), kind: kind)

        case .largeOperator(let text, let placement):
            var symbol = MathOperator(text, form: .prefix)
            symbol.isLargeOperator = true
            // The parser places limits itself, by the TeX style, so the browser must not move them.
            symbol.hasMovableLimits = false
            return Atom(node: .operator(symbol), kind: .largeOperator(placement))

        case .namedOperator(let text, let placement):
            return Atom(node: .identifier(text, isUpright: true), kind: .operatorName(placement))

        case .space(let width):
            return Atom(node: .space(width: width), kind: .space)

        case .fraction(let kind):
            return try parseFraction(kind, token, name: name)

        case .squareRoot:
            return try parseSquareRoot(token)

        case .accent(let mark, let isUnder):
            let base = try parseCommandArgument(of: token, name: name, ordinal: nil)
            let node = MathNode.underOver(
                base: base, under: isUnder ? .operator(mark) : nil,
                over: isUnder ? nil : .operator(mark), isAccent: true)
            return Atom(node: node, kind: .ordinary)

        case .horizontalBrace(let brace, let isUnder):
            let base = try parseCommandArgument(of: token, name: name, ordinal: nil)
            let node = MathNode.underOver(
                base: base, under: isUnder ? .operator(brace) : nil,
                over: isUnder ? nil : .operator(brace), isAccent: false)
            // TeX makes the braces operators with limits, so the label goes under or over.
            return Atom(node: node, kind: .largeOperator(.always))

        case .mathFont(let newFont):
            let outerFont = font
            font = newFont
            defer { font = outerFont }
            return Atom(node: try parseCommandArgument(of: token, name: name, ordinal: nil), kind: .ordinary)

        case .text(let textFont):
            return Atom(node: .text(try readTextArgument(token, name: name, font: textFont)), kind: .ordinary)

        case .operatorName:
            return try parseOperatorName(token)

        case .mathOperator:
            let body = try parseCommandArgument(of: token, name: name, ordinal: nil)
            return Atom(node: body, kind: .operatorName(.displayOnly))

        case .stack(let isUnder):
            return try parseStack(token, name: name, isUnder: isUnder)

        case .phantom:
            let body = try parseCommandArgument(of: token, name: name, ordinal: nil)
            return Atom(node: .phantom(body), kind: .ordinary)

        case .horizontalPhantom:
            let body = try parseCommandArgument(of: token, name: name, ordinal: nil)
            return Atom(node: .padded(.phantom(body), keepsWidth: true), kind: .ordinary)

        case .verticalPhantom:
            let body = try parseCommandArgument(of: token, name: name, ordinal: nil)
            return Atom(node: .padded(.phantom(body), keepsWidth: false), kind: .ordinary)

        case .left:
            return try parseLeftRight(token)

        case .sizedDelimiter(let size, let role):
            return try parseSizedDelimiter(token, name: name, size: size, role: role)

        case .begin:
            return try parseEnvironment(token)

        case .limits:
            throw TeXError.limitsWithoutOperator(token, name: name)

        case .unsupported(let hint):
            throw TeXError.unsupportedCommand(token, name: name, hint: hint)

        case .right:
            throw TeXError.rightWithoutLeft(token)

        case .styleSwitch, .middle, .end, .rowBreak, .ignored:
            // parseRow handles these, and parseArgument rejects them before they get here.
            throw TeXError.notAllowedAsArgument(token, name: name)
        }
    }

    /// Parses `\frac`, `\binom` and their display and text variants.
    ///
    /// `\dfrac` and `\tfrac` set the fraction's own style, which MathML Core passes on to the
    /// numerator and denominator one step smaller, as TeX does.
    private mutating func parseFraction(_ kind: FractionKind, _ token: TeXToken, name: String) throws(TeXError) -> Atom {
        let fractionStyle = kind.forcedStyle ?? style
        let outerStyle = style
        style = fractionStyle.fractionPart
        let numerator = try parseCommandArgument(of: token, name: name, ordinal: 1)
        let denominator = try parseCommandArgument(of: token, name: name, ordinal: 2)
        style = outerStyle

        var node = MathNode.fraction(
            numerator: numerator, denominator: denominator, hasRule: kind.hasRule)
        if !kind.hasRule {
            node = .row([
                .operator(Self.fence("(", form: .prefix)), node,
                .operator(Self.fence(")", form: .postfix)),
            ])
        }
        if fractionStyle != outerStyle {
            node = .style(fractionStyle, node)
        }
        return Atom(node: node, kind: .ordinary)
    }

    /// Parses `\sqrt{x}` and `\sqrt[n]{x}`. The index is in TeX's script-script style.
    private mutating func parseSquareRoot(_ token: TeXToken) throws(TeXError) -> Atom {
        var index: MathNode?
        let bracket = try lexer.peek()
        if bracket.isCharacter("[") {
            _ = try lexer.next()
            try enterNesting(at: bracket)
            let outerStyle = style
            style = .scriptScript
            let (nodes, terminator) = try parseRow(RowContext(endsAtCloseBracket: true))
            style = outerStyle
            nestingDepth -= 1

            guard terminator.isCharacter("]") else {
                throw try unexpectedTerminator(
                    terminator,
                    interrupting: TeXError.unclosedSquareRootIndex(offset: bracket.offset))
            }
            index = .group(nodes)
        }

        let radicand = try parseCommandArgument(of: token, name: "sqrt", ordinal: nil)
        if let index {
            return Atom(node: .root(radicand: radicand, index: index), kind: .ordinary)
        }
        return Atom(node: .squareRoot(radicand), kind: .ordinary)
    }

    /// Parses `\operatorname{name}` and `\operatorname*{name}`, whose star puts limits below
    /// and above in display style. The name is upright, and a run of letters becomes one `<mi>`.
    private mutating func parseOperatorName(_ token: TeXToken) throws(TeXError) -> Atom {
        var placement = LimitsPlacement.never
        if try lexer.peek().isCharacter("*") {
            _ = try lexer.next()
            placement = .displayOnly
        }

        let outerFont = font
        font = .roman
        defer { font = outerFont }
        let body = try parseCommandArgument(of: token, name: "operatorname", ordinal: nil)
        return Atom(node: body, kind: .operatorName(placement))
    }

    /// Parses `\underset{below}{base}`, `\overset{above}{base}` and `\stackrel{above}{base}`.
    /// The result keeps the class of an operator base, so `\stackrel{\text{def}}{=}` spaces
    /// like `=`.
    private mutating func parseStack(_ token: TeXToken, name: String, isUnder: Bool) throws(TeXError) -> Atom {
        let outerStyle = style
        style = style.script
        let script = try parseCommandArgument(of: token, name: name, ordinal: 1)
        style = outerStyle
        let base = try parseCommandArgument(of: token, name: name, ordinal: 2)

        let node = MathNode.underOver(
            base: base, under: isUnder ? script : nil, over: isUnder ? nil : script, isAccent: false)
        if case .operator = base {
            return Atom(node: node, kind: .operator)
        }
        return Atom(node: node, kind: .ordinary)
    }

    /// Returns a stretchy fence such as the parentheses of `\binom` and `pmatrix`.
    static func fence(_ text: String, form: MathOperator.Form) -> MathOperator {
        var symbol = MathOperator(text, form: form, isStretchy: true)
        symbol.isFence = true
        symbol.isSymmetric = true
        return symbol
    }
}
