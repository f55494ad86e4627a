/// A product of symbols with positive integer exponents, such as `a·x_11²`.
///
/// Factors are sorted by `naturalOrder` of their symbol names, so equal products compare equal.
public struct Monomial: Hashable, Sendable, Comparable {
    public struct Factor: Hashable, Sendable {
        public var symbol: String
        public var exponent: Int
    }

    public private(set) var factors: [Factor]

    /// The empty product, 1.
    public static let one = Monomial(factors: [])

    private init(factors: [Factor]) {
        self.factors = factors
    }

    public init(symbol: String) {
        factors = [Factor(symbol: symbol, exponent: 1)]
    }

    public var isOne: Bool { factors.isEmpty }

    /// The sum of the exponents. It always fits in `Int`, because `product(_:_:)` rejects any
    /// product whose degree would not.
    public var degree: Int {
        factors.reduce(0) { $0 + $1.exponent }
    }

    /// Returns `lhs · rhs`, or nil when its degree, and so possibly an exponent, would
    /// overflow `Int`.
    public static func product(_ lhs: Monomial, _ rhs: Monomial) -> Monomial? {
        // Exponents are positive, so no exponent of the product exceeds its degree, and
        // checking the degree once covers every exponent sum below.
        let (_, overflow) = lhs.degree.addingReportingOverflow(rhs.degree)
        if overflow { return nil }

        var merged: [Factor] = []
        merged.reserveCapacity(lhs.factors.count + rhs.factors.count)
        var i = 0
        var j = 0
        while i < lhs.factors.count || j < rhs.factors.count {
            if j == rhs.factors.count
                || (i < lhs.factors.count && naturalOrder(lhs.factors[i].symbol, rhs.factors[j].symbol)) {
                merged.append(lhs.factors[i])
                i += 1
            } else if i == lhs.factors.count || lhs.factors[i].symbol != rhs.factors[j].symbol {
                merged.append(rhs.factors[j])
                j += 1
            } else {
                merged.append(Factor(symbol: lhs.factors[i].symbol,
                                     exponent: lhs.factors[i].exponent + rhs.factors[j].exponent))
                i += 1
                j += 1
            }
        }
        return Monomial(factors: merged)
    }

    /// Orders monomials as a reader expects to see terms: symbol by symbol in natural order,
    /// a shorter product before its extensions, and the constant term last.
    public static func < (lhs: Monomial, rhs: Monomial) -> Bool {
        if lhs.factors.isEmpty || rhs.factors.isEmpty {
            return !lhs.factors.isEmpty && rhs.factors.isEmpty
        }
        for (left, right) in zip(lhs.factors, rhs.factors) {
            if left.symbol != right.symbol { return naturalOrder(left.symbol, right.symbol) }
            if left.exponent != right.exponent { return left.exponent > right.exponent }
        }
        return lhs.factors.count < rhs.factors.count
    }
}

/// Compares symbol names with runs of ASCII digits compared as numbers, so `x_2` comes
/// before `x_10`; other characters compare by their UTF-8 bytes.
public func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.utf8[...]
    var right = rhs.utf8[...]
    while let l = left.first, let r = right.first {
        if isASCIIDigit(l), isASCIIDigit(r) {
            let leftRun = left.prefix(while: isASCIIDigit)
            let rightRun = right.prefix(while: isASCIIDigit)
            let leftValue = leftRun.drop { $0 == 0x30 }
            let rightValue = rightRun.drop { $0 == 0x30 }
            if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
            if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
            if leftRun.count != rightRun.count { return leftRun.count < rightRun.count }
            left = left.dropFirst(leftRun.count)
            right = right.dropFirst(rightRun.count)
            continue
        }
        if l != r { return l < r }
        left = left.dropFirst()
        right = right.dropFirst()
    }
    return left.isEmpty && !right.isEmpty
}

private func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
}
