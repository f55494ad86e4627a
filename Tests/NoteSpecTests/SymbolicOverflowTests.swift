import ConvolutionEngine
import Testing
@testable import NoteSpec

/// Powers in spec values whose exponents leave 64 bits make the entry invalid, which the
/// report then names as its first invalid entry, instead of a wrapped, wrong exponent.
@Suite struct SymbolicOverflowTests {
    /// Returns `a` raised to `exponent` `levels` times over, as nested `(...)^exponent`.
    private func nestedPower(levels: Int, exponent: Int) -> String {
        var expression = "a"
        for _ in 0..<levels { expression = "(\(expression))^\(exponent)" }
        return expression
    }

    @Test func nestedPowerOverflowIsInvalid() throws {
        // a^(16^16) = a^(2^64), which wraps to a^0 in 64-bit arithmetic.
        let spec = try evaluateSpec("x = [\(nestedPower(levels: 16, exponent: 16)) 1]\nw = [a 1]")

        let invalid = try #require(spec.report.firstInvalidEntry)
        #expect(invalid.quantity == .x)
        #expect(invalid.entry == [0])
        #expect(entries(spec, .x)[0].isInvalid)
    }

    @Test func repeatedSquareOverflowIsInvalid() throws {
        // a^(2^63) is one past Int.max and wraps to a negative exponent.
        let spec = try evaluateSpec("x = [\(nestedPower(levels: 63, exponent: 2)) 1]\nw = [a 1]")

        let invalid = try #require(spec.report.firstInvalidEntry)
        #expect(invalid.quantity == .x)
        #expect(invalid.entry == [0])
    }

    @Test func largePowerBelowLimitIsExact() throws {
        // a^(2^60) times the weight a gives a^(2^60 + 1).
        let spec = try evaluateSpec("x = [\(nestedPower(levels: 15, exponent: 16)) 1]\nw = [a 1]")

        #expect(spec.report.firstInvalidEntry == nil)
        let y = try #require(entries(spec, .y).first)
        let term = try #require(y.terms.first)
        #expect(term.monomial.factors.map(\.exponent) == [(1 << 60) + 1])
        #expect(y.terms.count == 2)
    }

    @Test func overflowInProductIsInvalid() throws {
        // Each entry fits, but y multiplies a^(2^62) by w's a^(2^62).
        let power = nestedPower(levels: 62, exponent: 2)
        let spec = try evaluateSpec("x = [\(power)]\nw = [\(power)]")

        #expect(spec.report.firstInvalidEntry?.quantity == .y)
        #expect(entries(spec, .x)[0].isInvalid == false)
    }
}
