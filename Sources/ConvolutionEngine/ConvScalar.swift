/// A scalar the engine can compute with: an exact rational, a polynomial over named symbols,
/// or a binary floating-point number.
///
/// The exact scalars never trap. An operation whose result leaves the representable range
/// returns a value with `isInvalid` set, and every later operation keeps it invalid, so the
/// engine can finish a computation and then report which entry overflowed.
public protocol ConvScalar: Equatable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }

    init(_ integer: Int)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    var isZero: Bool { get }

    /// Whether an operation that produced this value overflowed or exceeded a size limit.
    var isInvalid: Bool { get }

    /// The value in the engine's common representation for display and comparison.
    var scalarValue: ScalarValue { get }

    /// Whether long sums should be collected and added at once with `sum(_:)`, which is
    /// cheaper than adding term by term only for polynomials.
    static var prefersBatchedSums: Bool { get }

    /// Returns the sum of all values.
    static func sum(_ values: ArraySlice<Self>) -> Self

    /// Returns whether two results of different routes count as equal. Exact scalars must be equal.
    /// Finite floating-point results may differ by `relativeTolerance` times the largest of
    /// their magnitudes, 1 and `termScale`, a bound of Σ|terms| of the sum they compute.
    func agrees(with other: Self, relativeTolerance: Double, termScale: Double) -> Bool
}

extension ConvScalar {
    public static var prefersBatchedSums: Bool { false }

    public static func sum(_ values: ArraySlice<Self>) -> Self {
        values.reduce(.zero, +)
    }

    /// Returns the sum of all values.
    public static func sum(_ values: [Self]) -> Self {
        sum(values[...])
    }

    public func agrees(with other: Self, relativeTolerance: Double, termScale: Double) -> Bool {
        self == other
    }

    /// Returns whether two values agree, measured against their own magnitudes only.
    public func agrees(with other: Self, relativeTolerance: Double) -> Bool {
        agrees(with: other, relativeTolerance: relativeTolerance, termScale: 0)
    }

    public static func += (lhs: inout Self, rhs: Self) {
        lhs = lhs + rhs
    }
}
