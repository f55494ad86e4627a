import ConvolutionEngine
import Testing

/// The engine against values from JAX and an exact Python reference (Reference/cases.json),
/// in each scalar type the engine supports.
@Suite struct ReferenceTests {
    @Test func referenceFileLoads() {
        #expect(ReferenceCase.all.count >= 60)
    }

    @Test(arguments: ReferenceCase.all)
    func paddingResolvesLikeReference(_ reference: ReferenceCase) throws {
        #expect(try reference.geometry().padding == reference.pads)
    }

    @Test(arguments: ReferenceCase.all)
    func rationalMatchesReference(_ reference: ReferenceCase) throws {
        let analysis = ConvolutionAnalysis(try reference.problem { $0 }, layout: .full)
        expectReferenceValues(analysis, reference) { .exact(Polynomial($0)) }
    }

    @Test(arguments: ReferenceCase.all)
    func polynomialMatchesReference(_ reference: ReferenceCase) throws {
        let analysis = ConvolutionAnalysis(try reference.problem { Polynomial($0) }, layout: .full)
        expectReferenceValues(analysis, reference) { .exact(Polynomial($0)) }
    }

    @Test(arguments: ReferenceCase.all)
    func doubleMatchesReference(_ reference: ReferenceCase) throws {
        // Every reference value is an integer or a fraction with a power-of-two denominator,
        // small enough that float64 arithmetic is exact, so even Double must agree exactly.
        let analysis = ConvolutionAnalysis(try reference.problem { $0.doubleValue }, layout: .full)
        expectReferenceValues(analysis, reference) { .float($0.doubleValue) }
    }
}

/// Checks y, dL/dx, dL/dw and dL/db against the reference, and that every route agreed.
private func expectReferenceValues<Scalar>(
    _ analysis: ConvolutionAnalysis<Scalar>, _ reference: ReferenceCase, _ expected: (Rational) -> ScalarValue
) {
    let checks: [(Quantity, ReferenceCase.TensorData)] = [
        (.y, reference.y), (.inputGradient, reference.dx), (.weightGradient, reference.dw), (.biasGradient, reference.db),
    ]
    for (quantity, data) in checks {
        let value = analysis.value(of: quantity)
        #expect(value.shape == data.shape, "\(quantity.rawValue) shape")
        let computed = (0..<value.count).map { value[flat: $0] }
        #expect(computed == data.rationals.map(expected), "\(quantity.rawValue)")
    }
    for comparison in analysis.comparisons {
        #expect(comparison.mismatch == nil, "\(comparison.quantity.rawValue) routes: \(String(describing: comparison.mismatch))")
    }
    #expect(analysis.firstInvalidEntry == nil)
}
