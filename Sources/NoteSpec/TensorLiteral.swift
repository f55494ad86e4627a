import ConvolutionEngine
import SourceDiagnostics

/// A tensor written out in brackets, with its shape and entries in row-major order.
public struct TensorLiteral: Sendable {
    public var shape: [Int]
    /// Exact polynomials, or doubles when the spec sets `numbers = float`.
    public var entries: [ScalarValue]
    /// Each entry as written, when the parser keeps it: an `expect` shows the stated value
    /// as the author wrote it, `0` rather than the double 0.0.
    public var writtenEntries: [String]? = nil
}

/// Parses bracketed tensors: `[1 2 3]`, `[1, 2; 3, 4]`, rows on separate lines, numpy
/// nesting `[[1, 2], [3, 4]]`, and stacks `[[1 2; 3 4], [5 6; 7 8]]`.
///
/// Inside one bracket, spaces and commas separate entries, and `;` or a line break starts
/// a new row. A bracket of entries with several rows is a matrix, with one row a vector. A
/// bracket of brackets stacks them along a new leading axis, and they must share a shape.
struct TensorLiteralParser {
    /// The largest number of entries a literal may have.
    static let maximumEntries = 1 << 20

    let text: LocatedText
    /// The number mode that entries are read in: exact, or float for doubles.
    let numbers: NumberMode
    /// Whether the literal keeps the text of each entry, which only `expect` values need.
    var keepsWrittenEntries = false

    private enum Item {
        case entry(ScalarValue, Range<Int>)
        case nested(TensorLiteral, Range<Int>)
    }

    /// The deepest nesting of brackets accepted; a tensor has rank 5 at most.
    static let maximumDepth = 8

    /// Parses the literal that starts at `cursor` (on its `[`) and moves past its `]`.
    func parse(_ cursor: inout Cursor, depth: Int = 1) throws(DiagnosticError) -> TensorLiteral {
        let open = cursor.index
        guard depth <= Self.maximumDepth else {
            throw text.error("nesting-too-deep", open..<open + 1,
                             "the tensor nests brackets more than \(Self.maximumDepth) levels deep",
                             notes: ["a tensor has at most rank 5: (N, C, D, H, W)"])
        }
        guard cursor.consume("[") else {
            throw text.error("expected-bracket", open..<open + 1, "expected [ to start a tensor")
        }
        var rows: [[Item]] = [[]]

        while true {
            cursor.skipSpace(newlines: false)
            guard let scalar = cursor.current else {
                throw text.error("unterminated-bracket", open..<open + 1, "this [ is never closed",
                                 notes: ["add the matching ]"])
            }
            switch scalar {
            case "]":
                cursor.advance()
                return try assemble(rows, bracket: open..<cursor.index)
            case ",":
                cursor.advance()
            case ";", "\n":
                cursor.advance()
                if !(rows.last?.isEmpty ?? true) { rows.append([]) }
            case "[":
                let start = cursor.index
                let nested = try parse(&cursor, depth: depth + 1)
                rows[rows.count - 1].append(.nested(nested, start..<cursor.index))
            default:
                let run = try entryRun(&cursor)
                let value = try ExpressionParser.parse(text, run, numbers: numbers)
                rows[rows.count - 1].append(.entry(value, run))
            }
        }
    }

    /// Reads one entry: up to the next separator or bracket, with parenthesized groups
    /// (which may hold spaces) taken whole.
    private func entryRun(_ cursor: inout Cursor) throws(DiagnosticError) -> Range<Int> {
        let start = cursor.index
        var depth = 0
        while let scalar = cursor.current {
            if depth == 0, scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "," || scalar == ";"
                || scalar == "\n" || scalar == "[" || scalar == "]" {
                break
            }
            if scalar == "(" { depth += 1 }
            if scalar == ")" { depth -= 1 }
            cursor.advance()
        }
        return start..<cursor.index
    }

    private func assemble(_ rawRows: [[Item]], bracket: Range<Int>) throws(DiagnosticError) -> TensorLiteral {
        let rows = rawRows.filter { !$0.isEmpty }
        let items = rows.flatMap { $0 }
        guard let first = items.first else {
            throw text.error("empty-tensor", bracket, "the tensor [] has no entries",
                             notes: ["write at least one entry, such as [1]"])
        }

        if case .nested(let head, _) = first {
            var entries: [ScalarValue] = []
            var written: [String]? = keepsWrittenEntries ? [] : nil
            for item in items {
                guard case .nested(let child, let range) = item else {
                    throw mixedError(item, bracket)
                }
                guard child.shape == head.shape else {
                    throw text.error("ragged-tensor", range,
                                     "this bracket has shape \(formatShape(child.shape)), but the first one in the same bracket has \(formatShape(head.shape))",
                                     notes: ["give every stacked tensor the same shape"])
                }
                entries += child.entries
                written? += child.writtenEntries ?? []
            }
            return try checked(TensorLiteral(shape: [items.count] + head.shape, entries: entries, writtenEntries: written), bracket)
        }

        var entries: [ScalarValue] = []
        var written: [String]? = keepsWrittenEntries ? [] : nil
        let width = rows[0].count
        for row in rows {
            guard row.count == width else {
                let range = Self.range(of: row)
                throw text.error("ragged-tensor", range,
                                 "this row has \(row.count) \(row.count == 1 ? "entry" : "entries"), but the first row has \(width)",
                                 notes: ["give every row the same number of entries"])
            }
            for item in row {
                guard case .entry(let value, let range) = item else { throw mixedError(item, bracket) }
                entries.append(value)
                written?.append(text.string(range))
            }
        }
        let shape = rows.count == 1 ? [width] : [rows.count, width]
        return try checked(TensorLiteral(shape: shape, entries: entries, writtenEntries: written), bracket)
    }

    private func checked(_ literal: TensorLiteral, _ bracket: Range<Int>) throws(DiagnosticError) -> TensorLiteral {
        guard literal.entries.count <= Self.maximumEntries else {
            throw text.error("tensor-too-large", bracket,
                             "the tensor has \(literal.entries.count) entries, above the limit of \(Self.maximumEntries)")
        }
        return literal
    }

    private func mixedError(_ item: Item, _ bracket: Range<Int>) -> DiagnosticError {
        let range: Range<Int>
        switch item {
        case .entry(_, let r), .nested(_, let r): range = r
        }
        return text.error("ragged-tensor", range, "this bracket mixes entries and nested brackets",
                          notes: ["write either rows of entries, [1 2; 3 4], or nested brackets, [[1, 2], [3, 4]]"])
    }

    private static func range(of row: [Item]) -> Range<Int> {
        let bounds = row.map { item -> Range<Int> in
            switch item {
            case .entry(_, let r), .nested(_, let r): return r
            }
        }
        guard let first = bounds.first, let last = bounds.last else { return 0..<0 }
        return first.lowerBound..<last.upperBound
    }
}
