/// Routes for `CheckedInteger` problems in plain 64-bit integer arithmetic.
///
/// Each function computes the same sums as its generic route, in the same order, so where no
/// step overflows each entry is the value the rational route gives. Products with a zero
/// factor, which the generic routes skip, add zero and cannot overflow. Each returns nil when
/// an operand is invalid or any step overflows, and the generic route then runs instead.

/// Adds `left · right` to `sum`, and sets `overflowed` when the product or the sum overflows.
/// `sum` keeps the wrapped value then, which the caller discards.
@inline(__always)
func addProduct(_ left: Int, _ right: Int, to sum: inout Int, overflowed: inout Bool) {
    let (term, productOverflowed) = left.multipliedReportingOverflow(by: right)
    let (next, sumOverflowed) = sum.addingReportingOverflow(term)
    overflowed = overflowed || productOverflowed || sumOverflowed
    sum = next
}

/// Computes `slidingWindowForward` in plain integers.
func integerSlidingWindowForward(_ problem: ConvolutionProblem<CheckedInteger>, paddedInput: Tensor<CheckedInteger>) -> Tensor<CheckedInteger>? {
    guard !paddedInput.scalars.containsInvalid, !problem.w.scalars.containsInvalid,
          problem.bias?.scalars.containsInvalid != true else { return nil }
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let kernelCount = geometry.kernelPositions
    let channelsPerGroup = geometry.inputChannelsPerGroup
    var y = [CheckedInteger](repeating: .zero, count: geometry.outputShape.reduce(1, *))
    var overflowed = false

    y.withMutableIntegers { y in
        paddedInput.scalars.withIntegers { input in
            problem.w.scalars.withIntegers { w in
                indexing.kernelOffset.withUnsafeBufferPointer { kernelOffset in
                    var flat = 0
                    for n in 0..<geometry.batch {
                        for co in 0..<geometry.outputChannels {
                            let firstChannel = geometry.group(ofOutputChannel: co) * channelsPerGroup
                            let bias = problem.bias?.scalars[co].value ?? 0
                            for origin in indexing.windowOrigin {
                                var sum = bias
                                for ci in 0..<channelsPerGroup {
                                    let window = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions + origin
                                    let kernelBase = (co * channelsPerGroup + ci) * kernelCount
                                    for k in 0..<kernelCount {
                                        addProduct(w[kernelBase + k], input[window + kernelOffset[k]], to: &sum, overflowed: &overflowed)
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
    return overflowed ? nil : Tensor(shape: geometry.outputShape, scalars: y)
}

/// Computes `flippedKernelInputGradient` in plain integers.
func integerFlippedKernelInputGradient(
    _ geometry: ConvolutionGeometry, paddedUpstream: Tensor<CheckedInteger>, flippedKernel: Tensor<CheckedInteger>,
    kernelOffsets: [Int], inputOrigins: [Int], paddedPlane: Int
) -> Tensor<CheckedInteger>? {
    guard !paddedUpstream.scalars.containsInvalid, !flippedKernel.scalars.containsInvalid else { return nil }
    let kernelCount = geometry.kernelPositions
    let perGroupOut = geometry.outputChannelsPerGroup
    var gradient = [CheckedInteger](repeating: .zero, count: geometry.inputShape.reduce(1, *))
    var overflowed = false

    gradient.withMutableIntegers { gradient in
        paddedUpstream.scalars.withIntegers { upstream in
            flippedKernel.scalars.withIntegers { kernel in
                kernelOffsets.withUnsafeBufferPointer { kernelOffsets in
                    var flat = 0
                    for n in 0..<geometry.batch {
                        for c in 0..<geometry.inputChannels {
                            let firstOutput = geometry.group(ofInputChannel: c) * perGroupOut
                            for origin in inputOrigins {
                                var sum = 0
                                for j in 0..<perGroupOut {
                                    let window = (n * geometry.outputChannels + firstOutput + j) * paddedPlane + origin
                                    let kernelBase = (c * perGroupOut + j) * kernelCount
                                    for k in 0..<kernelCount {
                                        addProduct(kernel[kernelBase + k], upstream[window + kernelOffsets[k]], to: &sum, overflowed: &overflowed)
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
    return overflowed ? nil : Tensor(shape: geometry.inputShape, scalars: gradient)
}

/// Computes `directWeightGradient` in plain integers.
func integerDirectWeightGradient(_ problem: ConvolutionProblem<CheckedInteger>, paddedInput: Tensor<CheckedInteger>) -> Tensor<CheckedInteger>? {
    guard !paddedInput.scalars.containsInvalid, !problem.upstream.scalars.containsInvalid else { return nil }
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let perGroupIn = geometry.inputChannelsPerGroup
    let outputPositions = geometry.outputPositions
    var gradient = [CheckedInteger](repeating: .zero, count: geometry.kernelShape.reduce(1, *))
    var overflowed = false

    gradient.withMutableIntegers { gradient in
        paddedInput.scalars.withIntegers { input in
            problem.upstream.scalars.withIntegers { upstreamGradient in
                indexing.windowOrigin.withUnsafeBufferPointer { windowOrigin in
                    var flat = 0
                    for co in 0..<geometry.outputChannels {
                        let firstChannel = geometry.group(ofOutputChannel: co) * perGroupIn
                        for ci in 0..<perGroupIn {
                            for offset in indexing.kernelOffset {
                                var sum = 0
                                for n in 0..<geometry.batch {
                                    let plane = (n * geometry.inputChannels + firstChannel + ci) * indexing.paddedPositions + offset
                                    let upstreamBase = (n * geometry.outputChannels + co) * outputPositions
                                    for o in 0..<outputPositions {
                                        addProduct(upstreamGradient[upstreamBase + o], input[plane + windowOrigin[o]], to: &sum, overflowed: &overflowed)
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
    return overflowed ? nil : Tensor(shape: geometry.kernelShape, scalars: gradient)
}

extension SparseMatrix where Scalar == CheckedInteger {
    /// Computes `multiplied(by:)` in plain integers.
    func integerMultiplied(by vector: [CheckedInteger]) -> [CheckedInteger]? {
        guard !values.containsInvalid, !vector.containsInvalid else { return nil }
        var result = [CheckedInteger](repeating: .zero, count: rowCount)
        var overflowed = false
        result.withMutableIntegers { result in
            vector.withIntegers { vector in
                values.withIntegers { values in
                    rowStart.withUnsafeBufferPointer { rowStart in
                        columns.withUnsafeBufferPointer { columns in
                            for row in 0..<rowCount {
                                var sum = 0
                                for slot in rowStart[row]..<rowStart[row + 1] {
                                    addProduct(values[slot], vector[columns[slot]], to: &sum, overflowed: &overflowed)
                                }
                                result[row] = sum
                            }
                        }
                    }
                }
            }
        }
        return overflowed ? nil : result
    }

    /// Computes `transposeMultiplied(by:)` in plain integers.
    func integerTransposeMultiplied(by vector: [CheckedInteger]) -> [CheckedInteger]? {
        guard !values.containsInvalid, !vector.containsInvalid else { return nil }
        var result = [CheckedInteger](repeating: .zero, count: columnCount)
        var overflowed = false
        result.withMutableIntegers { result in
            vector.withIntegers { vector in
                values.withIntegers { values in
                    rowStart.withUnsafeBufferPointer { rowStart in
                        columns.withUnsafeBufferPointer { columns in
                            for row in 0..<rowCount {
                                let factor = vector[row]
                                if factor == 0 { continue }
                                for slot in rowStart[row]..<rowStart[row + 1] {
                                    addProduct(values[slot], factor, to: &result[columns[slot]], overflowed: &overflowed)
                                }
                            }
                        }
                    }
                }
            }
        }
        return overflowed ? nil : result
    }
}
