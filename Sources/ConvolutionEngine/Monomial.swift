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

    public var degree: Int {
        factors.reduce(0) { $0 + $1.exponent }
    }

    public static func * (lhs: Monomial, rhs: Monomial) -> Monomial {
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
                // Exponents are bounded by the term limit long before they could overflow.
                merged.append(Factor(symbol: lhs.factors[i].symbol,
                                     exponent: lhs.factors[i].exponent &+ rhs.factors[j].exponent))
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

/// Compares symbol names with runs of digits compared as numbers, so `x_2` comes before `x_10`.
public func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.unicodeScalars.makeIterator()
    var right = rhs.unicodeScalars.makeIterator()
    var leftNext = left.next()
    var rightNext = right.next()
    while let l = leftNext, let r = rightNext {
        if l.properties.numericType == .decimal, r.properties.numericType == .decimal,
           l.isASCII, r.isASCII {
            var leftDigits = ""
            var rightDigits = ""
            while let d = leftNext, d.isASCII, d.properties.numericType == .decimal {
                leftDigits.unicodeScalars.append(d)
                leftNext = left.next()
            }
            while let d = rightNext, d.isASCII, d.properties.numericType == .decimal {
                rightDigits.unicodeScalars.append(d)
                rightNext = right.next()
            }
            let leftTrimmed = leftDigits.drop { $0 == "0" }
            let rightTrimmed = rightDigits.drop { $0 == "0" }
            if leftTrimmed.count != rightTrimmed.count { return leftTrimmed.count < rightTrimmed.count }
            if leftTrimmed != rightTrimmed { return leftTrimmed < rightTrimmed }
            if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
            continue
        }
        if l != r { return l.value < r.value }
        leftNext = left.next()
        rightNext = right.next()
    }
    return leftNext == nil && rightNext != nil
}
