import SourceDiagnostics

/// The supported `\begin{…}` environments and how each lays out its table.
enum EnvironmentKind: String, CaseIterable {
    case matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, smallmatrix
    case cases
    case aligned
    case alignStar = "align*"
    case array

    static let supportedNames = allCases.map(\.rawValue).joined(separator: ", ")

    /// Returns the supported name closest to `name` by edit distance, or nil when none is close.
    static func suggestion(for name: String) -> String? {
        closestMatch(to: name, among: allCases.map(\.rawValue).sorted())
    }

    /// The delimiters drawn around the table, each nil for none.
    var delimiters: (left: String?, right: String?) {
        switch self {
        case .pmatrix: return ("(", ")")
        case .bmatrix: return ("[", "]")
        case .Bmatrix: return ("{", "}")
        case .vmatrix: return ("|", "|")
        case .Vmatrix: return ("\u{2016}", "\u{2016}")
        case .cases: return ("{", nil)
        case .matrix, .smallmatrix, .aligned, .alignStar, .array: return (nil, nil)
        }
    }

    /// The TeX style of the cells: display for alignments, script for `smallmatrix`, text for
    /// the rest.
    var cellStyle: MathStyle {
        switch self {
        case .aligned, .alignStar: return .display
        case .smallmatrix: return .script
        default: return .text
        }
    }

    /// The maximum number of cells per row, or nil for no limit. `array` takes its limit from
    /// the column spec instead.
    var maximumColumns: Int? {
        self == .cases ? 2 : nil
    }

    /// Returns whether an operator that starts a cell in `column` (from 0) is infix. That holds
    /// in the left-aligned columns of an alignment, where amsmath puts `{}` before the cell.
    func hasInfixLeadingOperator(column: Int) -> Bool {
        (self == .aligned || self == .alignStar) && column % 2 == 1
    }

    /// Returns the layout of column `index` (from 0) for the environments without a column spec.
    func column(at index: Int) -> MathTable.Column {
        switch self {
        case .cases:
            // amsmath puts a quad between the value and its condition.
            return MathTable.Column(
                alignment: .left, leftPadding: index == 0 ? nil : "1em", rightPadding: nil)
        case .aligned, .alignStar:
            // Columns pair up as right-aligned then left-aligned, with no gap inside a pair so
            // that `&=` reads as one expression, and 1em between pairs.
            if index % 2 == 0 {
                return MathTable.Column(
                    alignment: .right, leftPadding: index == 0 ? nil : "1em", rightPadding: "0")
            }
            return MathTable.Column(alignment: .left, leftPadding: "0", rightPadding: nil)
        default:
            return MathTable.Column(alignment: .center, leftPadding: nil, rightPadding: nil)
        }
    }
}
