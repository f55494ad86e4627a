/// Central finite differences for floating-point analyses: each gradient checked against the
/// change of the loss L = Σ dL/dy ⊙ y when its input moves.
///
/// L is linear in each of x, w and b, so the central difference `(L(θ + s·v) − L(θ − s·v)) / 2s`
/// equals the directional derivative `⟨∂L/∂θ, v⟩` up to rounding, whatever the step s. It is
/// computed as `Σ dL/dy ⊙ (y(θ + s·v) − y(θ − s·v)) / 2s`, which is the same number, but
/// subtracts before it sums, so that L itself never has to be finite. Up to
/// `entryLimit` entries are checked one by one (v a unit vector); larger gradients along
/// `directionCount` pseudo-random directions with entries in [−1, 1), drawn from SplitMix64
/// with a fixed seed.
///
/// The check passes when `‖fd − analytic‖ ≤ tolerance · (max(‖fd‖, ‖analytic‖) + ‖noise‖)`
/// over all checked directions. Rounding in both sides grows with the magnitudes of the terms
/// they sum, not with the result, so each direction's noise is a bound of those magnitudes:
/// `‖dL/dy‖₁ · Σ|terms of y at θ ± s·v| / s` for the central difference and
/// `Σ |v_j| · Σ|terms of the gradient's entry j|` for the analytic side. Without it, values that
/// cancel at large magnitudes, such as dL/dy = [1e16, 1, −1e16], fail a correct gradient.
public enum FiniteDifferences {
    public static let entryLimit = 64
    public static let directionCount = 8
    /// The smallest relative tolerance used, because float64 rounding in long sums exceeds
    /// the default 1e-9 of route agreement.
    public static let minimumTolerance = 1e-7

    /// One gradient to check: its entries, in the order of the input it differentiates, and a
    /// bound of Σ|terms| for each entry.
    struct Gradient {
        var quantity: Quantity
        var values: [Double]
        var termScales: [Double]
    }

    /// Returns one comparison per gradient (dL/dx, dL/dw, dL/db) of a forward function
    /// `forward(x, w, b) -> y` against the analytic gradients.
    static func comparisons(
        x: [Double], w: [Double], b: [Double], upstream: [Double],
        gradients: [Gradient], tolerance: Double,
        forward: @escaping ([Double], [Double], [Double]) -> [Double]
    ) -> [RouteComparison] {
        let limit = max(tolerance, minimumTolerance)
        let magnitudes = OutputMagnitudes(x: x, w: w, b: b, forward: forward)
        let upstreamNorm = upstream.reduce(0) { $0 + abs($1) }
        return gradients.map { gradient in
            let quantity = gradient.quantity
            let point: [Double]
            switch quantity {
            case .inputGradient: point = x
            case .weightGradient: point = w
            default: point = b
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
            var noises: [Double] = []
            for direction in directions(count: point.count) {
                let (difference, step) = centralDifference(upstream: upstream, step: magnitudes.step(moving: quantity)) {
                    moved(direction, $0)
                }
                differences.append(difference)
                projections.append(zip(gradient.values, direction).reduce(0) { $0 + $1.0 * $1.1 })
                let largestMove = direction.reduce(0) { max($0, abs($1)) }
                let differenceNoise = upstreamNorm * (magnitudes.termsPerStep(step) + largestMove * magnitudes.coefficientBound(moving: quantity))
                let analyticNoise = zip(direction, gradient.termScales).reduce(0) { $0 + abs($1.0) * $1.1 }
                noises.append(differenceNoise + analyticNoise)
            }
            let errorNorm = zip(differences, projections).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let scale = max(max(norm(differences), norm(projections)) + norm(noises), .leastNormalMagnitude)
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
    /// after a move by `step` along one direction, and the step it used. Near the largest
    /// double a move can overflow y, so the step shrinks until the result is finite, at most
    /// `maximumStepReductions` times.
    static func centralDifference(
        upstream: [Double], step initialStep: Double, moved: (Double) -> [Double]
    ) -> (difference: Double, step: Double) {
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
        return (difference, step)
    }

    static func maximumMagnitude(_ values: [Double]) -> Double {
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

/// The magnitudes of y's terms x·w and b, which set the step of each finite difference and
/// bound its rounding. They are kept as factors, because Σ|x·w| can exceed the largest double
/// where y itself does not.
struct OutputMagnitudes {
    var inputMaximum: Double
    var weightMaximum: Double
    var biasMaximum: Double
    /// max over y of Σ|x·w| with x and w divided by their maxima: at most the number of
    /// products of one output.
    var normalizedTermSum: Double
    /// max over y of Σ|w| / max|w|, the terms of y per unit of every x entry.
    var normalizedWeightSum: Double
    /// max over y of Σ|x| / max|x| over one window, the terms of y per unit of every w entry.
    var normalizedInputSum: Double

    init(x: [Double], w: [Double], b: [Double], forward: ([Double], [Double], [Double]) -> [Double]) {
        inputMaximum = FiniteDifferences.maximumMagnitude(x)
        weightMaximum = FiniteDifferences.maximumMagnitude(w)
        biasMaximum = FiniteDifferences.maximumMagnitude(b)
        let input = inputMaximum > 0 ? inputMaximum : 1
        let weight = weightMaximum > 0 ? weightMaximum : 1
        let normalizedX = x.map { abs($0) / input }
        let normalizedW = w.map { abs($0) / weight }
        let noBias = Array(repeating: 0.0, count: b.count)
        normalizedTermSum = FiniteDifferences.maximumMagnitude(forward(normalizedX, normalizedW, noBias))
        normalizedWeightSum = FiniteDifferences.maximumMagnitude(forward(Array(repeating: 1, count: x.count), normalizedW, noBias))
        normalizedInputSum = FiniteDifferences.maximumMagnitude(forward(normalizedX, Array(repeating: 1, count: w.count), noBias))
    }

    private var input: Double { inputMaximum > 0 ? inputMaximum : 1 }
    private var weight: Double { weightMaximum > 0 ? weightMaximum : 1 }

    /// Returns the step for one of x, w and b, large enough that the move changes y by about
    /// the largest magnitude of y's terms: `(max Σ|x·w| + max|b|) / c`, where c is the largest
    /// factor that multiplies the moved input in y. Rounding in y grows with those terms, so
    /// a unit step vanishes in it once they reach about 1e16. The step is at least 1.
    func step(moving quantity: Quantity) -> Double {
        let step: Double
        switch quantity {
        case .inputGradient:
            guard weightMaximum > 0 else { return 1 }
            step = normalizedTermSum * input + biasMaximum / weightMaximum
        case .weightGradient:
            guard inputMaximum > 0 else { return 1 }
            step = normalizedTermSum * weight + biasMaximum / inputMaximum
        default:
            step = normalizedTermSum * input * weight + biasMaximum
        }
        // A step beyond the largest double is still the largest step, which
        // centralDifference shrinks if the move overflows.
        guard !step.isNaN else { return 1 }
        return max(1, min(step, .greatestFiniteMagnitude))
    }

    /// Returns max Σ|terms of y| / step, the rounding scale of y relative to a move.
    func termsPerStep(_ step: Double) -> Double {
        capped(normalizedTermSum * (input / step) * weight + biasMaximum / step)
    }

    /// Returns a bound of how much Σ|terms of y| grows per unit move of every entry.
    func coefficientBound(moving quantity: Quantity) -> Double {
        switch quantity {
        case .inputGradient: capped(normalizedWeightSum * weight)
        case .weightGradient: capped(normalizedInputSum * input)
        default: 1
        }
    }

    private func capped(_ value: Double) -> Double {
        value.isNaN ? .greatestFiniteMagnitude : min(value, .greatestFiniteMagnitude)
    }
}

extension ConvolutionAnalysis where Scalar == Double {
    /// Adds the finite-difference checks of dL/dx, dL/dw and dL/db to `comparisons`.
    public mutating func addFiniteDifferenceChecks(tolerance: Double) {
        let written = problem
        let geometry = problem.geometry
        let scales = roundingScales ?? RoundingScales(written)
        let gradients: [FiniteDifferences.Gradient] = [
            FiniteDifferences.Gradient(
                quantity: .inputGradient, values: tensors[.inputGradient]?.scalars ?? [],
                termScales: written.x.scalars.indices.map {
                    RoundingScales.bound(scales.inputGradient, flatIndex: $0, positions: geometry.inputPositions)
                }),
            FiniteDifferences.Gradient(
                quantity: .weightGradient,
                values: mode == .convolution
                    ? spatiallyFlipped(tensors[.weightGradient] ?? .zeros(geometry.kernelShape), kernelPositions: geometry.kernelPositions).scalars
                    : tensors[.weightGradient]?.scalars ?? [],
                termScales: written.w.scalars.indices.map {
                    RoundingScales.bound(scales.weightGradient, flatIndex: $0, positions: geometry.kernelPositions)
                }),
            FiniteDifferences.Gradient(
                quantity: .biasGradient,
                values: (0..<geometry.outputChannels).map { channel in
                    written.upstream.scalars.enumerated().reduce(0) { sum, entry in
                        (entry.offset / geometry.outputPositions) % geometry.outputChannels == channel ? sum + entry.element : sum
                    }
                },
                termScales: scales.biasGradient),
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
        // dL/dx and dL/dw are the convolution's y (without bias) and dL/dw, and dL/db[o] sums
        // dL/dy[·, o], so their rounding scales are those of the convolution.
        let scales = convolution.roundingScales ?? RoundingScales(base)
        let inputPositions = inputShape.dropFirst(2).reduce(1, *)
        let gradients: [FiniteDifferences.Gradient] = [
            FiniteDifferences.Gradient(
                quantity: .inputGradient, values: tensors[.inputGradient]?.scalars ?? [],
                termScales: (0..<inputShape.reduce(1, *)).map {
                    RoundingScales.bound(scales.output, flatIndex: $0, positions: inputPositions)
                }),
            FiniteDifferences.Gradient(
                quantity: .weightGradient, values: tensors[.weightGradient]?.scalars ?? [],
                termScales: base.w.scalars.indices.map {
                    RoundingScales.bound(scales.weightGradient, flatIndex: $0, positions: geometry.kernelPositions)
                }),
            FiniteDifferences.Gradient(
                quantity: .biasGradient,
                values: (0..<channels).map { channel in
                    upstream.enumerated().reduce(0) { sum, entry in
                        (entry.offset / positions) % channels == channel ? sum + entry.element : sum
                    }
                },
                termScales: (0..<channels).map { channel in
                    upstream.enumerated().reduce(0) { sum, entry in
                        (entry.offset / positions) % channels == channel ? sum + abs(entry.element) : sum
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
