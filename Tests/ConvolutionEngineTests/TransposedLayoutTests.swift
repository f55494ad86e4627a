import Testing
@testable import ConvolutionEngine

private func rationals(_ values: [Int]) -> [Rational] { values.map(Rational.init) }

/// Returns the geometry of the convolution that a transposed convolution of x (1, 2, 2, 2)
/// with w (2, 1, 2, 2) transposes: 1 input channel (the transposed output's) and 2 output
/// channels (x's).
private func transposedGeometry() throws -> ConvolutionGeometry {
    try ConvolutionGeometry(
        batch: 1, inputChannels: 1, outputChannels: 2, groups: 1, inputSize: [3, 3], kernelSize: [2, 2],
        stride: [1, 1], dilation: [1, 1], padding: .valid)
}

private func transposedAnalysis(_ layout: AxisLayout) throws -> TransposedConvolutionAnalysis<Rational> {
    let geometry = try transposedGeometry()
    return try TransposedConvolutionAnalysis(
        geometry: geometry,
        x: Tensor(shape: [1, 2, 2, 2], repeating: .one),
        w: Tensor(shape: geometry.kernelShape, scalars: rationals(Array(1...8))),
        bias: nil, upstream: Tensor(shape: geometry.inputShape, repeating: .one), layout: layout)
}

@Test func transposedKernelOfRankThreeKeepsInputChannels() throws {
    let layout = AxisLayout(inputHasBatchAxis: false, inputHasChannelAxis: true, kernelLeadingAxes: 1, biasIsScalar: false)
    let analysis = try transposedAnalysis(layout)

    #expect(analysis.tensors[.w]?.shape == [2, 2, 2])
    #expect(analysis.tensors[.weightGradient]?.shape == [2, 2, 2])
    #expect(analysis.tensors[.flippedKernel]?.shape == [2, 2, 2])
    #expect(analysis.tensors[.y]?.shape == [1, 3, 3])
    // y = Σ_c x[c] scattered through w[c]: every x entry is 1, so each output sums the kernel
    // entries of both channels whose offsets reach it.
    #expect(analysis.tensors[.y]?.scalars == rationals([6, 14, 8, 16, 36, 20, 10, 22, 12]))
}

@Test func transposedLayoutThatDoesNotFitThrows() throws {
    // A single filter drops both leading axes of w, but here they have lengths 2 and 1.
    let layout = AxisLayout(inputHasBatchAxis: false, inputHasChannelAxis: true, kernelLeadingAxes: 0, biasIsScalar: false)

    #expect(throws: ConvolutionError.self) { try transposedAnalysis(layout) }
}

@Test func convolutionLayoutCheckFindsDroppedChannels() throws {
    let geometry = try ConvolutionGeometry(
        batch: 1, inputChannels: 2, outputChannels: 1, groups: 1, inputSize: [3, 3], kernelSize: [2, 2],
        stride: [1, 1], dilation: [1, 1], padding: .valid)
    let layout = AxisLayout(inputHasBatchAxis: false, inputHasChannelAxis: false, kernelLeadingAxes: 1, biasIsScalar: false)

    #expect(throws: ConvolutionError.shapeMismatch(tensor: "x", expected: [1, 2, 1], actual: [1])) {
        try layout.checkShownShapes(geometry)
    }
}
