/// Upper bounds of Σ|terms| for the entries of y, dL/dw, dL/dx and dL/db of a floating-point
/// convolution, one bound per channel.
///
/// Rounding in a floating-point sum grows with the magnitudes of its terms, not with the
/// result. Two routes that add the same products in different orders can differ by a small
/// multiple of Σ|terms| · 2⁻⁵³, even where the terms cancel to a tiny result, so float-mode
/// comparisons measure their relative tolerance against these bounds as well.
struct RoundingScales: Sendable {
    /// Per output channel o: ‖w[o]‖₁ · max |x| over o's group, which bounds y[n, o, ·]
    /// without the bias.
    var output: [Double]
    /// Per input channel c: Σ |w[o, c mod C_in/groups, k]| over o in c's group and every k,
    /// times max |dL/dy| over that group, which bounds dL/dx[n, c, ·].
    var inputGradient: [Double]
    /// Per (o, c mod C_in/groups): ‖dL/dy[·, o]‖₁ · max |x[·, c]|, which bounds dL/dw[o, c, ·].
    var weightGradient: [Double]
    /// Per output channel o: ‖dL/dy[·, o]‖₁, which bounds dL/db[o].
    var biasGradient: [Double]

    init(_ problem: ConvolutionProblem<Double>) {
        let geometry = problem.geometry
        let kernelPositions = geometry.kernelPositions
        let perGroupIn = geometry.inputChannelsPerGroup
        let perGroupOut = geometry.outputChannelsPerGroup

        let inputMaxima = channelMaxima(problem.x.scalars, channels: geometry.inputChannels, positions: geometry.inputPositions)
        let upstreamMaxima = channelMaxima(problem.upstream.scalars, channels: geometry.outputChannels, positions: geometry.outputPositions)
        var upstreamNorms = Array(repeating: 0.0, count: geometry.outputChannels)
        for (flat, value) in problem.upstream.scalars.enumerated() {
            upstreamNorms[(flat / geometry.outputPositions) % geometry.outputChannels] += abs(value)
        }

        // ‖w[o, c_local]‖₁ for each kernel block, in w's (C_out, C_in/groups) order.
        var blockNorms = Array(repeating: 0.0, count: geometry.outputChannels * perGroupIn)
        for (flat, value) in problem.w.scalars.enumerated() {
            blockNorms[flat / kernelPositions] += abs(value)
        }

        output = (0..<geometry.outputChannels).map { o in
            let group = o / perGroupOut
            let inputMaximum = (0..<perGroupIn).map { inputMaxima[group * perGroupIn + $0] }.max() ?? 0
            let kernelNorm = (0..<perGroupIn).reduce(0.0) { $0 + blockNorms[o * perGroupIn + $1] }
            return capped(kernelNorm * inputMaximum)
        }
        inputGradient = (0..<geometry.inputChannels).map { c in
            let group = c / perGroupIn
            let outputs = (group * perGroupOut)..<((group + 1) * perGroupOut)
            let kernelNorm = outputs.reduce(0.0) { $0 + blockNorms[$1 * perGroupIn + c % perGroupIn] }
            let upstreamMaximum = outputs.map { upstreamMaxima[$0] }.max() ?? 0
            return capped(kernelNorm * upstreamMaximum)
        }
        weightGradient = (0..<(geometry.outputChannels * perGroupIn)).map { block in
            let o = block / perGroupIn
            let c = (o / perGroupOut) * perGroupIn + block % perGroupIn
            return capped(upstreamNorms[o] * inputMaxima[c])
        }
        biasGradient = upstreamNorms.map(capped)
    }

    /// Returns the bound for a flat index of a tensor whose entries come in blocks of
    /// `positions`, one block per entry of `perChannel` and repeated for each image. That is
    /// a (N, C, spatial...) tensor, or w with one block per (C_out, C_in/groups) pair.
    static func bound(_ perChannel: [Double], flatIndex: Int, positions: Int) -> Double {
        guard !perChannel.isEmpty, positions > 0 else { return 0 }
        return perChannel[(flatIndex / positions) % perChannel.count]
    }
}

/// Returns the largest magnitude in each channel of a (N, C, positions) tensor.
private func channelMaxima(_ scalars: [Double], channels: Int, positions: Int) -> [Double] {
    var maxima = Array(repeating: 0.0, count: channels)
    for (flat, value) in scalars.enumerated() {
        let channel = (flat / positions) % channels
        maxima[channel] = max(maxima[channel], abs(value))
    }
    return maxima
}

/// Caps a bound at the largest double. A capped bound still allows only a finite difference,
/// so that an infinite or NaN route result never counts as agreeing.
private func capped(_ bound: Double) -> Double {
    bound.isNaN ? .greatestFiniteMagnitude : min(bound, .greatestFiniteMagnitude)
}
