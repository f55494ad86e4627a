import ConvolutionEngine
import Testing

/// A 512 × 512 input verifies every route while ∂y/∂x stays sparse.
@Suite struct ScaleTests {
    @Test func largeInputKeepsJacobianSparse() throws {
        let geometry = try ConvolutionGeometry(
            batch: 1, inputChannels: 1, outputChannels: 1, groups: 1, inputSize: [512, 512], kernelSize: [3, 3],
            stride: [1, 1], dilation: [1, 1], padding: .same)
        var generator = SplitMix64(seed: 11)
        let x = (0..<(512 * 512)).map { _ in Rational(generator.nextInteger(in: -3...3)) }
        let w = (0..<9).map { _ in Rational(generator.nextInteger(in: -3...3)) }
        let upstream = (0..<(512 * 512)).map { _ in Rational(generator.nextInteger(in: -3...3)) }
        let problem = try ConvolutionProblem(
            geometry: geometry, x: Tensor(shape: geometry.inputShape, scalars: x),
            w: Tensor(shape: geometry.kernelShape, scalars: w), bias: nil,
            upstream: Tensor(shape: geometry.outputShape, scalars: upstream))

        let analysis = ConvolutionAnalysis(problem, layout: .full)

        for comparison in analysis.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
        // Along each axis the 512 windows of a same-padded 3-wide kernel cover 3 · 512 − 2
        // input positions (the first and last reach into the padding), so J_x stores
        // (3 · 512 − 2)² entries, not 512⁴.
        #expect(analysis.inputJacobian.storedCount == (3 * 512 - 2) * (3 * 512 - 2))
        #expect(analysis.value(of: .inputJacobian).shape == [512 * 512, 512 * 512])
        #expect(analysis.firstInvalidEntry == nil)
    }
}
