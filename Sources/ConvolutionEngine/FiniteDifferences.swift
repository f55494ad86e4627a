/// Central finite differences for floating-point analyses: each gradient checked against the
/// change of the loss L = Σ dL/dy ⊙ y when its input moves.
///
/// L is linear in each of x, w and b, so the central difference `(L(θ + s·v) − L(θ − s·v)) / 2s`
/// equals the directional derivative `⟨∂L/∂θ, v⟩` up to rounding, whatever the step s. It is
/// computed as `Σ dL/dy ⊙ (y(θ + s·v) − y(θ − s·v)) / 2s`, which is the same number, but
/// subtracts before it sums, so that L itself never has to be finite. Up to
/// `entryLimit` entries are checked one by one (v a unit vector); larger gradients along
/// `directionCount` pseudo-random directions with entries in [−1, 1), drawn from SplitMix64
/// with a fixed seed. The check passes when `‖fd − analytic‖ ≤ tolerance · max(‖fd‖, ‖analytic‖)`
/// over all checked directions (a relative-norm criterion).
public enum FiniteDifferences {
    public static let entryLimit = 64
    public static let directionCount = 8
    /// The smallest relative tolerance used, because float64 rounding in long sums exceeds
    /// the default 1e-9 of route agreement.
    public static let minimumTolerance = 1e-7

    /// Returns one comparison per gradient (dL/dx, dL/dw, dL/db) of a forward function
    /// `forward(x, w, b) -> y` against the analytic gradients.
    static func comparisons(
        x: [Double], w: [Double], b: [Double], upstream: [Double],
        gradients: [(Quantity, [Double])], tolerance: Double,
        forward: @escaping ([Double], [Double], [Double]) -> [Double]
    ) -> [RouteComparison] {
        let limit = max(tolerance, minimumTolerance)
        // y computed from magnitudes bounds every partial sum of y, even where y cancels to 0.
        let magnitude = { (values: [Double]) in values.map(abs) }
        let outputScale = maximumMagnitude(forward(magnitude(x), magnitude(w), magnitude(b)))
        return gradients.map { quantity, analytic in
            let point: [Double]
            let step: Double
            switch quantity {
            case .inputGradient:
                point = x
                step = stepSize(outputScale: outputScale, coefficientScale: maximumMagnitude(w))
            case .weightGradient:
                point = w
                step = stepSize(outputScale: outputScale, coefficientScale: maximumMagnitude(x))
            default:
                point = b
                step = stepSize(outputScale: outputScale, coefficientScale: 1)
            }
            let moved = { (delta: [Double], step: Double) -> [Double] in
                let shifted = zip(point, delta).map { $0 + step * $1 }
                switch quantity {
                case .inputGradient: return forward(shifted, w, b)
                case .weightGradient: return forward(x, shifted, b)
                default: return forward(x, w, shifted)
                }
            }
            var differences: [Double] = []
            var projections: [Double] = []
            for direction in directions(count: point.count) {
                differences.append(centralDifference(upstream: upstream, step: step) { moved(direction, $0) })
                projections.append(zip(analytic, direction).reduce(0) { $0 + $1.0 * $1.1 })
            }
            let errorNorm = zip(differences, projections).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let scale = max(norm(differences), norm(projections), .leastNormalMagnitude)
            var mismatch: RouteMismatch?
            if !(errorNorm <= limit * scale) {
                let worst = zip(differences, projections).enumerated().max { abs($0.1.0 - $0.1.1) < abs($1.1.0 - $1.1.1) }
                mismatch = RouteMismatch(
                    quantity: quantity, entry: [worst?.offset ?? 0],
                    firstRoute: "analytic gradient along direction \((worst?.offset ?? 0) + 1)", firstValue: .float(worst?.element.1 ?? 0),
                    secondRoute: "central difference (relative norm error \(errorNorm / scale))", secondValue: .float(worst?.element.0 ?? 0))
            }
            let how = point.count <= entryLimit ? "every entry" : "\(directionCount) random directions"
            return RouteComparison(quantity: quantity, routes: ["analytic gradient", "central differences, \(how)"],
                                   entryCount: point.count, mismatch: mismatch)
        }
    }

    /// The maximum number of times a step is divided by 1024 after a move overflowed.
    static let maximumStepReductions = 16

    /// Returns `Σ upstream ⊙ (y(+step) − y(−step)) / 2·step` for `moved(step)`, the outputs
    /// after a move by `step` along one direction. Near the largest double a move can
    /// overflow y, so the step shrinks until the result is finite, at most
    /// `maximumStepReductions` times.
    static func centralDifference(upstream: [Double], step initialStep: Double, moved: (Double) -> [Double]) -> Double {
        var step = initialStep
        var difference = Double.nan
        for _ in 0...maximumStepReductions {
            let forward = moved(step)
            let backward = moved(-step)
            var sum = 0.0
            for index in upstream.indices where index < forward.count && index < backward.count {
                sum += upstream[index] * (forward[index] - backward[index])
            }
            difference = sum / (2 * step)
            if difference.isFinite { break }
            step /= 1024
        }
        return difference
    }

    /// Returns the step for one of x, w and b, large enough that the move changes y by about
    /// `outputScale`, the largest magnitude of y's terms. Rounding in y grows with those
    /// terms, so a unit step vanishes in it once they reach about 1e16. `coefficientScale` is
    /// the largest factor that multiplies the moved input in y.
    static func stepSize(outputScale: Double, coefficientScale: Double) -> Double {
        guard coefficientScale > 0, outputScale.isFinite else { return 1 }
        // A quotient beyond the largest double still calls for the largest step, which
        // centralDifference shrinks if the move overflows.
        return max(1, min(outputScale / coefficientScale, .greatestFiniteMagnitude))
    }

    private static func maximumMagnitude(_ values: [Double]) -> Double {
        values.reduce(0) { max($0, abs($1)) }
    }

    private static func norm(_ values: [Double]) -> Double {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Unit vectors for small gradients, seeded pseudo-random directions for large ones.
    private static func directions(count: Int) -> [[Double]] {
        guard count > entryLimit else {
            return (0..<count).map { index in (0..<count).map { $0 == index ? 1 : 0 } }
        }
        var generator = SplitMix64(seed: 0x5EED)
        return (0..<directionCount).map { _ in (0..<count).map { _ in generator.nextUniform() } }
    }
}

extension ConvolutionAnalysis where Scalar == Double {
    /// Adds the finite-difference checks of dL/dx, dL/dw and dL/db to `comparisons`.
    public mutating func addFiniteDifferenceChecks(tolerance: Double) {
        let written = problem
        let geometry = problem.geometry
        let gradients: [(Quantity, [Double])] = [
            (.inputGradient, tensors[.inputGradient]?.scalars ?? []),
            (.weightGradient, mode == .convolution
                ? spatiallyFlipped(tensors[.weightGradient] ?? .zeros(geometry.kernelShape), kernelPositions: geometry.kernelPositions).scalars
                : tensors[.weightGradient]?.scalars ?? []),
            (.biasGradient, (0..<geometry.outputChannels).map { channel in
                written.upstream.scalars.enumerated().reduce(0) { sum, entry in
                    (entry.offset / geometry.outputPositions) % geometry.outputChannels == channel ? sum + entry.element : sum
                }
            }),
        ]
        comparisons += FiniteDifferences.comparisons(
            x: written.x.scalars, w: written.w.scalars,
            b: written.bias?.scalars ?? Array(repeating: 0, count: geometry.outputChannels),
            upstream: written.upstream.scalars, gradients: gradients, tolerance: tolerance
        ) { x, w, b in
            guard let problem = try? ConvolutionProblem(
                geometry: geometry, x: Tensor(shape: geometry.inputShape, scalars: x),
                w: Tensor(shape: geometry.kernelShape, scalars: w), bias: Tensor(shape: [geometry.outputChannels], scalars: b),
                upstream: written.upstream) else { return [] }
            return slidingWindowForward(problem, paddedInput: padOrCrop(problem.x, leadingAxes: 2, pads: geometry.padding)).scalars
        }
    }
}

extension TransposedConvolutionAnalysis where Scalar == Double {
    /// Adds the finite-difference checks of dL/dx, dL/dw and dL/db to `comparisons`, with the
    /// transposed output computed as the convolution's flipped-kernel input gradient.
    public mutating func addFiniteDifferenceChecks(tolerance: Double) {
        let base = convolution.problem
        let geometry = base.geometry
        let channels = geometry.inputChannels
        let positions = geometry.inputPositions
        let upstream = base.x.scalars
        let inputShape = self.inputShape
        let extension_ = (0..<geometry.dimensions).map { axis in
            PadPair(begin: 0, end: geometry.outputSize[axis] - inputShape[axis + 2])
        }
        let gradients: [(Quantity, [Double])] = [
            (.inputGradient, tensors[.inputGradient]?.scalars ?? []),
            (.weightGradient, tensors[.weightGradient]?.scalars ?? []),
            (.biasGradient, (0..<channels).map { channel in
                upstream.enumerated().reduce(0) { sum, entry in
                    (entry.offset / positions) % channels == channel ? sum + entry.element : sum
                }
            }),
        ]
        let bias = tensors[.b].map { $0.shape.isEmpty ? Array(repeating: $0.scalars[0], count: channels) : $0.scalars }
            ?? Array(repeating: 0, count: channels)
        comparisons += FiniteDifferences.comparisons(
            x: tensors[.x]?.scalars ?? [], w: base.w.scalars, b: bias, upstream: upstream,
            gradients: gradients, tolerance: tolerance
        ) { x, w, b in
            guard let problem = try? ConvolutionProblem(
                geometry: geometry, x: base.x, w: Tensor(shape: geometry.kernelShape, scalars: w), bias: nil,
                upstream: padOrCrop(Tensor(shape: inputShape, scalars: x), leadingAxes: 2, pads: extension_)) else { return [] }
            let padded = paddedUpstream(dilatedUpstream(problem), geometry: geometry)
            var y = flippedKernelInputGradient(geometry, paddedUpstream: padded, flippedKernel: flippedKernel(problem)).scalars
            for index in y.indices { y[index] += b[(index / positions) % channels] }
            return y
        }
    }
}
