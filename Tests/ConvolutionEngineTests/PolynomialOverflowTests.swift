import ConvolutionEngine
import Testing

/// Exponents that leave `Int` make a polynomial invalid, as overflowed coefficients do,
/// instead of wrapping around to a wrong exponent.
@Suite struct PolynomialOverflowTests {
    /// Squares `base` `count` times, giving base^(2^count).
    private func repeatedSquare(_ base: Polynomial, _ count: Int) -> Polynomial {
        var result = base
        for _ in 0..<count { result = result * result }
        return result
    }

    @Test func largestExponentStaysValid() throws {
        let power = repeatedSquare(Polynomial(symbol: "a"), 62)

        #expect(!power.isInvalid)
        let term = try #require(power.terms.first)
        #expect(term.monomial.factors.map(\.exponent) == [1 << 62])
    }

    @Test func exponentOverflowIsInvalid() {
        let power = repeatedSquare(Polynomial(symbol: "a"), 63)

        #expect(power.isInvalid)
        #expect(power.description == "invalid")
    }

    @Test func wrappedExponentIsNotZero() {
        // 2^64 wraps to an exponent of 0 in 64-bit arithmetic.
        let power = repeatedSquare(Polynomial(symbol: "a"), 64)

        #expect(power.isInvalid)
        #expect(power.constantValue == .invalid)
    }

    @Test func invalidPowerStaysInvalid() {
        let power = repeatedSquare(Polynomial(symbol: "a"), 63)

        #expect((power + Polynomial(1)).isInvalid)
        #expect((power * Polynomial(symbol: "b")).isInvalid)
        #expect(Polynomial.sum([power, Polynomial(symbol: "b")]).isInvalid)
    }

    @Test func degreeOverflowIsInvalid() throws {
        let a = repeatedSquare(Polynomial(symbol: "a"), 62)
        let b = repeatedSquare(Polynomial(symbol: "b"), 62)
        let c = repeatedSquare(Polynomial(symbol: "c"), 61)

        // 2^62 + 2^61 fits in Int, 2^62 + 2^62 does not.
        let fits = a * c
        #expect(!fits.isInvalid)
        #expect(try #require(fits.terms.first).monomial.degree == (1 << 62) + (1 << 61))
        #expect((a * b).isInvalid)
    }

    @Test func mixedExponentSumOverflows() {
        let high = repeatedSquare(Polynomial(symbol: "a"), 62)
        let nearHigh = high * repeatedSquare(Polynomial(symbol: "a"), 61)

        // a^(2^62 + 2^61) · a^(2^62) has exponent 2^63 + 2^61.
        #expect(!nearHigh.isInvalid)
        #expect((nearHigh * high).isInvalid)
    }
}
