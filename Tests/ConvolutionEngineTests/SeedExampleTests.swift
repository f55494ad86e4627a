import Testing
@testable import ConvolutionEngine

private func rationals(_ values: [Int]) -> [Rational] { values.map(Rational.init) }

private func seedAnalysis(padding: PaddingRule) throws -> ConvolutionAnalysis<Rational> {
    let geometry = try ConvolutionGeometry(
        batch: 1, inputChannels: 1, outputChannels: 1, groups: 1, inputSize: [3, 3], kernelSize: [2, 2],
        stride: [1, 1], dilation: [1, 1], padding: padding)
    let problem = try ConvolutionProblem(
        geometry: geometry,
        x: Tensor(shape: [1, 1, 3, 3], scalars: rationals(Array(1...9))),
        w: Tensor(shape: [1, 1, 2, 2], scalars: rationals([1, 2, 3, 4])),
        bias: nil,
        upstream: Tensor(shape: geometry.outputShape, repeating: .one))
    let layout = AxisLayout(inputHasBatchAxis: false, inputHasChannelAxis: false, kernelLeadingAxes: 0, biasIsScalar: false)
    return ConvolutionAnalysis(problem, layout: layout)
}

@Test func seedSameStartValues() throws {
    let analysis = try seedAnalysis(padding: .sameStart)
    #expect(analysis.tensors[.y]?.scalars == rationals([4, 11, 18, 18, 37, 47, 36, 67, 77]))
    #expect(analysis.tensors[.weightGradient]?.scalars == rationals([12, 21, 27, 45]))
    #expect(analysis.tensors[.inputGradient]?.scalars == rationals([10, 10, 6, 10, 10, 6, 7, 7, 4]))
    #expect(analysis.tensors[.y]?.shape == [3, 3])
    for comparison in analysis.comparisons {
        #expect(comparison.mismatch == nil, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
    }
}
