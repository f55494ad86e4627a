/// A computed or stated entry in the engine's common representation, independent of the
/// scalar type a computation ran in.
public enum ScalarValue: Equatable, Sendable {
    case exact(Polynomial)
    case float(Double)

    public var isInvalid: Bool {
        switch self {
        case .exact(let polynomial): polynomial.isInvalid
        case .float(let value): !value.isFinite
        }
    }
}

extension ScalarValue: CustomStringConvertible {
    /// Plain-text form for terminals and diagnostics: `-11/2`, `a + b`, `d·x₁₁`.
    public var description: String {
        switch self {
        case .exact(let polynomial): polynomial.description
        case .float(let value): "\(value)"
        }
    }
}

extension Polynomial: CustomStringConvertible {
    /// Plain-text form such as `2a - 1/2·b + 3` or `d·x₁₁`.
    public var description: String {
        if isInvalid { return "invalid" }
        if terms.isEmpty { return "0" }
        var text = ""
        for (index, term) in terms.enumerated() {
            let isNegative = term.coefficient.numerator < 0
            if index == 0 {
                if isNegative { text += "-" }
            } else {
                text += isNegative ? " - " : " + "
            }
            text += Polynomial.plainTerm(coefficient: term.coefficient, monomial: term.monomial)
        }
        return text
    }

    /// Writes a term without its sign, which the caller has written.
    private static func plainTerm(coefficient: Rational, monomial: Monomial) -> String {
        let product = monomial.factors.map { factor in
            plainSymbol(factor.symbol) + (factor.exponent == 1 ? "" : superscriptDigits(factor.exponent))
        }.joined(separator: "·")
        if monomial.isOne { return coefficient.magnitudeDescription }
        if coefficient.isUnitMagnitude { return product }
        if coefficient.isInteger { return coefficient.magnitudeDescription + product }
        return coefficient.magnitudeDescription + "·" + product
    }
}

/// Writes a symbol name for a terminal: `x_11` as `x₁₁`, `x_10_2` as `x₁₀,₂`, `alpha` as `α`.
public func plainSymbol(_ name: String) -> String {
    let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
    guard let base = parts.first else { return name }
    let head = greekLetters[base] ?? base
    let subscripts = parts.dropFirst()
    if subscripts.isEmpty { return head }
    let allDigits = subscripts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    guard allDigits else { return name }
    return head + subscripts.map(subscriptDigits).joined(separator: ",")
}

private func subscriptDigits(_ digits: String) -> String {
    String(digits.unicodeScalars.map { scalar -> Character in
        guard let value = Int(String(scalar)), let sub = Unicode.Scalar(0x2080 + value) else { return Character(scalar) }
        return Character(sub)
    })
}

private func superscriptDigits(_ value: Int) -> String {
    let table: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(String(value).compactMap { digit in digit.wholeNumberValue.map { table[$0] } ?? "-" })
}

/// The Greek letter names a spec may use as symbols, with their Unicode letters.
public let greekLetters: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
]
