import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// With `numbers = float`, literals and the tolerance are read as the nearest double, as
/// Swift's `Double(String)` rounds them, instead of as 64-bit fractions.
@Suite struct FloatLiteralTests {
    /// Parses `x = TEXT` in a float-mode block and returns x's literal.
    private func floatLiteral(_ text: String) throws -> TensorLiteral {
        let (spec, diagnostics) = parseSpec("numbers = float\nx = " + text)
        try #require(diagnostics.isEmpty, "diagnostics: \(diagnostics.map(\.message))")
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x = \(text) is not a literal")
            throw LiteralExpected()
        }
        return literal
    }

    /// Returns a quantity's float entries, row-major.
    private func floatValues(_ spec: EvaluatedSpec, _ quantity: Quantity) -> [Double] {
        let value = spec.report.value(of: quantity)
        return (0..<value.count).map { index in
            guard case .float(let number) = value[flat: index] else {
                Issue.record("entry \(index) of \(quantity.rawValue) is not a double: \(value[flat: index])")
                return .nan
            }
            return number
        }
    }

    @Test func literalsBeyondExactRange() throws {
        let literal = try floatLiteral("[1e19 1e-20 1e308 -1e308 4.9e-324]")

        #expect(floatEntries(literal) == [1e19, 1e-20, 1e308, -1e308, 4.9e-324])
    }

    @Test(arguments: ["0.1", "0.3", "2.675", "1e23", "9007199254740993", "123456789.123456789", "5.", ".5", "1E5", "1e+5"])
    func literalRoundsLikeDouble(_ text: String) throws {
        let literal = try floatLiteral("[\(text)]")

        let expected = try #require(Double(text))
        #expect(floatEntries(literal) == [expected])
    }

    @Test func negativeZeroAndUnderflow() throws {
        let literal = try floatLiteral("[-0.0 1e-400]")
        let values = floatEntries(literal)

        #expect(values == [0, 0])
        #expect(values[0].sign == .minus)
    }

    @Test func expressionsComputeInDoubles() throws {
        let literal = try floatLiteral("[1/3 (0.1)^2 (0.1 + 0.2) -2^2 (1e19 * 3)]")

        #expect(floatEntries(literal) == [1.0 / 3.0, 0.1 * 0.1, 0.1 + 0.2, -4, 3e19])
    }

    @Test func numbersLineBelowLiteralApplies() throws {
        let (spec, diagnostics) = parseSpec("x = [1e19 2]\nw = [1e-20]\nnumbers = float")

        #expect(diagnostics.isEmpty, "diagnostics: \(diagnostics.map(\.message))")
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(floatEntries(literal) == [1e19, 2])
    }

    @Test func exactModeKeepsRejectingLargeLiterals() throws {
        let diagnostic = try onlyDiagnostic("x = [1e19 2]\nw = [1]")

        #expect(diagnostic.id == "spec.number-out-of-range")
        #expect(diagnostic.message == "1e19 cannot be held exactly: numerator and denominator must fit in 64 bits")
        #expect(diagnostic.notes == ["use smaller numbers, or numbers = float"])
    }

    @Test func evaluatesWithLargeLiterals() throws {
        let spec = try evaluateSpec("numbers = float\nx = [1e19 2e19 1e-20]\nw = [1e-20 1]")

        #expect(spec.report.firstInvalidEntry == nil)
        #expect(floatValues(spec, .y) == [1e19 * 1e-20 + 2e19, 2e19 * 1e-20 + 1e-20])
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    @Test func transposedWithLargeLiterals() throws {
        let spec = try evaluateSpec("numbers = float\nkind = transpose\nx = [1e19 -3e19]\nw = [2 1e-20]\nb = 1e18")

        #expect(spec.report.firstInvalidEntry == nil)
        #expect(floatValues(spec, .y) == [2e19 + 1e18, 1e19 * 1e-20 + -6e19 + 1e18, -3e19 * 1e-20 + 1e18])
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    @Test func infiniteOutputIsFloatOverflow() throws {
        let diagnostic = try onlyDiagnostic("numbers = float\nx = [1e308 1e308]\nw = [1 1]")

        #expect(diagnostic.id == "spec.float-overflow")
        #expect(diagnostic.message == "floating-point arithmetic overflowed while computing y[1]")
        #expect(start(diagnostic) == "1:1")
    }

    @Test func toleranceReadAsDouble() throws {
        let spec = try evaluateSpec("numbers = float\ntolerance = 1e-20\nx = [1 2 3]\nw = [1 1]")

        #expect(spec.tolerance == 1e-20)
        #expect(spec.spec.tolerance?.value == 1e-20)
    }

    @Test func toleranceKeepsDecimalRounding() throws {
        let (spec, diagnostics) = parseSpec("numbers = float\ntolerance = 0.1")

        #expect(diagnostics.isEmpty)
        #expect(spec.tolerance?.value == 0.1)
    }

    @Test(arguments: [
        ("x = [1 1e400]", "4:8", "1e400 is out of the range of a double, whose largest magnitude is about 1.8e308"),
        ("x = [1 -1e400]", "4:8", "-1e400 is out of the range of a double"),
        ("x = [1e99999999999999999999]", "4:6", "1e99999999999999999999 is out of the range of a double"),
        ("b = 1e309", "4:5", "1e309 is out of the range of a double"),
        ("expect y = [1e400 1]", "4:13", "1e400 is out of the range of a double"),
    ])
    func infiniteLiteralIsDiagnostic(line: String, location: String, message: String) throws {
        let diagnostics = parseSpec("numbers = float\nw = [1]\n" + line).diagnostics
        let diagnostic = try #require(diagnostics.first)

        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "spec.number-out-of-range")
        #expect(start(diagnostic) == location)
        #expect(diagnostic.message.contains(message), "message: \(diagnostic.message)")
    }

    @Test func overflowingExpressionIsDiagnostic() throws {
        let diagnostic = try onlyDiagnostic("numbers = float\nx = [1 (1e200 * 1e200)]\nw = [1]")

        #expect(diagnostic.id == "spec.float-overflow")
        #expect(start(diagnostic) == "3:8")
        #expect(diagnostic.message == "the value (1e200 * 1e200) overflows a double, whose largest magnitude is about 1.8e308")
    }

    @Test func infiniteToleranceIsDiagnostic() throws {
        let diagnostic = try onlyDiagnostic("numbers = float\ntolerance = 1e400")

        #expect(diagnostic.id == "spec.number-out-of-range")
        #expect(start(diagnostic) == "3:13")
    }

    @Test func symbolicToleranceIsMalformed() throws {
        let diagnostic = try onlyDiagnostic("numbers = float\ntolerance = a")

        #expect(diagnostic.id == "spec.malformed-tolerance")
        #expect(diagnostic.message == "tolerance must be a positive number, such as 1e-9")
    }

    @Test func symbolInFloatLiteral() throws {
        let diagnostic = try onlyDiagnostic("numbers = float\nx = [1 2a]\nw = [1]")

        #expect(diagnostic.id == "spec.symbol-in-float")
        #expect(start(diagnostic) == "3:9")
    }

    @Test func expectationStatesDecimal() throws {
        let spec = try evaluateSpec("numbers = float\nx = [1 2]\nw = [1]\nexpect y = [0.3 2]")
        let failure = try #require(spec.check(spec.spec.expectations[0]))

        #expect(failure.diagnostic.message == "y at [1] is 1.0, but the note states 0.3")
        #expect(failure.computedText == "[1.0 2.0]")
    }

    @Test func expectationBeyondExactRangeHolds() throws {
        let spec = try evaluateSpec("numbers = float\nx = [1e19 1]\nw = [1]\nexpect y = [1e19 1]")

        #expect(spec.check(spec.spec.expectations[0]) == nil)
    }
}
