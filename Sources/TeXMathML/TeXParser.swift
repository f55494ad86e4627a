import SourceDiagnostics

/// Recursive-descent parser from TeX math to a `MathNode` tree.
///
/// Every path that recurses (brace groups, environments, `\left … \right`, `\sqrt[…]` and
/// bare command arguments) passes through `enterNesting`, which throws past
/// `ConversionLimits.maximumNestingDepth`, so the stack stays shallow on any input. Each token
/// is scanned a bounded number of times, so parsing time is linear in the input length.
///
/// A parser converts one formula. After it throws, its state is no longer consistent.
struct TeXParser {
    var lexer: TeXLexer
    /// The current TeX style, which decides where limits go.
    var style: MathStyle
    /// The alphabet set by the innermost font command, or nil for the default math letters.
    var font: MathFont?

    var nestingDepth = 0
    /// Numbers of enclosing constructs, used to decide whether a stray closing token or the
    /// construct it interrupts is the error.
    var openBraceCount = 0
    var openLeftCount = 0
    var openEnvironmentCount = 0

    /// The offset of the command token looked up last, and its meaning. The parser looks a
    /// command up to three times (after an atom for `\limits`, in the row, then to parse it),
    /// and this saves hashing its name each time. The offset identifies the command, because
    /// the lexer scans the same name from the same offset of one formula.
    private var lastCommandLookup: (offset: Int, meaning: CommandMeaning?)?

    init(scalars: [Unicode.Scalar], display: MathDisplay) {
        lexer = TeXLexer(scalars: scalars)
        style = display == .block ? .display : .text
    }

    /// Parses the whole formula into the children of its top-level row.
    mutating func parseFormula() throws(TeXError) -> [MathNode] {
        let (nodes, terminator) = try parseRow(RowContext())
        guard terminator.kind == .endOfInput else {
            throw try unexpectedTerminator(terminator, interrupting: nil)
        }
        return nodes
    }

    /// The tokens besides `}`, `\right`, `\end` and the end of the input that end a row.
    struct RowContext {
        /// A cell of an environment, which `&` and `\\` end.
        var isTableCell = false
        /// The row directly inside `\left … \right`, where `\middle` may appear.
        var allowsMiddle = false
        /// The index of `\sqrt[…]`, which `]` ends.
        var endsAtCloseBracket = false
    }

    /// Parses atoms up to the token that ends the row, consumes that token and returns it
    /// with the row's nodes. Style switches inside the row end with it.
    mutating func parseRow(_ context: RowContext) throws(TeXError) -> (nodes: [MathNode], terminator: TeXToken) {
        let outerStyle = style
        defer { style = outerStyle }

        var builder = RowBuilder()
        while true {
            let token = try lexer.peek()
            if try isRowTerminator(token, context) {
                _ = try lexer.next()
                return (builder.finish(), token)
            }

            if case .command(let name) = token.kind, let meaning = commandMeaning(of: name, at: token.offset) {
                switch meaning {
                case .styleSwitch(let newStyle):
                    _ = try lexer.next()
                    style = newStyle
                    builder.switchStyle(to: newStyle)
                    continue
                case .ignored:
                    _ = try lexer.next()
                    continue
                case .middle:
                    guard context.allowsMiddle else {
                        throw TeXError.middleOutsideLeftRight(token)
                    }
                    _ = try lexer.next()
                    builder.append(try parseMiddle(token))
                    continue
                default:
                    break
                }
            }

            builder.append(try parseAtomWithScripts())
        }
    }

    /// Returns whether `token` ends a row in `context`, and throws for `&` and `\\` where no
    /// table cell can end.
    private func isRowTerminator(_ token: TeXToken, _ context: RowContext) throws(TeXError) -> Bool {
        switch token.kind {
        case .endOfInput:
            return true
        case .character("}"):
            return true
        case .character("]"):
            return context.endsAtCloseBracket
        case .character("&"):
            guard context.isTableCell else {
                throw TeXError.alignmentOutsideEnvironment(
                    token, isInsideEnvironment: openEnvironmentCount > 0)
            }
            return true
        case .command("\\"):
            guard context.isTableCell else {
                throw TeXError.rowBreakOutsideEnvironment(
                    token, isInsideEnvironment: openEnvironmentCount > 0)
            }
            return true
        case .command("right"), .command("end"):
            return true
        default:
            return false
        }
    }

    /// Returns the error for a row that ended at `terminator` instead of its own closing token.
    ///
    /// A closing token that no enclosing construct could match is itself the error. Otherwise
    /// the interrupted construct is, and `interrupting` is its error. Nil means the top level,
    /// which only the end of the input closes.
    mutating func unexpectedTerminator(_ terminator: TeXToken, interrupting opener: TeXError?) throws(TeXError) -> TeXError {
        switch terminator.kind {
        case .character("}"):
            if openBraceCount > 0, let opener {
                return opener
            }
            return TeXError.unmatchedCloseBrace(offset: terminator.offset)
        case .command("right"):
            if openLeftCount > 0, let opener {
                return opener
            }
            return TeXError.rightWithoutLeft(terminator)
        case .command("end"):
            if openEnvironmentCount > 0, let opener {
                return opener
            }
            let name = try readEnvironmentName(after: terminator)
            return TeXError.endWithoutBegin(
                offset: terminator.offset, length: name.end - terminator.offset, name: name.text)
        default:
            return opener ?? TeXError.unmatchedCloseBrace(offset: terminator.offset)
        }
    }

    /// Returns the meaning of the command `name` whose token starts at `offset`.
    mutating func commandMeaning(of name: String, at offset: Int) -> CommandMeaning? {
        if let lastCommandLookup, lastCommandLookup.offset == offset {
            return lastCommandLookup.meaning
        }
        let meaning = CommandTable.meaning(of: name)
        lastCommandLookup = (offset, meaning)
        return meaning
    }

    /// Enters one level of nesting, or throws at `token` when that would pass the limit.
    /// Every caller decrements `nestingDepth` when it leaves the level.
    mutating func enterNesting(at token: TeXToken) throws(TeXError) {
        guard nestingDepth < ConversionLimits.maximumNestingDepth else {
            throw TeXError.nestingTooDeep(token)
        }
        nestingDepth += 1
    }

    /// Returns the source text from `offset` up to `end`, for messages.
    func sourceText(from offset: Int, to end: Int) -> String {
        let scalars = lexer.scalars
        let lower = min(max(offset, 0), scalars.count)
        let upper = min(max(end, lower), scalars.count)
        return String(scalars: scalars[lower..<upper])
    }
}
