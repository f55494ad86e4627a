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
        let difference = FiniteDifferences.centralDifference(upstream: [1], step: 1e308) { step in
            steps.append(step)
            return [1e308 + step]
        }

        #expect(abs(difference - 1) < 1e-12)
        #expect(steps == [1e308, -1e308, 1e308 / 1024, -1e308 / 1024])
    }

    @Test func stepScalesWithOutput() {
        #expect(FiniteDifferences.stepSize(outputScale: 0.5, coefficientScale: 2) == 1)
        #expect(FiniteDifferences.stepSize(outputScale: 3e19, coefficientScale: 1e-20) == 3e39)
        #expect(FiniteDifferences.stepSize(outputScale: 3e19, coefficientScale: 0) == 1)
        #expect(FiniteDifferences.stepSize(outputScale: 1e300, coefficientScale: 1e-300) == .greatestFiniteMagnitude)
        #expect(FiniteDifferences.stepSize(outputScale: .infinity, coefficientScale: 1) == 1)
    }
}
