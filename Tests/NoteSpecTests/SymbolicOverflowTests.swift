import ConvolutionEngine
import Testing
@testable import NoteSpec

/// Powers in spec values whose exponents leave 64 bits make the entry invalid instead of a
/// wrapped, wrong exponent. The parser reports such an entry where it is written, and the
/// report names the first invalid entry that the computation produces.
@Suite struct SymbolicOverflowTests {
    /// Returns `a` raised to `exponent` `levels` times over, as nested `(...)^exponent`.
    private func nestedPower(levels: Int, exponent: Int) -> String {
        var expression = "a"
        for _ in 0..<levels { expression = "(\(expression))^\(exponent)" }
        return expression
    }

    @Test func nestedPowerOverflowIsInvalid() throws {
        // a^(16^16) = a^(2^64), which wraps to a^0 in 64-bit arithmetic.
        let diagnostic = try onlyDiagnostic("x = [\(nestedPower(levels: 16, exponent: 16)) 1]\nw = [a 1]")

        #expect(diagnostic.id == "spec.exact-overflow")
        #expect(start(diagnostic) == "2:6")
        #expect(diagnostic.range?.end.description == "2:87")
    }

    @Test func repeatedSquareOverflowIsInvalid() throws {
        // a^(2^63) is one past Int.max and wraps to a negative exponent.
        let diagnostic = try onlyDiagnostic("x = [\(nestedPower(levels: 63, exponent: 2)) 1]\nw = [a 1]")

        #expect(diagnostic.id == "spec.exact-overflow")
        #expect(start(diagnostic) == "2:6")
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

    @Test(arguments: [
        ("x = [1 (((a + 1)^16)^16)^16]\nw = [1]", "2:8", "(((a + 1)^16)^16)^16"),
        ("x = [((2^16)^16)^16]\nw = [1]", "2:6", "((2^16)^16)^16"),
        ("x = [1 2]\nw = [1]\nb = ((2^16)^16)^16", "4:5", "((2^16)^16)^16"),
        ("x : 3 = arange(start: ((2^16)^16)^16)\nw = [1]", "2:23", "((2^16)^16)^16"),
        ("x = [1 2]\nw = [1]\nexpect y[1] = ((2^16)^16)^16", "4:15", "((2^16)^16)^16"),
    ])
    func overflowInLiteralIsAtEntry(body: String, location: String, written: String) throws {
        let diagnostic = try onlyDiagnostic(body)

        #expect(diagnostic.id == "spec.exact-overflow")
        #expect(start(diagnostic) == location)
        #expect(diagnostic.message.hasPrefix("the value \(written) cannot be held exactly"), "\(diagnostic.message)")
    }

    @Test func parenthesizedGeneratorArgument() throws {
        let spec = try evaluateSpec("x : 3 = arange(start: (1 + 1)/2, step: (3))\nw = [1]")

        #expect(entries(spec, .x) == integers([1, 4, 7]))
    }
}
