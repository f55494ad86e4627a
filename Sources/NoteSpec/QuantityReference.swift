import ConvolutionEngine
import SourceDiagnostics

/// One index of a selector: a number in the note's index base, or `:` for a whole axis.
public enum SelectorIndex: Equatable, Sendable {
    case index(Int)
    case all
}

/// A filter after `|` in a placeholder or expectation.
public enum QuantityFilter: String, Equatable, Sendable, CaseIterable {
    /// The shape, such as 3x3.
    case shape
    /// The entry as its sum of products before evaluation.
    case expand
    /// The sum of the selected entries.
    case sum
}

/// A reference to a quantity, as in `seed.dL/dx[1,:] | sum`.
public struct QuantityReference: Equatable, Sendable {
    /// The named spec block, or nil for the nearest one above.
    public var block: String?
    public var quantity: Quantity
    public var selector: [SelectorIndex]?
    public var filter: QuantityFilter?
    public var blockRange: SourceRange?
    public var quantityRange: SourceRange
    public var selectorRange: SourceRange?

    /// The reference as a note writes it, such as `dL/dx[1,:] | sum`.
    public var text: String {
        var text = (block.map { $0 + "." } ?? "") + quantity.rawValue
        if let selector {
            text += "[" + selector.map { index in
                switch index {
                case .index(let value): String(value)
                case .all: ":"
                }
            }.joined(separator: ",") + "]"
        }
        if let filter { text += " | " + filter.rawValue }
        return text
    }
}

extension Cursor {
    /// Reads a quantity reference. `allowBlock` accepts a `name.` prefix for a spec block.
    mutating func quantityReference(allowBlock: Bool) throws(DiagnosticError) -> QuantityReference {
        skipSpace()
        var block: String?
        var blockRange: SourceRange?
        let start = index
        if allowBlock, let name = identifier(), current == "." {
            block = text.string(name)
            blockRange = text.sourceRange(name)
            advance()
        } else {
            index = start
        }

        let (quantity, quantityRange) = try quantityName()
        var selector: [SelectorIndex]?
        var selectorRange: SourceRange?
        if current == "[" {
            let open = index
            selector = try selectorIndices()
            selectorRange = text.sourceRange(open..<index)
        }

        skipSpace()
        var filter: QuantityFilter?
        if consume("|") {
            skipSpace()
            let filterStart = index
            let name = identifier().map(text.string) ?? ""
            guard let known = QuantityFilter(rawValue: name) else {
                let suggestion = closestMatch(to: name, among: QuantityFilter.allCases.map(\.rawValue))
                throw text.error("unknown-filter", filterStart..<max(index, filterStart + 1),
                                 "unknown filter '\(name)'",
                                 notes: [suggestion.map { "did you mean '\($0)'?" } ?? "the filters are shape, expand and sum"])
            }
            filter = known
        }
        return QuantityReference(block: block, quantity: quantity, selector: selector, filter: filter,
                                 blockRange: blockRange, quantityRange: quantityRange, selectorRange: selectorRange)
    }

    /// Reads the longest quantity name that starts here.
    private mutating func quantityName() throws(DiagnosticError) -> (Quantity, SourceRange) {
        let start = index
        for (quantity, scalars) in quantityNamesByLength {
            guard start + scalars.count <= end,
                  text.scalars[start..<start + scalars.count].elementsEqual(scalars) else { continue }
            if let next = peek(scalars.count), isIdentifierContinuation(next) || next == "/" || next == "^" { continue }
            index = start + scalars.count
            return (quantity, text.sourceRange(start..<index))
        }

        while let scalar = current, isIdentifierContinuation(scalar) || scalar == "/" || scalar == "^" { advance() }
        let word = text.string(start..<index)
        let suggestion = closestMatch(to: word, among: Quantity.allCases.map(\.rawValue))
        throw text.error("unknown-quantity", start..<max(index, start + 1),
                         word.isEmpty ? "expected a quantity name, found \(describeNext(from: start))" : "unknown quantity '\(word)'",
                         notes: [suggestion.map { "did you mean '\($0)'?" }
                                 ?? "the quantities are " + Quantity.allCases.map(\.rawValue).joined(separator: ", ")])
    }

    private mutating func selectorIndices() throws(DiagnosticError) -> [SelectorIndex] {
        let open = index
        advance()
        var indices: [SelectorIndex] = []
        repeat {
            skipSpace()
            if consume(":") {
                indices.append(.all)
            } else {
                indices.append(.index(try integer(what: "a selector index").value))
            }
            skipSpace()
        } while consume(",")
        guard consume("]") else {
            throw text.error("malformed-selector", open..<index,
                             "expected , or ] in the selector, found \(describeNext(from: index))",
                             notes: ["a selector looks like [1,2], [2,:] or [:,5]"])
        }
        return indices
    }
}

/// Every quantity with the scalars of its name, longest name first, so that `dL/dy_pad`
/// is tried before `dL/dy`. Names of equal length keep the order of `Quantity.allCases`.
private let quantityNamesByLength: [(Quantity, [Unicode.Scalar])] = Quantity.allCases
    .sorted { $0.rawValue.count > $1.rawValue.count }
    .map { ($0, Array($0.rawValue.unicodeScalars)) }
