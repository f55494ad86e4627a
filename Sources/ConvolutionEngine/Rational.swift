/// An exact rational number with 64-bit numerator and denominator, always in lowest terms
/// with a positive denominator.
///
/// Overflow does not trap: it yields the invalid value (denominator 0), which every
/// operation propagates. Callers check `isInvalid` once a computation is done.
public struct Rational: Hashable, Sendable {
    public private(set) var numerator: Int
    /// Positive for a valid value, 0 for the invalid value.
    public private(set) var denominator: Int

    public static let invalid = Rational(uncheckedNumerator: 0, denominator: 0)

    public init(_ integer: Int) {
        numerator = integer
        denominator = 1
    }

    private init(uncheckedNumerator: Int, denominator: Int) {
        self.numerator = uncheckedNumerator
        self.denominator = denominator
    }

    /// Creates `numerator / denominator` in lowest terms, or returns nil when the
    /// denominator is zero. Returns `invalid` when normalizing overflows.
    public init?(numerator: Int, denominator: Int) {
        guard denominator != 0 else { return nil }
        self = Rational.normalized(numerator, denominator)
    }

    public var isInvalid: Bool { denominator == 0 }
    public var isInteger: Bool { denominator == 1 }

    static func normalized(_ numerator: Int, _ denominator: Int) -> Rational {
        guard denominator != 0 else { return .invalid }
        var divisor = greatestCommonDivisor(numerator.magnitude, denominator.magnitude)
        if divisor == 0 { divisor = 1 }
        guard let reducedNumerator = Int(exactly: numerator.magnitude / divisor),
              let reducedDenominator = Int(exactly: denominator.magnitude / divisor)
        else { return .invalid }
        let negative = (numerator < 0) != (denominator < 0)
        return Rational(
            uncheckedNumerator: negative ? -reducedNumerator : reducedNumerator,
            denominator: reducedDenominator
        )
    }

    /// Returns `lhs / rhs`, or nil when `rhs` is zero.
    public static func dividing(_ lhs: Rational, by rhs: Rational) -> Rational? {
        if lhs.isInvalid || rhs.isInvalid { return .invalid }
        guard rhs.numerator != 0 else { return nil }
        let (numerator, overflowA) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (denominator, overflowB) = lhs.denominator.multipliedReportingOverflow(by: rhs.numerator)
        if overflowA || overflowB { return .invalid }
        return normalized(numerator, denominator)
    }

    /// The nearest Double; NaN for the invalid value.
    public var doubleValue: Double {
        isInvalid ? .nan : Double(numerator) / Double(denominator)
    }
}

func greatestCommonDivisor(_ a: UInt, _ b: UInt) -> UInt {
    var (a, b) = (a, b)
    while b != 0 {
        (a, b) = (b, a % b)
    }
    return a
}

extension Rational: ConvScalar {
    public static let zero = Rational(0)
    public static let one = Rational(1)

    public var isZero: Bool { numerator == 0 && denominator != 0 }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.isInvalid || rhs.isInvalid { return .invalid }
        if lhs.denominator == 1 && rhs.denominator == 1 {
            let (sum, overflow) = lhs.numerator.addingReportingOverflow(rhs.numerator)
            return overflow ? .invalid : Rational(sum)
        }

        // a/b + c/d = (a·(d/g) + c·(b/g)) / (b/g·d) with g = gcd(b, d), which keeps the
        // intermediate products small.
        let divisor = Int(greatestCommonDivisor(UInt(lhs.denominator), UInt(rhs.denominator)))
        let (left, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator / divisor)
        let (right, o2) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator / divisor)
        let (numerator, o3) = left.addingReportingOverflow(right)
        let (denominator, o4) = (lhs.denominator / divisor).multipliedReportingOverflow(by: rhs.denominator)
        if o1 || o2 || o3 || o4 { return .invalid }
        return normalized(numerator, denominator)
    }

    public static prefix func - (operand: Rational) -> Rational {
        if operand.isInvalid { return .invalid }
        let (negated, overflow) = Int(0).subtractingReportingOverflow(operand.numerator)
        return overflow ? .invalid : Rational(uncheckedNumerator: negated, denominator: operand.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + (-rhs)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.isInvalid || rhs.isInvalid { return .invalid }
        if lhs.denominator == 1 && rhs.denominator == 1 {
            let (product, overflow) = lhs.numerator.multipliedReportingOverflow(by: rhs.numerator)
            return overflow ? .invalid : Rational(product)
        }

        // Cross-reduce first so that products of already reduced fractions stay small.
        let g1 = Int(greatestCommonDivisor(lhs.numerator.magnitude, UInt(rhs.denominator)))
        let g2 = Int(greatestCommonDivisor(rhs.numerator.magnitude, UInt(lhs.denominator)))
        let (numerator, o1) = (lhs.numerator / max(g1, 1)).multipliedReportingOverflow(by: rhs.numerator / max(g2, 1))
        let (denominator, o2) = (lhs.denominator / max(g2, 1)).multipliedReportingOverflow(by: rhs.denominator / max(g1, 1))
        if o1 || o2 { return .invalid }
        return normalized(numerator, denominator)
    }

    public var scalarValue: ScalarValue { .exact(Polynomial(self)) }
}

extension Rational: CustomStringConvertible {
    /// `3`, `-11/2`, or `invalid`.
    public var description: String {
        if isInvalid { return "invalid" }
        return denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// The description of the absolute value, such as `11/2` for -11/2. Writers of signed
    /// terms use it because negating a numerator of Int.min overflows.
    public var magnitudeDescription: String {
        if isInvalid { return "invalid" }
        return denominator == 1 ? "\(numerator.magnitude)" : "\(numerator.magnitude)/\(denominator)"
    }

    /// Whether the value is 1 or -1.
    public var isUnitMagnitude: Bool {
        denominator == 1 && numerator.magnitude == 1
    }
}
