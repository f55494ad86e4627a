import ConvolutionEngine

/// `{{ verify }}`: the routes compared for the spec, and their agreement.
struct VerifyTable {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        let exactness = context.spec.isSymbolic ? "symbolic, compared exactly" : "exact rationals, compared exactly"
        var rows: [[[GeneratedSpan]]] = []
        for comparison in context.report.comparisons {
            let routes = comparison.routes.map { [GeneratedSpan.code($0)] }
                .reduce(into: [GeneratedSpan]()) { list, route in
                    if !list.isEmpty { list.append(.text(", ")) }
                    list += route
                }
            let outcome: [GeneratedSpan]
            if let mismatch = comparison.mismatch {
                outcome = [.strong("disagree"), .text(" at \(mismatch.entry): \(mismatch.firstValue) vs \(mismatch.secondValue)")]
            } else {
                outcome = [.text("agree")]
            }
            rows.append([[.code(comparison.quantity.rawValue)], routes, [.text("\(comparison.entryCount)")], outcome])
        }
        return [
            .paragraph([.text("Every number above was computed by independent routes (\(exactness)):")]),
            .table(header: ["Quantity", "Routes", "Entries", "Result"], rows: rows),
        ]
    }
}
