import ConvolutionEngine
import NoteSpec
import SourceDiagnostics

/// Checks of an evaluated spec that do not depend on what the author stated.
enum SpecChecks {
    /// Reports overflowed entries and routes that disagree. A disagreement is an internal
    /// error of the engine and is never hidden.
    static func routeAndOverflowDiagnostics(_ spec: EvaluatedSpec, at range: SourceRange) -> [Diagnostic] {
        if let invalid = spec.report.firstInvalidEntry {
            let entry = invalid.entry.map { String($0 + spec.indexBase) }.joined(separator: ",")
            return [Diagnostic(
                id: "spec.overflow", range: range,
                message: "exact arithmetic overflowed while computing \(invalid.quantity.rawValue)[\(entry)]",
                notes: ["numerators and denominators must fit in 64 bits, and a polynomial may have at most \(Polynomial.maximumTerms) terms",
                        "use smaller entries in the spec '\(spec.name)'"])]
        }
        return spec.report.comparisons.compactMap { comparison in
            guard let mismatch = comparison.mismatch else { return nil }
            let entry = mismatch.entry.map { String($0 + spec.indexBase) }.joined(separator: ",")
            return Diagnostic(
                id: "internal.route-mismatch", range: range,
                message: "internal error: the routes for \(mismatch.quantity.rawValue) disagree at [\(entry)]",
                notes: ["\(mismatch.firstRoute) gives \(mismatch.firstValue)",
                        "\(mismatch.secondRoute) gives \(mismatch.secondValue)",
                        "please report this as a bug, with the spec block"])
        }
    }
}
