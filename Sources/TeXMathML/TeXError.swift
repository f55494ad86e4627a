/// A TeX construct that the converter rejects, with its place in the source.
public struct TeXError: Error, Equatable, Sendable {
    /// Offset of the offending text, counted in Unicode scalars from the start of the TeX source.
    public var offset: Int
    /// Length of the offending text in Unicode scalars (at least 1 where there is text).
    public var length: Int
    /// One plain sentence: what is wrong, on which value, and what to write instead.
    public var message: String

    public init(offset: Int, length: Int, message: String) {
        self.offset = offset
        self.length = length
        self.message = message
    }
}

// The messages of every error the converter raises, in one place so they read alike.
extension TeXError {
    static func inputTooLong(length: Int) -> TeXError {
        let maximum = ConversionLimits.maximumInputLength
        return TeXError(
            offset: maximum, length: length - maximum,
            message: "formula is \(length) characters long, over the limit of \(maximum); "
                + "split it into smaller formulas")
    }

    static func forbiddenScalar(_ scalar: Unicode.Scalar, offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "invalid character \(codePoint(scalar)) in the formula, because HTML "
                + "forbids control characters and noncharacters; remove it")
    }

    static func backslashAtEnd(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "backslash at the end of the formula has no command name; remove it or "
                + "write \\backslash for a backslash symbol")
    }

    static func unsupportedCommand(_ token: TeXToken, name: String, suggestion: String?) -> TeXError {
        let advice = suggestion.map { "did you mean \\\($0)?" }
            ?? "rewrite it with supported commands or put words in \\text{…}"
        return TeXError(
            offset: token.offset, length: token.length,
            message: "unsupported TeX command \\\(shortened(name)); \(advice)")
    }

    static func unsupportedCommand(_ token: TeXToken, name: String, hint: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "unsupported TeX command \\\(name); \(hint)")
    }

    static func unsupportedCharacter(_ scalar: Unicode.Scalar, offset: Int, hint: String) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "unsupported character \(scalar) (\(codePoint(scalar))) in math; \(hint)")
    }

    static func unexpectedEnd(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 0,
            message: "formula ends where a symbol was expected; complete the formula")
    }

    static func unmatchedOpenBrace(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "unmatched {; add a matching } where the group ends")
    }

    static func unmatchedCloseBrace(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "unmatched }; remove it or add a matching { before it")
    }

    static func leftWithoutRight(offset: Int, length: Int, delimiterSource: String) -> TeXError {
        let partner = Delimiters.closingPartner(ofSource: delimiterSource)
        return TeXError(
            offset: offset, length: length,
            message: "\\left\(delimiterSource) has no matching \\right; close it with "
                + "\\right\(partner) or \\right. in the same group")
    }

    static func rightWithoutLeft(_ token: TeXToken) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\right has no matching \\left; add a \\left before it in the same group "
                + "or remove it")
    }

    static func middleOutsideLeftRight(_ token: TeXToken) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\middle is outside a \\left … \\right pair; put it between \\left and "
                + "\\right in the same group")
    }

    static func missingDelimiter(after token: TeXToken, name: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) needs a delimiter after it, such as ( [ \\{ \\langle | or the "
                + "empty delimiter .")
    }

    static func alignmentOutsideEnvironment(_ token: TeXToken, isInsideEnvironment: Bool) -> TeXError {
        let message = isInsideEnvironment
            ? "alignment tab & is inside braces or \\left … \\right within an environment; "
                + "close that group before the &"
            : "alignment tab & is outside an environment; write \\& for an ampersand or put "
                + "the rows in \\begin{aligned} … \\end{aligned}"
        return TeXError(offset: token.offset, length: token.length, message: message)
    }

    static func rowBreakOutsideEnvironment(_ token: TeXToken, isInsideEnvironment: Bool) -> TeXError {
        let message = isInsideEnvironment
            ? "line break \\\\ is inside braces or \\left … \\right within an environment; "
                + "close that group before the \\\\"
            : "line break \\\\ is outside an environment; put the lines in "
                + "\\begin{aligned} … \\end{aligned}"
        return TeXError(offset: token.offset, length: token.length, message: message)
    }

    /// Returns the error for a command without its argument. `ordinal` is 1 or 2 for commands
    /// with two arguments and nil for commands with one.
    static func missingArgument(_ token: TeXToken, name: String, ordinal: Int?) -> TeXError {
        let which: String
        switch ordinal {
        case 1: which = "first argument"
        case 2: which = "second argument"
        default: which = "argument"
        }
        return TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) is missing its \(which); write \(CommandTable.usage(of: name))")
    }

    static func missingScriptArgument(_ token: TeXToken, isSuperscript: Bool) -> TeXError {
        let message = isSuperscript
            ? "superscript ^ has nothing after it; write the superscript in braces, as in x^{2}"
            : "subscript _ has nothing after it; write the subscript in braces, as in x_{i}"
        return TeXError(offset: token.offset, length: token.length, message: message)
    }

    static func notAllowedAsArgument(_ token: TeXToken, name: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) cannot be an argument or a script on its own; put it inside "
                + "braces, as in {\\\(name) …}")
    }

    static func doubleSuperscript(_ token: TeXToken) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "double superscript; join both into one, as in x^{ab}, or brace the base, "
                + "as in {x^a}^b")
    }

    static func doubleSubscript(_ token: TeXToken) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "double subscript; join both into one, as in x_{ij}, or brace the base, "
                + "as in {x_i}_j")
    }

    static func nestingTooDeep(_ token: TeXToken) -> TeXError {
        let maximum = ConversionLimits.maximumNestingDepth
        return TeXError(
            offset: token.offset, length: max(token.length, 1),
            message: "formula nests deeper than \(maximum) levels of braces, environments, "
                + "\\left … \\right pairs and arguments; split it into smaller formulas")
    }

    static func unknownEnvironment(offset: Int, name: String, suggestion: String?) -> TeXError {
        let advice = suggestion.map { "did you mean \($0)?" }
            ?? "use one of " + EnvironmentKind.supportedNames
        return TeXError(
            offset: offset, length: max(name.unicodeScalars.count, 1),
            message: "unsupported environment \(shortened(name)); \(advice)")
    }

    static func missingEnvironmentName(_ token: TeXToken, name: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) needs an environment name in braces, as in \\\(name){bmatrix}")
    }

    static func environmentMismatch(offset: Int, length: Int, endName: String, beginName: String) -> TeXError {
        TeXError(
            offset: offset, length: length,
            message: "\\end{\(shortened(endName))} does not match \\begin{\(beginName)}; "
                + "write \\end{\(beginName)}")
    }

    static func missingEnd(offset: Int, length: Int, name: String) -> TeXError {
        TeXError(
            offset: offset, length: length,
            message: "\\begin{\(name)} has no matching \\end{\(name)}; add it after the last row")
    }

    static func endWithoutBegin(offset: Int, length: Int, name: String) -> TeXError {
        TeXError(
            offset: offset, length: length,
            message: "\\end{\(shortened(name))} has no matching \\begin; remove it or add "
                + "\\begin{\(shortened(name))} before it")
    }

    static func tooManyColumns(_ token: TeXToken, environment: String, maximum: Int, hasColumnSpec: Bool) -> TeXError {
        let message = hasColumnSpec
            ? "too many columns: the \(environment) column spec declares \(maximum); add a "
                + "column to the spec or remove the extra &"
            : "too many columns: \(environment) allows \(maximum) per row; remove the extra &"
        return TeXError(offset: token.offset, length: token.length, message: message)
    }

    static func invalidColumnSpec(offset: Int, _ scalar: Unicode.Scalar) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "unsupported column type \(scalar) in the array column spec; use l, c or r")
    }

    static func missingColumnSpec(_ token: TeXToken) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "array needs a column spec in braces, as in \\begin{array}{cc}")
    }

    static func unclosedSquareRootIndex(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "\\sqrt[ has no closing ]; write \\sqrt[n]{x}")
    }

    static func invalidRowSpacing(offset: Int, length: Int) -> TeXError {
        TeXError(
            offset: offset, length: max(length, 1),
            message: "invalid row spacing after \\\\; write a length such as \\\\[4pt]")
    }

    static func limitsWithoutOperator(_ token: TeXToken, name: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) must follow a large operator such as \\sum or \\lim")
    }

    static func unsupportedTextCommand(offset: Int, length: Int, name: String) -> TeXError {
        TeXError(
            offset: offset, length: length,
            message: "unsupported command \\\(shortened(name)) inside \\text; close \\text{…} "
                + "before the math and reopen it after")
    }

    static func unescapedTextCharacter(_ scalar: Unicode.Scalar, offset: Int, escape: String) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "unescaped \(scalar) inside \\text; write \(escape) for the character itself")
    }

    static func mathInsideText(offset: Int) -> TeXError {
        TeXError(
            offset: offset, length: 1,
            message: "$ inside \\text; close \\text{…} before the math and reopen it after, "
                + "or write \\$ for a dollar sign")
    }

    static func textWithoutBraces(_ token: TeXToken, name: String) -> TeXError {
        TeXError(
            offset: token.offset, length: token.length,
            message: "\\\(name) needs its text in braces, as in \\\(name){for all}")
    }

    /// Returns the code point of `scalar` in the U+XXXX form.
    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Returns `name` cut to 40 scalars, so that a runaway command name cannot make the
    /// message as long as the formula.
    private static func shortened(_ name: String) -> String {
        let scalars = name.unicodeScalars
        guard scalars.count > 40 else {
            return name
        }
        var result = String(String.UnicodeScalarView(scalars.prefix(40)))
        result += "…"
        return result
    }
}
