/// The input gradient as a convolution: the upstream gradient, dilated by the stride and
/// padded for a full correlation, correlated with the flipped kernel.

/// `w_flip`: w rotated 180° in every spatial axis with input and output channels swapped
/// within each group, laid out (C_in, C_out/groups, kernel...). It is the kernel of the
/// backward convolution.
func flippedKernel<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let kernelCount = geometry.kernelPositions
    let perGroupIn = geometry.inputChannelsPerGroup
    let perGroupOut = geometry.outputChannelsPerGroup
    var flipped = Tensor<Scalar>.zeros([geometry.inputChannels, perGroupOut] + geometry.kernelSize)

    for c in 0..<geometry.inputChannels {
        let g = geometry.group(ofInputChannel: c)
        for local in 0..<perGroupOut {
            let co = g * perGroupOut + local
            for k in 0..<kernelCount {
                // In row-major order, rotating every axis by 180° reverses the flat index.
                let source = (co * perGroupIn + c % perGroupIn) * kernelCount + (kernelCount - 1 - k)
                flipped.scalars[(c * perGroupOut + local) * kernelCount + k] = problem.w.scalars[source]
            }
        }
    }
    return flipped
}

/// `dL/dy_dilated`: dL/dy with stride − 1 zeros between neighbouring entries.
func dilatedUpstream<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    dilate(problem.upstream, leadingAxes: 2, factor: problem.geometry.stride)
}

/// The pads that turn `dL/dy_dilated` into `dL/dy_pad`: `dilation·(k − 1) − pad_begin`
/// before and `dilation·(k − 1) − pad_end + remainder` after, where the remainder counts the
/// input rows the stride stepped over. A negative pad crops.
public func backwardPads(_ geometry: ConvolutionGeometry) -> [PadPair] {
    geometry.inputSize.indices.map { axis in
        let extent = geometry.dilation[axis] * (geometry.kernelSize[axis] - 1)
        return PadPair(begin: extent - geometry.padding[axis].begin,
                       end: extent - geometry.padding[axis].end + geometry.strideRemainder[axis])
    }
}

/// `dL/dy_pad`.
func paddedUpstream<Scalar>(_ dilated: Tensor<Scalar>, geometry: ConvolutionGeometry) -> Tensor<Scalar> {
    padOrCrop(dilated, leadingAxes: 2, pads: backwardPads(geometry))
}

/// The input gradient by correlating `dL/dy_pad` with `w_flip`, dilated like w:
/// `dL/dx[n, c, q] = Σ_j Σ_k w_flip[c, j, k] · dL/dy_pad[n, g·C_out/g + j, q + k·dilation]`.
func flippedKernelInputGradient<Scalar>(_ geometry: ConvolutionGeometry, paddedUpstream: Tensor<Scalar>, flippedKernel: Tensor<Scalar>) -> Tensor<Scalar> {
    let paddedSize = Array(paddedUpstream.shape[2...])
    let paddedStrides = rowMajorStrides(paddedSize)
    let paddedPlane = paddedSize.reduce(1, *)
    let kernelCount = geometry.kernelPositions
    let perGroupOut = geometry.outputChannelsPerGroup
    let kernelOffsets = scaledOffsets(geometry.kernelSize, scales: geometry.dilation.indices.map {
        geometry.dilation[$0] * paddedStrides[$0]
    })
    let inputOrigins = scaledOffsets(geometry.inputSize, scales: paddedStrides)
    if let upstream = paddedUpstream as? Tensor<CheckedInteger>, let kernel = flippedKernel as? Tensor<CheckedInteger>,
       let gradient = integerFlippedKernelInputGradient(
           geometry, paddedUpstream: upstream, flippedKernel: kernel, kernelOffsets: kernelOffsets,
           inputOrigins: inputOrigins, paddedPlane: paddedPlane) as? Tensor<Scalar> {
        return gradient
    }
    var gradient = Tensor<Scalar>.zeros(geometry.inputShape)

    gradient.scalars.withUnsafeMutableBufferPointer { gradient in
        paddedUpstream.scalars.withUnsafeBufferPointer { upstream in
            flippedKernel.scalars.withUnsafeBufferPointer { kernel in
                kernelOffsets.withUnsafeBufferPointer { kernelOffsets in
                    var flat = 0
                    for n in 0..<geometry.batch {
                        for c in 0..<geometry.inputChannels {
                            let firstOutput = geometry.group(ofInputChannel: c) * perGroupOut
                            for origin in inputOrigins {
                                var sum = Scalar.zero
                                for j in 0..<perGroupOut {
                                    let window = (n * geometry.outputChannels + firstOutput + j) * paddedPlane + origin
                                    let kernelBase = (c * perGroupOut + j) * kernelCount
                                    for k in 0..<kernelCount {
                                        let value = upstream[window + kernelOffsets[k]]
                                        let weight = kernel[kernelBase + k]
                                        if value.isZero || weight.isZero { continue }
                                        sum += weight * value
                                    }
                                }
                                gradient[flat] = sum
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

/// Returns a (C_out, C_in/groups, kernel...) tensor with every kernel rotated 180° in all
/// spatial axes and the channels left in place: the kernel that `mode = convolution`
/// correlates with.
func spatiallyFlipped<Scalar>(_ kernel: Tensor<Scalar>, kernelPositions: Int) -> Tensor<Scalar> {
    var flipped = kernel
    for block in stride(from: 0, to: kernel.count, by: max(kernelPositions, 1)) {
        for k in 0..<kernelPositions {
            flipped.scalars[block + k] = kernel.scalars[block + kernelPositions - 1 - k]
        }
    }
    return flipped
}
