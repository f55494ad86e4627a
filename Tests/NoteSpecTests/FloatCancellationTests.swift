import ConvolutionEngine
import Testing
@testable import NoteSpec

/// Float-mode specs whose values cancel at large magnitudes: their routes and finite
/// differences differ by rounding of the summed terms, which is no internal error.
@Suite struct FloatCancellationTests {
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

    private func expectRoutesAgree(_ spec: EvaluatedSpec) {
        #expect(spec.report.comparisons.count == 7)
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    @Test func cancellingUpstreamRoutesAgree() throws {
        let spec = try evaluateSpec("""
            numbers = float
            x : 1x5x5 = uniform(seed: 1)
            w : 1x1x3x3 = ones
            dL/dy = [[[1e16, 1, -1e16], [3, 1e16, -1e16], [1, 1, 1]]]
            """)

        expectRoutesAgree(spec)
        // The centre of dL/dx sums all nine entries of dL/dy, which is 7. Doubles near 1e16
        // are 2 apart, so each route may be off by a few units.
        let inputGradient = floatValues(spec, .inputGradient)
        #expect(inputGradient.count == 25)
        #expect(abs(inputGradient[12] - 7) <= 4)
        #expect(inputGradient[24] == 1)
        #expect(abs(floatValues(spec, .biasGradient)[0] - 7) <= 4)
    }

    @Test func extremeMagnitudesRoutesAgree() throws {
        let spec = try evaluateSpec("numbers = float\nx = [1e300 -1e300 1e300]\nw = [1e8 1e8]")

        expectRoutesAgree(spec)
        #expect(floatValues(spec, .y) == [0, 0])
        #expect(floatValues(spec, .inputGradient) == [1e8, 2e8, 1e8])
        #expect(floatValues(spec, .weightGradient) == [0, 0])
    }

    @Test func extremeMagnitudesTransposedRoutesAgree() throws {
        let spec = try evaluateSpec("numbers = float\nkind = transpose\nx = [1e300 -1e300 1e300]\nw = [1e8 1e8]")

        expectRoutesAgree(spec)
        #expect(floatValues(spec, .y) == [1e308, 0, 0, 1e308])
        #expect(floatValues(spec, .inputGradient) == [2e8, 2e8, 2e8])
        #expect(floatValues(spec, .weightGradient) == [1e300, 1e300])
    }

    @Test func cancellingTransposedBiasAgrees() throws {
        let spec = try evaluateSpec("""
            numbers = float
            kind = transpose
            x = [0.5 -0.25 0.75]
            w = [1 1]
            b = 0.5
            dL/dy = [1e16 1 -1e16 3]
            """)

        expectRoutesAgree(spec)
        #expect(floatValues(spec, .y) == [1, 0.75, 1, 1.25])
        #expect(abs(floatValues(spec, .biasGradient)[0] - 4) <= 4)
    }
}
