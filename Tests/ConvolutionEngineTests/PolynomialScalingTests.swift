import ConvolutionEngine
import Testing

/// Products with a constant skip the sort of the general product, so they are checked
/// against sums built term by term.
@Suite struct PolynomialScalingTests {
    private let a = Polynomial(symbol: "a")
    private let x10 = Polynomial(symbol: "x_10")
    private let x2 = Polynomial(symbol: "x_2")

    @Test func constantTimesSumScalesEveryTerm() throws {
        let sum = a + x10 * x10 + x2 + Polynomial(5)
        let half = Polynomial(try #require(Rational(numerator: 1, denominator: 2)))

        let product = half * sum
        let expected = half * a + half * x10 * x10 + half * x2 + Polynomial(try #require(Rational(numerator: 5, denominator: 2)))

        #expect(product == expected)
        #expect(product.description == "1/2·a + 1/2·x₂ + 1/2·x₁₀² + 5/2")
    }

    @Test func constantOnEitherSideAgrees() {
        let sum = a - x2 + Polynomial(3)

        #expect(Polynomial(-4) * sum == sum * Polynomial(-4))
        #expect((Polynomial(-4) * sum).description == "-4a + 4x₂ - 12")
    }

    @Test func coefficientOverflowIsInvalid() {
        let sum = a + Polynomial(2) * x2

        #expect((Polynomial(Int.max) * sum).isInvalid)
        #expect((sum * Polynomial(Int.max)).isInvalid)
    }

    @Test func constantsMultiplyToConstant() {
        #expect((Polynomial(6) * Polynomial(-7)).constantValue == Rational(-42))
    }
}
