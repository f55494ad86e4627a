/// The forward pass by definition: each output entry gathers the products of the kernel with
/// the window of the explicitly padded input that it covers.
///
/// `y[n, co, o] = b[co] + Σ_ci Σ_k w[co, ci, k] · x_pad[n, g·C_in/g + ci, o·stride + k·dilation]`
/// where g is the group of output channel co.
func slidingWindowForward<Scalar>(_ problem: ConvolutionProblem<Scalar>, paddedInput: Tensor<Scalar>) -> Tensor<Scalar> {
    if let integers = problem as? ConvolutionProblem<CheckedInteger>, let padded = paddedInput as? Tensor<CheckedInteger>,
       let y = integerSlidingWindowForward(integers, paddedInput: padded) as? Tensor<Scalar> {
        return y
    }
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let kernelCount = geometry.kernelPositions
    let channelsPerGroup = geometry.inputChannelsPerGroup
    var y = Tensor<Scalar>.zeros(geometry.outputShape)

    y.scalars.withUnsafeMutableBufferPointer { y in
        paddedInput.scalars.withUnsafeBufferPointer { input in
            problem.w.scalars.withUnsafeBufferPointer { w in
                indexing.kernelOffset.withUnsafeBufferPointer { kernelOffset in
                    var flat = 0
                    for n in 0..<geometry.batch {
                        for co in 0..<geometry.outputChannels {
                            let firstChannel = geometry.group(ofOutputChannel: co) * channelsPerGroup
                            let bias = problem.bias?.scalars[co] ?? .zero
                            for origin in indexing.windowOrigin {
                                var sum = bias
                                for ci in 0..<channelsPerGroup {
                                    let window = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions + origin
                                    let kernelBase = (co * channelsPerGroup + ci) * kernelCount
                                    for k in 0..<kernelCount {
                                        let value = input[window + kernelOffset[k]]
                                        let weight = w[kernelBase + k]
                                        if value.isZero || weight.isZero { continue }
                                        sum += weight * value
                                    }
                                }
                                y[flat] = sum
                                flat += 1
                            }
                        }
                    }
                }
            }
        }
    }
    return y
}

/// One product of the forward sum: the input entry and the weight that multiply.
public struct ForwardProduct<Scalar: ConvScalar>: Sendable {
    public var input: Scalar
    public var weight: Scalar
}

/// Lists the products whose sum is the output entry at a flat index of y, in kernel order,
/// padding zeros included: the entry as a reader writes it out before evaluating.
public func forwardProducts<Scalar>(_ problem: ConvolutionProblem<Scalar>, paddedInput: Tensor<Scalar>, outputIndex: Int) -> [ForwardProduct<Scalar>] {
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let position = outputIndex % geometry.outputPositions
    let co = (outputIndex / geometry.outputPositions) % geometry.outputChannels
    let n = outputIndex / (geometry.outputPositions * geometry.outputChannels)
    let channelsPerGroup = geometry.inputChannelsPerGroup
    let firstChannel = geometry.group(ofOutputChannel: co) * channelsPerGroup
    var products: [ForwardProduct<Scalar>] = []

    for ci in 0..<channelsPerGroup {
        let plane = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions
        for k in 0..<geometry.kernelPositions {
            products.append(ForwardProduct(
                input: paddedInput.scalars[plane + indexing.windowOrigin[position] + indexing.kernelOffset[k]],
                weight: problem.w.scalars[(co * channelsPerGroup + ci) * geometry.kernelPositions + k]
            ))
        }
    }
    return products
}
