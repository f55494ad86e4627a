/// Placement of the subscript and superscript of an operator.
enum LimitsPlacement: Equatable, Sendable {
    /// Below and above in display style, beside otherwise (`\sum`, `\lim`).
    case displayOnly
    /// Always below and above (`\underbrace`, or any operator followed by `\limits`).
    case always
    /// Always beside (`\int`, `\sin`, or any operator followed by `\nolimits`).
    case never
}

/// The TeX class of a parsed atom, as far as the row builder and script placement need it.
enum AtomKind: Equatable, Sendable {
    case ordinary
    /// An upright letter from `\mathrm` or `\operatorname`. Runs of these merge into one
    /// multi-letter `<mi>`.
    case romanLetter
    /// A function name such as `\sin` or `\operatorname{vec}`, which gets a function application
    /// and a thin space before the atom that follows.
    case operatorName(LimitsPlacement)
    /// A large operator such as `\sum`.
    case largeOperator(LimitsPlacement)
    /// An opening delimiter, or a whole `\left … \right` group.
    case open
    /// Any other `<mo>`: binary operators, relations, punctuation, closing delimiters.
    case `operator`
    case space

    var limitsPlacement: LimitsPlacement? {
        switch self {
        case .operatorName(let placement), .largeOperator(let placement):
            return placement
        default:
            return nil
        }
    }

    func withLimitsPlacement(_ placement: LimitsPlacement) -> AtomKind {
        switch self {
        case .operatorName:
            return .operatorName(placement)
        case .largeOperator:
            return .largeOperator(placement)
        default:
            return self
        }
    }
}

/// One parsed atom: its MathML node and its TeX class.
struct Atom: Sendable {
    var node: MathNode
    var kind: AtomKind
}

/// The fraction-like commands.
enum FractionKind: Sendable {
    case frac, dfrac, tfrac, binom, dbinom, tbinom

    /// The style that the command forces on the fraction, or nil to keep the current one.
    var forcedStyle: MathStyle? {
        switch self {
        case .frac, .binom: return nil
        case .dfrac, .dbinom: return .display
        case .tfrac, .tbinom: return .text
        }
    }

    var hasRule: Bool {
        switch self {
        case .frac, .dfrac, .tfrac: return true
        case .binom, .dbinom, .tbinom: return false
        }
    }
}

/// The role of a delimiter sized by `\big` and its relatives.
enum SizedDelimiterRole: Sendable {
    /// `\big`: an ordinary symbol without surrounding space.
    case ordinary
    /// `\bigl`.
    case open
    /// `\bigr`.
    case close
    /// `\bigm`: a relation, with thick space on both sides.
    case relation
}

/// Action of a TeX control sequence, on which the parser dispatches.
///
/// The cases with a `MathOperator` are `indirect`, so that copying a meaning out of the table
/// retains one box instead of each of the operator's strings.
enum CommandMeaning: Sendable {
    /// A symbol drawn as `<mi>`, which font commands such as `\boldsymbol` restyle.
    case identifier(Unicode.Scalar, isUpright: Bool)
    /// A symbol drawn as `<mo>`.
    indirect case symbol(MathOperator, AtomKind)
    case largeOperator(String, LimitsPlacement)
    /// A function name drawn as an upright `<mi>`, such as `\sin`.
    case namedOperator(String, LimitsPlacement)
    /// Horizontal space of the given CSS width.
    case space(String)
    case fraction(FractionKind)
    case squareRoot
    indirect case accent(MathOperator, isUnder: Bool)
    /// `\underbrace` and `\overbrace`, whose script goes below or above the brace.
    indirect case horizontalBrace(MathOperator, isUnder: Bool)
    case mathFont(MathFont)
    /// `\text` and its font variants. Nil is the upright text font.
    case text(MathFont?)
    /// `\operatorname`, with `*` for limits in display style.
    case operatorName
    /// `\mathop`.
    case mathOperator
    /// `\underset`, `\overset` and `\stackrel`. True puts the first argument below the second.
    case stack(isUnder: Bool)
    case styleSwitch(MathStyle)
    case phantom
    case horizontalPhantom
    case verticalPhantom
    case left
    case right
    case middle
    /// `\big` and its relatives. The size is a CSS length.
    case sizedDelimiter(size: String, role: SizedDelimiterRole)
    case begin
    case end
    /// `\limits` and `\nolimits`.
    case limits(LimitsPlacement)
    /// `\\`.
    case rowBreak
    /// Commands that change nothing in MathML, such as `\nonumber`.
    case ignored
    /// Known TeX that this converter rejects, with what to write instead.
    case unsupported(hint: String)

    /// True for commands that act on the row around them and so cannot be the argument of
    /// another command or a script.
    var isRowLevel: Bool {
        switch self {
        case .styleSwitch, .left, .right, .middle, .begin, .end, .limits, .rowBreak, .ignored:
            return true
        default:
            return false
        }
    }
}
