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
            let order = i == lhs.factors.count ? 1
                : j == rhs.factors.count ? -1
                : naturalComparison(lhs.factors[i].symbol, rhs.factors[j].symbol)
            if order < 0 {
                merged.append(lhs.factors[i])
                i += 1
            } else if order > 0 {
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
        order(lhs, rhs) < 0
    }

    /// Returns −1 when `lhs < rhs`, 1 when `rhs < lhs`, and 0 when neither, which is when
    /// the two are equal.
    static func order(_ lhs: Monomial, _ rhs: Monomial) -> Int {
        if lhs.factors.isEmpty || rhs.factors.isEmpty {
            if lhs.factors.isEmpty == rhs.factors.isEmpty { return 0 }
            return lhs.factors.isEmpty ? 1 : -1
        }
        for (left, right) in zip(lhs.factors, rhs.factors) {
            let order = naturalComparison(left.symbol, right.symbol)
            if order != 0 { return order }
            if left.exponent != right.exponent { return left.exponent > right.exponent ? -1 : 1 }
        }
        if lhs.factors.count == rhs.factors.count { return 0 }
        return lhs.factors.count < rhs.factors.count ? -1 : 1
    }
}

/// Compares symbol names with runs of ASCII digits compared as numbers, so `x_2` comes
/// before `x_10`; other characters compare by their UTF-8 bytes.
public func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    byteComparison(lhs, rhs) < 0
}

/// Returns −1 when `lhs` comes before `rhs` in `naturalOrder`, 1 when it comes after, and 0
/// for equal strings. Only equal strings compare as 0, because runs of digits with the same
/// value but different leading zeros are ordered by their length.
func naturalComparison(_ lhs: String, _ rhs: String) -> Int {
    lhs == rhs ? 0 : byteComparison(lhs, rhs)
}

/// `naturalOrder` as −1, 0 or 1, on the UTF-8 bytes.
private func byteComparison(_ lhs: String, _ rhs: String) -> Int {
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
        rhs.withUTF8 { right in
            naturalComparison(left, right)
        }
    }
}

private func naturalComparison(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
    var i = 0
    var j = 0
    while i < left.count, j < right.count {
        let l = left[i]
        let r = right[j]
        if isASCIIDigit(l), isASCIIDigit(r) {
            // The runs of digits starting here, and where their values start after leading zeros.
            var leftEnd = i
            while leftEnd < left.count, isASCIIDigit(left[leftEnd]) { leftEnd += 1 }
            var rightEnd = j
            while rightEnd < right.count, isASCIIDigit(right[rightEnd]) { rightEnd += 1 }
            var leftValue = i
            while leftValue < leftEnd, left[leftValue] == 0x30 { leftValue += 1 }
            var rightValue = j
            while rightValue < rightEnd, right[rightValue] == 0x30 { rightValue += 1 }
            // A value with fewer digits is smaller, and equally long values compare digit by digit.
            let leftDigits = leftEnd - leftValue
            let rightDigits = rightEnd - rightValue
            if leftDigits != rightDigits { return leftDigits < rightDigits ? -1 : 1 }
            for offset in 0..<leftDigits where left[leftValue + offset] != right[rightValue + offset] {
                return left[leftValue + offset] < right[rightValue + offset] ? -1 : 1
            }
            // Equal values: the run with fewer leading zeros comes first.
            let leftRun = leftEnd - i
            let rightRun = rightEnd - j
            if leftRun != rightRun { return leftRun < rightRun ? -1 : 1 }
            i = leftEnd
            j = rightEnd
            continue
        }
        if l != r { return l < r ? -1 : 1 }
        i += 1
        j += 1
    }
    let leftDone = i == left.count
    let rightDone = j == right.count
    if leftDone == rightDone { return 0 }
    return leftDone ? -1 : 1
}

private func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
}
