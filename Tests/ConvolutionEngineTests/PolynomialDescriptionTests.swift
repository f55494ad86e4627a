import ConvolutionEngine
import Testing

/// Terms with a coefficient of Int.min print their sign and magnitude, although negating
/// that coefficient overflows.
@Suite struct PolynomialDescriptionTests {
    private let smallest = Polynomial(Rational(Int.min))

    @Test func smallestConstant() {
        #expect(smallest.description == "-9223372036854775808")
    }

    @Test func smallestCoefficientFirst() {
        let value = smallest * Polynomial(symbol: "a") + Polynomial(symbol: "b")

        #expect(value.description == "-9223372036854775808a + b")
    }

    @Test func smallestCoefficientLater() {
        let value = Polynomial(symbol: "a") + smallest * Polynomial(symbol: "b")

        #expect(value.description == "a - 9223372036854775808b")
    }

    @Test func unitCoefficients() {
        let value = Polynomial(symbol: "a") - Polynomial(symbol: "b") - Polynomial(1)

        #expect(value.description == "a - b - 1")
    }

    @Test func magnitudeDescriptions() throws {
        #expect(Rational(Int.min).magnitudeDescription == "9223372036854775808")
        #expect(try #require(Rational(numerator: -11, denominator: 2)).magnitudeDescription == "11/2")
        #expect(Rational.invalid.magnitudeDescription == "invalid")
        #expect(Rational(-1).isUnitMagnitude)
        #expect(!Rational(2).isUnitMagnitude)
    }
}
