import ConvolutionEngine
import SourceDiagnostics

/// Applies a selector to a quantity: returns the chosen entries with the shape of the `:`
/// axes (a scalar when every index is a number), or a diagnostic for a bad index.
public func select(
    _ value: QuantityValue, _ selector: [SelectorIndex]?, indexBase: Int, reference: QuantityReference
) throws(DiagnosticError) -> QuantityValue {
    guard let selector else { return value }
    let range = reference.selectorRange ?? reference.quantityRange
    guard selector.count == value.shape.count else {
        throw DiagnosticError(specError(
            "selector-rank", range,
            "\(reference.quantity.rawValue) has shape \(formatShape(value.shape)), so a selector needs \(value.shape.count) indices, not \(selector.count)",
            notes: value.shape.isEmpty ? ["\(reference.quantity.rawValue) is a scalar; leave out the selector"] : []))
    }

    var fixed: [Int?] = []
    for (axis, index) in selector.enumerated() {
        switch index {
        case .all:
            fixed.append(nil)
        case .index(let written):
            // Int.min minus an index base of 1 would trap, and is out of range anyway.
            let (zeroBased, overflow) = written.subtractingReportingOverflow(indexBase)
            guard !overflow, zeroBased >= 0, zeroBased < value.shape[axis] else {
                let last = value.shape[axis] - 1 + indexBase
                throw DiagnosticError(specError(
                    "index-out-of-range", range,
                    "index \(written) on axis \(axis + 1) of \(reference.quantity.rawValue) is out of range \(indexBase)...\(last)",
                    notes: ["this note counts from \(indexBase) (index-base in the front matter)"]))
            }
            fixed.append(zeroBased)
        }
    }

    let chosen = fixed
    let freeAxes = chosen.indices.filter { chosen[$0] == nil }
    let shape = freeAxes.map { value.shape[$0] }
    return QuantityValue(shape: shape) { flat in
        let free = coordinates(ofFlatIndex: flat, in: shape)
        var full = chosen.map { $0 ?? 0 }
        for (position, axis) in freeAxes.enumerated() { full[axis] = free[position] }
        return value[full]
    }
}
