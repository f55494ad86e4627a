import ConvolutionEngine
import SourceDiagnostics

/// The outcome of one `expect` statement: nil when it holds, otherwise the diagnostic and
/// the computed value in spec syntax (what `--fix` would write).
public struct ExpectationFailure: Sendable {
    public var diagnostic: Diagnostic
    public var computedText: String
}

extension EvaluatedSpec {
    /// Returns the selected entries of a reference, after any `| sum`.
    public func value(of reference: QuantityReference) throws(DiagnosticError) -> QuantityValue {
        let whole = report.value(of: reference.quantity)
        let selected = try select(whole, reference.selector, indexBase: indexBase, reference: reference)
        guard reference.filter == .sum else { return selected }
        var total = ScalarValue.exact(.zero)
        for index in 0..<selected.count {
            total = total + selected[flat: index]
        }
        let sum = total
        return QuantityValue(shape: []) { _ in sum }
    }

    /// Checks one expectation against the computed values.
    public func check(_ expectation: Expectation) -> ExpectationFailure? {
        let reference = expectation.reference
        let computed: QuantityValue
        do {
            computed = try value(of: reference)
        } catch {
            let diagnostic = error.diagnostics.first
                ?? specError("expectation", expectation.range, "cannot evaluate \(reference.text)")
            return ExpectationFailure(diagnostic: diagnostic, computedText: "")
        }

        switch expectation.expected {
        case .shape(let shape):
            guard shape != computed.shape else { return nil }
            let text = formatShape(computed.shape)
            return ExpectationFailure(diagnostic: mismatch(expectation,
                "\(reference.text) is \(text), but the note states \(formatShape(shape))", notes: []), computedText: text)

        case .value(let literal):
            // The text of the computed value is needed only when the check fails.
            guard literal.shape == computed.shape else {
                let computedText = SpecText.tensor(computed)
                return ExpectationFailure(diagnostic: mismatch(expectation,
                    "\(reference.text) has shape \(formatShape(computed.shape)), but the stated value has shape \(formatShape(literal.shape))",
                    notes: ["computed: \(computedText)"]), computedText: computedText)
            }
            for index in 0..<computed.count where !matches(computed[flat: index], literal.entries[index]) {
                let computedText = SpecText.tensor(computed)
                let entry = coordinates(ofFlatIndex: index, in: computed.shape).map { String($0 + indexBase) }
                let place = computed.shape.isEmpty ? reference.text
                    : "\(reference.text) at [\(entry.joined(separator: ","))]"
                // A double prints as 0.0 or 0.001, so float mode shows the value as written.
                // Exact values print in the same form as the computed one.
                var stated = "\(literal.entries[index])"
                if case .float = literal.entries[index], let written = literal.writtenEntries?[index] {
                    stated = written
                }
                let message = "\(place) is \(computed[flat: index]), but the note states \(stated)"
                let notes = computed.shape.isEmpty ? [] : ["computed: \(computedText)"]
                return ExpectationFailure(diagnostic: mismatch(expectation, message, notes: notes), computedText: computedText)
            }
            return nil
        }
    }

    /// Whether a computed entry equals a stated one: exactly, or in float mode within the
    /// spec's relative tolerance (relative to the larger magnitude, or absolute below 1).
    private func matches(_ computed: ScalarValue, _ stated: ScalarValue) -> Bool {
        switch (computed, stated) {
        case (.exact(let value), .exact(let statedValue)):
            return value == statedValue
        case (.float(let value), .float(let statedValue)):
            return value.agrees(with: statedValue, relativeTolerance: tolerance)
        case (.float(let value), .exact(let statedValue)):
            guard let constant = statedValue.constantValue else { return false }
            return value.agrees(with: constant.doubleValue, relativeTolerance: tolerance)
        case (.exact, .float):
            // A spec reads its expectations in its own number mode, so this does not occur.
            return false
        }
    }

    private func mismatch(_ expectation: Expectation, _ message: String, notes: [String]) -> Diagnostic {
        Diagnostic(id: "check.expectation", range: expectation.valueRange, message: message, notes: notes)
    }
}

extension ScalarValue {
    /// Adds two values of the same kind; an exact and a float value add as floats.
    public static func + (lhs: ScalarValue, rhs: ScalarValue) -> ScalarValue {
        switch (lhs, rhs) {
        case (.exact(let a), .exact(let b)): return .exact(a + b)
        case (.float(let a), .float(let b)): return .float(a + b)
        case (.exact(let a), .float(let b)), (.float(let b), .exact(let a)):
            return .float((a.constantValue?.doubleValue ?? .nan) + b)
        }
    }
}
