/// The gradients of w and b written as the sums of their definitions.

/// `dL/dw[co, ci, k] = Σ_n Σ_o dL/dy[n, co, o] · x_pad[n, c, o·stride + k·dilation]`, where
/// c is input channel ci of co's group.
func directWeightGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>, paddedInput: Tensor<Scalar>) -> Tensor<Scalar> {
    if let integers = problem as? ConvolutionProblem<CheckedInteger>, let padded = paddedInput as? Tensor<CheckedInteger>,
       let gradient = integerDirectWeightGradient(integers, paddedInput: padded) as? Tensor<Scalar> {
        return gradient
    }
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let perGroupIn = geometry.inputChannelsPerGroup
    let outputPositions = geometry.outputPositions
    var gradient = Tensor<Scalar>.zeros(geometry.kernelShape)
    // Polynomial terms are collected and added at once; the array is reused for every entry.
    var terms: [Scalar] = []

    gradient.scalars.withUnsafeMutableBufferPointer { gradient in
        paddedInput.scalars.withUnsafeBufferPointer { input in
            problem.upstream.scalars.withUnsafeBufferPointer { upstreamGradient in
                indexing.windowOrigin.withUnsafeBufferPointer { windowOrigin in
                    var flat = 0
                    for co in 0..<geometry.outputChannels {
                        let firstChannel = geometry.group(ofOutputChannel: co) * perGroupIn
                        for ci in 0..<perGroupIn {
                            for offset in indexing.kernelOffset {
                                var sum = Scalar.zero
                                terms.removeAll(keepingCapacity: true)
                                for n in 0..<geometry.batch {
                                    let plane = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions + offset
                                    let upstreamBase = (n * geometry.outputChannels + co) * outputPositions
                                    for o in 0..<outputPositions {
                                        let upstream = upstreamGradient[upstreamBase + o]
                                        let value = input[plane + windowOrigin[o]]
                                        if upstream.isZero || value.isZero { continue }
                                        if Scalar.prefersBatchedSums {
                                            terms.append(upstream * value)
                                        } else {
                                            sum += upstream * value
                                        }
                                    }
                                }
                                gradient[flat] = Scalar.prefersBatchedSums ? Scalar.sum(terms) : sum
                                flat += 1
                            }
                        }
                    }
                }
            }
        }
    }
    return gradient
}

/// `dL/db[co] = Σ_n Σ_o dL/dy[n, co, o]`.
func summedBiasGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    var gradient = Tensor<Scalar>.zeros([geometry.outputChannels])
    gradient.scalars.withUnsafeMutableBufferPointer { gradient in
        problem.upstream.scalars.withUnsafeBufferPointer { upstream in
            for flat in upstream.indices {
                gradient[(flat / geometry.outputPositions) % geometry.outputChannels] += upstream[flat]
            }
        }
    }
    return gradient
}

/// `dL/db = dY_row · 1`: the row sums of the upstream gradient matrix.
func rowSumBiasGradient<Scalar>(_ upstreamRows: Tensor<Scalar>) -> Tensor<Scalar> {
    let ones = Tensor<Scalar>(shape: [upstreamRows.shape[1], 1], repeating: .one)
    return matrixProduct(upstreamRows, ones).reshaped([upstreamRows.shape[0]])
}
