/// The gradients of w and b written as the sums of their definitions.

/// `dL/dw[co, ci, k] = Σ_n Σ_o dL/dy[n, co, o] · x_pad[n, c, o·stride + k·dilation]`, where
/// c is input channel ci of co's group.
func directWeightGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>, paddedInput: Tensor<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let perGroupIn = geometry.inputChannelsPerGroup
    var gradient = Tensor<Scalar>.zeros(geometry.kernelShape)
    var flat = 0

    for co in 0..<geometry.outputChannels {
        let firstChannel = geometry.group(ofOutputChannel: co) * perGroupIn
        for ci in 0..<perGroupIn {
            for offset in indexing.kernelOffset {
                var sum = Scalar.zero
                var terms: [Scalar] = []
                for n in 0..<geometry.batch {
                    let plane = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions
                    let upstreamBase = (n * geometry.outputChannels + co) * geometry.outputPositions
                    for (o, origin) in indexing.windowOrigin.enumerated() {
                        let upstream = problem.upstream.scalars[upstreamBase + o]
                        let input = paddedInput.scalars[plane + origin + offset]
                        if upstream.isZero || input.isZero { continue }
                        if Scalar.prefersBatchedSums {
                            terms.append(upstream * input)
                        } else {
                            sum += upstream * input
                        }
                    }
                }
                gradient.scalars[flat] = Scalar.prefersBatchedSums ? Scalar.sum(terms) : sum
                flat += 1
            }
        }
    }
    return gradient
}

/// `dL/db[co] = Σ_n Σ_o dL/dy[n, co, o]`.
func summedBiasGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    var gradient = Tensor<Scalar>.zeros([geometry.outputChannels])
    for (flat, value) in problem.upstream.scalars.enumerated() {
        gradient.scalars[(flat / geometry.outputPositions) % geometry.outputChannels] += value
    }
    return gradient
}

/// `dL/db = dY_row · 1`: the row sums of the upstream gradient matrix.
func rowSumBiasGradient<Scalar>(_ upstreamRows: Tensor<Scalar>) -> Tensor<Scalar> {
    let ones = Tensor<Scalar>(shape: [upstreamRows.shape[1], 1], repeating: .one)
    return matrixProduct(upstreamRows, ones).reshaped([upstreamRows.shape[0]])
}
