/// A polynomial with rational coefficients over named symbols, in a canonical form: terms
/// sorted by `Monomial` order, no zero coefficients, so `==` is mathematical equality.
///
/// A polynomial is invalid when it has more than `maximumTerms` terms, an overflowed
/// coefficient or an exponent beyond `Int`. Every operation propagates that, as `Rational`
/// does for overflow.
public struct Polynomial: Hashable, Sendable {
    public struct Term: Hashable, Sendable {
        public var monomial: Monomial
        public var coefficient: Rational
    }

    /// The largest number of terms a polynomial may have before it counts as a blow-up.
    public static let maximumTerms = 10_000

    public private(set) var terms: [Term]
    public private(set) var isInvalid: Bool

    public static let invalid = Polynomial(terms: [], isInvalid: true)

    private init(terms: [Term], isInvalid: Bool) {
        self.terms = terms
        self.isInvalid = isInvalid
    }

    public init(_ constant: Rational) {
        if constant.isInvalid {
            self = .invalid
        } else {
            self.init(terms: constant.isZero ? [] : [Term(monomial: .one, coefficient: constant)], isInvalid: false)
        }
    }

    public init(_ integer: Int) {
        self.init(Rational(integer))
    }

    /// Creates the polynomial that is the single symbol `name`.
    public init(symbol name: String) {
        self.init(terms: [Term(monomial: Monomial(symbol: name), coefficient: .one)], isInvalid: false)
    }

    /// The value when the polynomial has no symbols, otherwise nil.
    public var constantValue: Rational? {
        if isInvalid { return .invalid }
        if terms.isEmpty { return .zero }
        if terms.count == 1, terms[0].monomial.isOne { return terms[0].coefficient }
        return nil
    }

    /// The symbols that occur in the polynomial, in `Monomial` order.
    public var symbols: [String] {
        var names = Set<String>()
        for term in terms {
            for factor in term.monomial.factors { names.insert(factor.symbol) }
        }
        return names.sorted(by: naturalOrder)
    }

    /// Builds a canonical polynomial from terms in any order, merging equal monomials.
    static func combining(_ raw: [Term]) -> Polynomial {
        // Terms that are already canonical, as sums of products often are, need no sorting.
        if isCanonical(raw) { return Polynomial(terms: raw, isInvalid: false) }
        let sorted = raw.sorted { $0.monomial < $1.monomial }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if term.coefficient.isInvalid { return .invalid }
            if let last = merged.last, last.monomial == term.monomial {
                merged[merged.count - 1].coefficient = last.coefficient + term.coefficient
                if merged[merged.count - 1].coefficient.isInvalid { return .invalid }
            } else {
                merged.append(term)
            }
        }
        merged.removeAll { $0.coefficient.isZero }
        if merged.count > maximumTerms { return .invalid }
        return Polynomial(terms: merged, isInvalid: false)
    }

    /// Returns whether terms are in canonical form as they are: monomials strictly increasing,
    /// every coefficient valid and nonzero, and no more than `maximumTerms`. `combining` would
    /// return them unchanged.
    private static func isCanonical(_ terms: [Term]) -> Bool {
        guard terms.count <= maximumTerms else { return false }
        for index in terms.indices {
            let coefficient = terms[index].coefficient
            if coefficient.isInvalid || coefficient.isZero { return false }
            if index > 0, Monomial.order(terms[index - 1].monomial, terms[index].monomial) >= 0 { return false }
        }
        return true
    }

    /// Returns the sum of many polynomials with one sort, in O(n log n) for n terms in all,
    /// where adding them one by one would take O(n²).
    public static func sum(_ polynomials: [Polynomial]) -> Polynomial {
        sum(polynomials[...])
    }

    /// Returns the sum of many polynomials, as `sum(_:)` for an array does.
    public static func sum(_ polynomials: ArraySlice<Polynomial>) -> Polynomial {
        var count = 0
        for polynomial in polynomials {
            if polynomial.isInvalid { return .invalid }
            count += polynomial.terms.count
        }
        var terms: [Term] = []
        terms.reserveCapacity(count)
        for polynomial in polynomials {
            terms.append(contentsOf: polynomial.terms)
        }
        return combining(terms)
    }

    /// Returns the polynomial divided by a nonzero constant, or nil when `divisor` is zero.
    public func divided(by divisor: Rational) -> Polynomial? {
        if isInvalid || divisor.isInvalid { return .invalid }
        guard !divisor.isZero else { return nil }
        let inverse = Rational.dividing(.one, by: divisor) ?? .invalid
        return self * Polynomial(inverse)
    }
}

extension Polynomial: ConvScalar {
    public static let zero = Polynomial(terms: [], isInvalid: false)
    public static let one = Polynomial(Rational.one)

    public var isZero: Bool { !isInvalid && terms.isEmpty }

    public static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        if lhs.isInvalid || rhs.isInvalid { return .invalid }
        if lhs.terms.isEmpty { return rhs }
        if rhs.terms.isEmpty { return lhs }
        return mergeSorted(lhs.terms, rhs.terms)
    }

    public static prefix func - (operand: Polynomial) -> Polynomial {
        if operand.isInvalid { return .invalid }
        var negated = operand
        for index in negated.terms.indices {
            negated.terms[index].coefficient = -negated.terms[index].coefficient
            if negated.terms[index].coefficient.isInvalid { return .invalid }
        }
        return negated
    }

    public static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        lhs + (-rhs)
    }

    public static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        if lhs.isInvalid || rhs.isInvalid { return .invalid }
        if lhs.terms.isEmpty || rhs.terms.isEmpty { return .zero }
        if let constant = lhs.constantValue { return rhs.scaled(by: constant) }
        if let constant = rhs.constantValue { return lhs.scaled(by: constant) }
        guard lhs.terms.count.multipliedReportingOverflow(by: rhs.terms.count).partialValue
                <= maximumTerms * 4 else { return .invalid }
        if lhs.terms.count == 1, rhs.terms.count == 1 {
            // One product, which `combining` would keep as it is unless it is invalid. Its
            // coefficient is not zero, because neither factor's is.
            guard let monomial = Monomial.product(lhs.terms[0].monomial, rhs.terms[0].monomial) else { return .invalid }
            let coefficient = lhs.terms[0].coefficient * rhs.terms[0].coefficient
            if coefficient.isInvalid { return .invalid }
            return Polynomial(terms: [Term(monomial: monomial, coefficient: coefficient)], isInvalid: false)
        }
        var products: [Term] = []
        products.reserveCapacity(lhs.terms.count * rhs.terms.count)
        for left in lhs.terms {
            for right in rhs.terms {
                guard let monomial = Monomial.product(left.monomial, right.monomial) else { return .invalid }
                products.append(Term(monomial: monomial, coefficient: left.coefficient * right.coefficient))
            }
        }
        return combining(products)
    }

    /// Returns the product with a constant, as `*` defines it but without sorting: the
    /// monomials stay as they are, so the terms stay in canonical order.
    private func scaled(by constant: Rational) -> Polynomial {
        var terms: [Term] = []
        terms.reserveCapacity(self.terms.count)
        for term in self.terms {
            let coefficient = term.coefficient * constant
            if coefficient.isInvalid { return .invalid }
            if !coefficient.isZero { terms.append(Term(monomial: term.monomial, coefficient: coefficient)) }
        }
        return Polynomial(terms: terms, isInvalid: false)
    }

    /// Merges two canonical term lists in one pass, the common case of accumulating sums.
    private static func mergeSorted(_ left: [Term], _ right: [Term]) -> Polynomial {
        var merged: [Term] = []
        merged.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            let order = i == left.count ? 1
                : j == right.count ? -1
                : Monomial.order(left[i].monomial, right[j].monomial)
            if order < 0 {
                merged.append(left[i])
                i += 1
            } else if order > 0 {
                merged.append(right[j])
                j += 1
            } else {
                let sum = left[i].coefficient + right[j].coefficient
                if sum.isInvalid { return .invalid }
                if !sum.isZero { merged.append(Term(monomial: left[i].monomial, coefficient: sum)) }
                i += 1
                j += 1
            }
        }
        if merged.count > maximumTerms { return .invalid }
        return Polynomial(terms: merged, isInvalid: false)
    }

    public var scalarValue: ScalarValue { .exact(self) }

    public static var prefersBatchedSums: Bool { true }
}
