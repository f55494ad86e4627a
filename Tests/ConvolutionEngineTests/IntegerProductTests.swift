import Testing
@testable import ConvolutionEngine

/// The integer fast path of the rational products, against plain loops in this file and
/// against the generic product where it must step aside.
struct IntegerProductTests {
    private func integers(_ count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in generator.nextInteger(in: -50...50) }
    }

    @Test func productMatchesLoops() throws {
        let (rows, inner, columns) = (7, 13, 11)
        let a = integers(rows * inner, seed: 1)
        let b = integers(inner * columns, seed: 2)
        var expected = [Int](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                for k in 0..<inner { expected[row * columns + column] += a[row * inner + k] * b[k * columns + column] }
            }
        }

        let product = try #require(IntegerProduct.product(Tensor(shape: [rows, inner], scalars: a.map(Rational.init)),
                                                          Tensor(shape: [inner, columns], scalars: b.map(Rational.init))))
        #expect(product.shape == [rows, columns])
        #expect(product.scalars == expected.map(Rational.init))
    }

    @Test func transposingProductMatchesLoops() throws {
        let (rows, inner, columns) = (5, 17, 9)
        let a = integers(rows * inner, seed: 3)
        let b = integers(columns * inner, seed: 4)
        var expected = [Int](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                for k in 0..<inner { expected[row * columns + column] += a[row * inner + k] * b[column * inner + k] }
            }
        }

        let product = try #require(IntegerProduct.productTransposingRight(
            Tensor(shape: [rows, inner], scalars: a.map(Rational.init)),
            Tensor(shape: [columns, inner], scalars: b.map(Rational.init))))
        #expect(product.scalars == expected.map(Rational.init))
    }

    /// An overflow leaves the product to the generic route, which marks only the entry that
    /// overflowed.
    @Test func overflowFallsBackToInvalidEntry() throws {
        let a = Tensor(shape: [2, 2], scalars: [Rational(Int.max), Rational(1), Rational(1), Rational(1)])
        let b = Tensor(shape: [2, 1], scalars: [Rational(2), Rational(3)])
        #expect(IntegerProduct.product(a, b) == nil)

        let product = matrixProduct(a, b)
        #expect(product.scalars[0].isInvalid)
        #expect(product.scalars[1] == Rational(5))
    }

    @Test func fractionsTakeTheGenericRoute() throws {
        let half = try #require(Rational(numerator: 1, denominator: 2))
        let a = Tensor(shape: [1, 2], scalars: [half, Rational(1)])
        let b = Tensor(shape: [2, 1], scalars: [Rational(2), Rational(3)])
        #expect(IntegerProduct.product(a, b) == nil)
        #expect(matrixProduct(a, b).scalars == [Rational(4)])
    }
}
