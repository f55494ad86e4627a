import Testing
@testable import ConvolutionEngine

/// The blocked double product against exact rational products of the same small integers.
/// Every partial sum of such integers is exact in a double, so the two must agree exactly,
/// whatever order the blocked product adds in.
struct FastProductTests {
    /// Shapes that leave remainders in every blocking: tiles of 32 × 64, blocks of 128 along
    /// k, and 4 × 4 register blocks. The large ones also take the threaded path.
    static let shapes: [(rows: Int, inner: Int, columns: Int)] = [
        (1, 1, 1), (3, 5, 7), (4, 4, 4), (33, 257, 65), (37, 300, 70), (32, 144, 4096), (144, 32, 515),
    ]

    @Test(arguments: shapes.indices)
    func blockedProductIsExact(_ index: Int) {
        let (rows, inner, columns) = Self.shapes[index]
        var generator = SplitMix64(seed: UInt64(index + 1))
        let a = (0..<rows * inner).map { _ in generator.nextInteger(in: -9...9) }
        let b = (0..<inner * columns).map { _ in generator.nextInteger(in: -9...9) }

        let fast = fastMatrixProduct(Tensor(shape: [rows, inner], scalars: a.map(Double.init)),
                                     Tensor(shape: [inner, columns], scalars: b.map(Double.init)))
        let exact = matrixProduct(Tensor(shape: [rows, inner], scalars: a.map(Rational.init)),
                                  Tensor(shape: [inner, columns], scalars: b.map(Rational.init)))
        #expect(fast.shape == [rows, columns])
        #expect(fast.scalars == exact.scalars.map(\.doubleValue))
    }

    @Test(arguments: shapes.indices)
    func transposingProductIsExact(_ index: Int) {
        let (rows, inner, columns) = Self.shapes[index]
        var generator = SplitMix64(seed: UInt64(100 + index))
        let a = (0..<rows * inner).map { _ in generator.nextInteger(in: -9...9) }
        let b = (0..<columns * inner).map { _ in generator.nextInteger(in: -9...9) }

        let fast = fastMatrixProductTransposingRight(Tensor(shape: [rows, inner], scalars: a.map(Double.init)),
                                                     Tensor(shape: [columns, inner], scalars: b.map(Double.init)))
        let exact = matrixProductTransposingRight(Tensor(shape: [rows, inner], scalars: a.map(Rational.init)),
                                                  Tensor(shape: [columns, inner], scalars: b.map(Rational.init)))
        #expect(fast.shape == [rows, columns])
        #expect(fast.scalars == exact.scalars.map(\.doubleValue))
    }
}
