/// One node of a parsed formula. The MathML writer turns every case into exactly one MathML
/// element, so a node can fill any child slot of `mfrac`, `msub` and the like.
///
/// Only the cases with node or operator payloads are `indirect`, so that numbers, identifiers
/// and rows, the bulk of a matrix, need no heap box of their own and the enum stays small.
enum MathNode: Equatable, Sendable {
    /// `<mi>`. An upright single-character identifier gets `mathvariant="normal"`, because
    /// MathML Core draws single-character identifiers in italic.
    case identifier(String, isUpright: Bool)
    /// `<mn>`.
    case number(String)
    /// `<mo>`.
    indirect case `operator`(MathOperator)
    /// `<mtext>`.
    case text(String)
    /// `<mspace>`. The width is a CSS length, negative for `\!`.
    case space(width: String)
    /// `<mrow>`.
    case row([MathNode])
    /// `<mfrac>`, with `linethickness="0"` when `hasRule` is false (`\binom`).
    indirect case fraction(numerator: MathNode, denominator: MathNode, hasRule: Bool)
    /// `<msqrt>`.
    indirect case squareRoot(MathNode)
    /// `<mroot>`.
    indirect case root(radicand: MathNode, index: MathNode)
    /// `<msub>`, `<msup>` or `<msubsup>`.
    indirect case scripts(base: MathNode, subscript: MathNode?, superscript: MathNode?)
    /// `<munder>`, `<mover>` or `<munderover>`. `isAccent` sets `accent` on an overscript and
    /// `accentunder` on an underscript.
    indirect case underOver(base: MathNode, under: MathNode?, over: MathNode?, isAccent: Bool)
    /// `<mtable>`.
    indirect case table(MathTable)
    /// `<mstyle>` with the `displaystyle` and `scriptlevel` of a TeX style.
    indirect case style(MathStyle, MathNode)
    /// `<mphantom>`: takes the child's space but draws nothing.
    indirect case phantom(MathNode)
    /// `<mpadded>` that zeroes the child's width (`\vphantom`) or height and depth (`\hphantom`).
    indirect case padded(MathNode, keepsWidth: Bool)

    static let empty = MathNode.row([])

    /// Wraps several nodes in one row, so that the result fills a single child slot.
    static func group(_ nodes: [MathNode]) -> MathNode {
        if nodes.count == 1, let only = nodes.first {
            return only
        }
        return .row(nodes)
    }
}

/// The attributes of one `<mo>`. Attributes left nil come from the MathML Core operator
/// dictionary.
struct MathOperator: Equatable, Sendable {
    enum Form: String, Sendable {
        case prefix, infix, postfix
    }

    var text: String
    var form: Form?
    var isFence = false
    var isStretchy: Bool?
    var isSymmetric: Bool?
    var isLargeOperator: Bool?
    var hasMovableLimits: Bool?
    /// Space before the operator, as a CSS length.
    var leftSpace: String?
    /// Space after the operator, as a CSS length.
    var rightSpace: String?
    /// Fixed height of a sized delimiter such as `\big(`, set as both `minsize` and `maxsize`.
    var fixedSize: String?

    init(_ text: String, form: Form? = nil, isStretchy: Bool? = nil) {
        self.text = text
        self.form = form
        self.isStretchy = isStretchy
    }

    /// Returns an operator with no space on either side, like a TeX ordinary symbol.
    static func ordinary(_ text: String) -> MathOperator {
        var result = MathOperator(text)
        result.leftSpace = "0"
        result.rightSpace = "0"
        return result
    }

    /// Returns an operator with `space` on both sides.
    static func spaced(_ text: String, by space: String) -> MathOperator {
        var result = MathOperator(text)
        result.leftSpace = space
        result.rightSpace = space
        return result
    }
}

/// The four TeX math styles. They decide where limits go and how the writer sets
/// `displaystyle` and `scriptlevel`.
enum MathStyle: Equatable, Sendable {
    case display, text, script, scriptScript

    /// The style of a fraction's numerator and denominator.
    var fractionPart: MathStyle {
        switch self {
        case .display: return .text
        case .text: return .script
        case .script, .scriptScript: return .scriptScript
        }
    }

    /// The style of a subscript or superscript.
    var script: MathStyle {
        switch self {
        case .display, .text: return .script
        case .script, .scriptScript: return .scriptScript
        }
    }
}

/// A parsed environment: rows of cells and how the writer lays out each column.
struct MathTable: Equatable, Sendable {
    enum Alignment: Equatable, Sendable {
        case left, center, right
    }

    /// The layout of one column. Padding values are CSS lengths that replace the default
    /// `mtd` padding on that side.
    struct Column: Equatable, Sendable {
        var alignment: Alignment
        var leftPadding: String?
        var rightPadding: String?
    }

    /// Cells by row. Rows shorter than `columns` are padded with empty cells by the writer.
    var rows: [[MathNode]]
    var columns: [Column]
    /// True for `aligned` and `align*`, whose cells are in display style. Other tables are in
    /// text style, as in TeX.
    var isDisplayStyle: Bool
}
