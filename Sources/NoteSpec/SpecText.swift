import ConvolutionEngine

/// Writes values back in the spec language, so that a computed value can be pasted into an
/// `expect` statement: `[4 11 18; 18 37 47]`, `11/2`, `(a + b)`, `(d*x_11)`.
public enum SpecText {
    /// Returns a whole quantity: a scalar, `[a b c]`, `[a b; c d]`, or nested brackets
    /// around matrices for rank 3 and more.
    public static func tensor(_ value: QuantityValue) -> String {
        tensor(shape: value.shape, offset: 0) { value[flat: $0] }
    }

    private static func tensor(shape: [Int], offset: Int, entry: (Int) -> ScalarValue) -> String {
        switch shape.count {
        case 0:
            return scalar(entry(offset))
        case 1:
            return "[" + (0..<shape[0]).map { scalar(entry(offset + $0)) }.joined(separator: " ") + "]"
        case 2:
            let rows = (0..<shape[0]).map { row in
                (0..<shape[1]).map { scalar(entry(offset + row * shape[1] + $0)) }.joined(separator: " ")
            }
            // A single row needs a second bracket level, or it would read back as a vector.
            return shape[0] == 1 ? "[[" + rows[0] + "]]" : "[" + rows.joined(separator: "; ") + "]"
        default:
            let inner = Array(shape.dropFirst())
            let size = inner.reduce(1, *)
            return "[" + (0..<shape[0]).map {
                tensor(shape: inner, offset: offset + $0 * size, entry: entry)
            }.joined(separator: ", ") + "]"
        }
    }

    /// Returns one entry; anything more than a number or a symbol is parenthesized.
    public static func scalar(_ value: ScalarValue) -> String {
        switch value {
        case .float(let number):
            return "\(number)"
        case .exact(let polynomial):
            if let constant = polynomial.constantValue { return constant.description }
            let text = polynomial.terms.enumerated().map { index, term in
                // The sign is written apart from the magnitude, because negating a coefficient
                // of Int.min overflows. The parser reads `- 9223372036854775808` back whole.
                let coefficient = term.coefficient
                var sign = index == 0 ? "" : " + "
                if coefficient.numerator < 0 {
                    sign = index == 0 ? "-" : " - "
                }
                let factors = term.monomial.factors.map { factor in
                    factor.exponent == 1 ? factor.symbol : "\(factor.symbol)^\(factor.exponent)"
                }
                var parts = factors
                if !coefficient.isUnitMagnitude || factors.isEmpty { parts.insert(coefficient.magnitudeDescription, at: 0) }
                return sign + parts.joined(separator: "*")
            }.joined()
            let isPlainSymbol = polynomial.terms.count == 1 && polynomial.terms[0].coefficient == .one
                && polynomial.terms[0].monomial.degree == 1
            return isPlainSymbol ? text : "(" + text + ")"
        }
    }
}
