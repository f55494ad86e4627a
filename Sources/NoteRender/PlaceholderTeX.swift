import ConvolutionEngine
import NoteSpec
import SourceDiagnostics

/// Writes the TeX that a quantity placeholder stands for.
enum PlaceholderTeX {
    /// The most products `| expand` writes out before cutting the sum down around ⋯.
    static let expandLimit = 48

    static func tex(_ reference: QuantityReference, spec: EvaluatedSpec) throws(DiagnosticError) -> String {
        if reference.filter == .expand {
            return try expanded(reference, spec: spec)
        }
        let value = try spec.value(of: reference)
        if reference.filter == .shape {
            return value.shape.isEmpty ? "\\text{scalar}" : TeXWriter.shape(value.shape)
        }
        // A column picked out of a matrix, as in J_x[:,5], stays a column.
        if let selector = reference.selector, selector.count == 2, selector[0] == .all, case .index = selector[1] {
            let column = value
            return TeXWriter.tensor(QuantityValue(shape: [value.count, 1]) { column[flat: $0] }, digits: spec.digits)
        }
        return TeXWriter.tensor(value, digits: spec.digits)
    }

    /// The entry as its sum of products: the forward sum for y, the scope of impact for dL/dx.
    private static func expanded(_ reference: QuantityReference, spec: EvaluatedSpec) throws(DiagnosticError) -> String {
        let whole = spec.report.value(of: reference.quantity)
        let selected = try select(whole, reference.selector, indexBase: spec.indexBase, reference: reference)
        guard selected.shape.isEmpty, let selector = reference.selector else {
            throw DiagnosticError(Diagnostic(
                id: "placeholder.expand-entry", range: reference.selectorRange ?? reference.quantityRange,
                message: "| expand writes out one entry, but \(reference.text) selects \(formatShape(selected.shape)) entries",
                notes: ["select one entry, as in y[1,1] | expand"]))
        }
        let indices = selector.map { index -> Int in
            if case .index(let value) = index { return value - spec.indexBase }
            return 0
        }
        let flat = whole.flatIndex(of: indices)
        let context = ExplanationContext(spec: spec)

        switch reference.quantity {
        case .y:
            var terms = spec.report.forwardProducts(outputIndex: flat).map {
                "\(context.factor($0.input)) \\cdot \(context.factor($0.weight))"
            }
            if spec.spec.tensors[.b] != nil {
                let bias = spec.report.value(of: .b)
                let channel = (flat / spec.geometry.outputPositions) % spec.geometry.outputChannels
                terms.append(context.factor(bias.shape.isEmpty ? bias[flat: 0] : bias[flat: channel]))
            }
            return context.sum(terms, limit: expandLimit)
        case .inputGradient:
            let upstream = spec.report.value(of: .upstream)
            let terms = spec.report.impact(ofInputIndex: flat).map {
                "\(context.factor($0.weight)) \\cdot \(context.factor(upstream[flat: $0.outputIndex]))"
            }
            return terms.isEmpty ? "0" : context.sum(terms, limit: expandLimit)
        default:
            throw DiagnosticError(Diagnostic(
                id: "placeholder.expand-quantity", range: reference.quantityRange,
                message: "| expand applies to entries of y and dL/dx, not \(reference.quantity.rawValue)",
                notes: ["write {{ y[1,1] | expand }} or {{ dL/dx[1,1] | expand }}"]))
        }
    }
}
