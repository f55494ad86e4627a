import ConvolutionEngine

/// `{{ verify }}`: the routes compared for the spec, and their agreement.
struct VerifyTable {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        let exactness: String
        switch (context.spec.numberMode, context.spec.isSymbolic) {
        case (.float, _): exactness = "floating point, compared within a relative tolerance of \(context.spec.tolerance)"
        case (_, true): exactness = "symbolic, compared exactly"
        case (_, false): exactness = "exact rationals, compared exactly"
        }
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
