/// A 64-bit integer whose arithmetic never traps: an operation that overflows yields the
/// invalid value, which every later operation keeps, as `Rational` does.
///
/// The engine runs a problem whose entries are all integers in this type first, because it
/// skips the denominators and is half the size of `Rational`. `Int.min` stands for invalid,
/// so a result that would be exactly `Int.min` counts as invalid as well. That is only ever
/// too strict: on integers, each operation gives the value that `Rational` gives or invalid,
/// and `ConvolutionAnalysis` redoes the whole problem in `Rational` as soon as any entry is
/// invalid, so that overflows are reported as before.
struct CheckedInteger: ConvScalar {
    var value: Int

    /// The representation of the invalid value.
    static var invalidValue: Int {
        @inline(__always) get { .min }
    }

    static var zero: CheckedInteger { CheckedInteger(0) }
    static var one: CheckedInteger { CheckedInteger(1) }

    @inline(__always)
    init(_ integer: Int) {
        value = integer
    }

    var isZero: Bool {
        @inline(__always) get { value == 0 }
    }

    var isInvalid: Bool {
        @inline(__always) get { value == Self.invalidValue }
    }

    @inline(__always)
    static func + (lhs: CheckedInteger, rhs: CheckedInteger) -> CheckedInteger {
        let (sum, overflow) = lhs.value.addingReportingOverflow(rhs.value)
        return CheckedInteger(overflow || lhs.isInvalid || rhs.isInvalid ? invalidValue : sum)
    }

    @inline(__always)
    static func * (lhs: CheckedInteger, rhs: CheckedInteger) -> CheckedInteger {
        let (product, overflow) = lhs.value.multipliedReportingOverflow(by: rhs.value)
        return CheckedInteger(overflow || lhs.isInvalid || rhs.isInvalid ? invalidValue : product)
    }

    @inline(__always)
    static prefix func - (operand: CheckedInteger) -> CheckedInteger {
        // Negating Int.min overflows, so the invalid value stays invalid.
        let (negated, overflow) = Int(0).subtractingReportingOverflow(operand.value)
        return CheckedInteger(overflow ? invalidValue : negated)
    }

    @inline(__always)
    static func - (lhs: CheckedInteger, rhs: CheckedInteger) -> CheckedInteger {
        lhs + (-rhs)
    }

    var rational: Rational {
        isInvalid ? .invalid : Rational(value)
    }

    var scalarValue: ScalarValue { rational.scalarValue }
}

extension Array where Element == CheckedInteger {
    /// The entries as rationals, converted in one pass.
    var rationals: [Rational] {
        uninitializedArray(count: count) { target in
            withUnsafeBufferPointer { source in
                for index in source.indices {
                    (target + index).initialize(to: source[index].rational)
                }
            }
        }
    }

    /// Whether any entry is invalid.
    var containsInvalid: Bool {
        withIntegers { $0.contains(CheckedInteger.invalidValue) }
    }

    /// Calls `body` with the entries as the plain integers that `CheckedInteger` stores.
    func withIntegers<Result>(_ body: (UnsafeBufferPointer<Int>) -> Result) -> Result {
        withUnsafeBufferPointer { $0.withMemoryRebound(to: Int.self, body) }
    }

    /// Calls `body` with the entries as mutable plain integers.
    mutating func withMutableIntegers<Result>(_ body: (UnsafeMutableBufferPointer<Int>) -> Result) -> Result {
        withUnsafeMutableBufferPointer { $0.withMemoryRebound(to: Int.self, body) }
    }
}
