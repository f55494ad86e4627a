@testable import ConvolutionEngine
import Testing

/// The central-difference checks of float analyses must agree with the analytic gradients
/// when y is far above 1, where a unit step would vanish in the rounding of the loss.
@Suite struct FiniteDifferenceTests {
    /// Runs a 1-D float analysis with finite-difference checks and returns its comparisons.
    private func comparisons(x: [Double], w: [Double], bias: Double?) throws -> [RouteComparison] {
        let geometry = try ConvolutionGeometry(
            batch: 1, inputChannels: 1, outputChannels: 1, groups: 1, inputSize: [x.count], kernelSize: [w.count],
            stride: [1], dilation: [1], padding: .valid)
        let problem = try ConvolutionProblem(
            geometry: geometry, x: Tensor(shape: geometry.inputShape, scalars: x),
            w: Tensor(shape: geometry.kernelShape, scalars: w), bias: bias.map { Tensor(shape: [1], scalars: [$0]) },
            upstream: Tensor(shape: geometry.outputShape, scalars: Array(repeating: 1, count: geometry.outputPositions)))
        var analysis = ConvolutionAnalysis(problem, layout: .full, relativeTolerance: 1e-9)
        analysis.addFiniteDifferenceChecks(tolerance: 1e-9)
        return analysis.comparisons.filter { $0.routes.contains { $0.hasPrefix("central differences") } }
    }

    @Test(arguments: [
        ([1e19, 2e19, 1e-20], [1e-20, 1.0], nil as Double?),
        ([1.0, 2.0, 3.0], [1.0, 1.0], 1e19),
        ([1e-20, 3e-20, 2e-20], [1e30, -1e30], 5.0),
        ([1e150, -1e150, 1e150], [1e150, 1e150], nil),
        ([1e19, 1e-20, 1e308], [1e-20, 1.0], nil),
        ([1e308, -1e308], [1.0], 1.0),
        ([1e308, 1e308], [0.5, 0.5], nil),
    ])
    func largeValuesAgree(x: [Double], w: [Double], bias: Double?) throws {
        let checks = try comparisons(x: x, w: w, bias: bias)

        #expect(checks.count == 3)
        for check in checks {
            #expect(check.agrees, "\(check.quantity.rawValue): \(String(describing: check.mismatch))")
        }
    }

    @Test func stepShrinksBeforeOverflow() {
        // y = 1e308 + step overflows for the first step, 1e308, but not for 1e308 / 1024.
        var steps: [Double] = []
        let result = FiniteDifferences.centralDifference(upstream: [1], step: 1e308) { step in
            steps.append(step)
            return [1e308 + step]
        }

        #expect(abs(result.difference - 1) < 1e-12)
        #expect(result.step == 1e308 / 1024)
        #expect(steps == [1e308, -1e308, 1e308 / 1024, -1e308 / 1024])
    }

    /// Returns the magnitudes of y = x ⋆ w in 1-D without padding, for the given entries.
    private func magnitudes(x: [Double], w: [Double], b: [Double] = [0]) -> OutputMagnitudes {
        OutputMagnitudes(x: x, w: w, b: b) { x, w, b in
            (0...(x.count - w.count)).map { start in
                w.indices.reduce(b[0]) { $0 + x[start + $1] * w[$1] }
            }
        }
    }

    @Test func stepScalesWithOutput() {
        // Moving x, the step is (max Σ|x·w| + max|b|) / max|w|, and at least 1: 0.625 gives 1,
        // and (1e19 + 3e19)·1e-20 / 1e-20 gives 4e19.
        #expect(magnitudes(x: [0.5, 0.25], w: [2, 1]).step(moving: .inputGradient) == 1)
        #expect(magnitudes(x: [1e19, 3e19], w: [1e-20, 1e-20]).step(moving: .inputGradient) == 4e19)
        #expect(magnitudes(x: [3e19], w: [0]).step(moving: .inputGradient) == 1)
        #expect(magnitudes(x: [1e300], w: [1e-300], b: [1e300]).step(moving: .inputGradient) == .greatestFiniteMagnitude)
        #expect(magnitudes(x: [1e300, 1e300], w: [1e300, 1e300]).step(moving: .biasGradient) == .greatestFiniteMagnitude)
    }

    @Test func termsBeyondLargestDoubleStayFinite() {
        // Σ|x·w| = 2e308 exceeds the largest double, but the step and the noise per step do not.
        let terms = magnitudes(x: [1e300, -1e300, 1e300], w: [1e8, 1e8])

        #expect(terms.step(moving: .inputGradient) == 2e300)
        #expect(terms.termsPerStep(2e300) == 1e8)
        #expect(terms.coefficientBound(moving: .inputGradient) == 2e8)
    }

    @Test func wrongGradientStillFails() {
        // y = 2·x, so dL/dx = 2·dL/dy. A gradient off by 1% is far above rounding.
        let comparisons = FiniteDifferences.comparisons(
            x: [1, 2, 3], w: [2], b: [0], upstream: [1, -1, 1],
            gradients: [FiniteDifferences.Gradient(quantity: .inputGradient, values: [2.02, -2, 2], termScales: [2, 2, 2])],
            tolerance: 1e-9
        ) { x, w, b in x.map { $0 * w[0] + b[0] } }

        #expect(comparisons.count == 1)
        #expect(comparisons.first?.agrees == false)
    }

    @Test func cancellingUpstreamAgrees() throws {
        // dL/db = Σ dL/dy = 1e16 + 1 − 1e16 + 3 + 1e16 − 1e16 = 4, but each partial sum rounds
        // at 1e16, where the spacing of doubles is 2.
        let geometry = try ConvolutionGeometry(
            batch: 1, inputChannels: 1, outputChannels: 1, groups: 1, inputSize: [8], kernelSize: [3],
            stride: [1], dilation: [1], padding: .valid)
        let problem = try ConvolutionProblem(
            geometry: geometry, x: Tensor(shape: geometry.inputShape, scalars: [0.3, -0.7, 0.1, 0.9, -0.2, 0.5, 0.8, -0.6]),
            w: Tensor(shape: geometry.kernelShape, scalars: [1, 1, 1]), bias: Tensor(shape: [1], scalars: [0.5]),
            upstream: Tensor(shape: geometry.outputShape, scalars: [1e16, 1, -1e16, 3, 1e16, -1e16]))
        var analysis = ConvolutionAnalysis(problem, layout: .full, relativeTolerance: 1e-9)
        analysis.addFiniteDifferenceChecks(tolerance: 1e-9)

        #expect(analysis.comparisons.count == 7)
        for comparison in analysis.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
        let biasGradient = try #require(analysis.tensors[.biasGradient]?.scalars.first)
        #expect(abs(biasGradient - 4) <= 4)
    }
}

/// Route agreement in floating point against the magnitudes of the summed terms.
@Suite struct TermScaleTests {
    @Test func cancellationWithinTermScale() {
        // 7 and 8 are both 7 up to the rounding of terms of magnitude 3e16.
        #expect(7.0.agrees(with: 8, relativeTolerance: 1e-9, termScale: 3e16))
        #expect(!7.0.agrees(with: 8, relativeTolerance: 1e-9, termScale: 0))
        #expect(!7.0.agrees(with: 8, relativeTolerance: 1e-9, termScale: 1e8))
    }

    @Test func overflowNeverAgrees() {
        #expect(!Double.infinity.agrees(with: 1, relativeTolerance: 1e-9, termScale: .infinity))
        #expect(!Double.nan.agrees(with: .nan, relativeTolerance: 1e-9, termScale: .infinity))
        #expect(Double.infinity.agrees(with: .infinity, relativeTolerance: 1e-9, termScale: 0))
        #expect(!1.0.agrees(with: 1e300, relativeTolerance: 1e-9, termScale: .infinity))
    }

    @Test func exactIgnoresTermScale() {
        let third = Rational(numerator: 1, denominator: 3) ?? .invalid
        let nearThird = Rational(numerator: 1_000_000_001, denominator: 3_000_000_000) ?? .invalid

        #expect(!third.agrees(with: nearThird, relativeTolerance: 1e-3, termScale: 1e30))
        #expect(third.agrees(with: third, relativeTolerance: 0, termScale: 0))
    }
}
