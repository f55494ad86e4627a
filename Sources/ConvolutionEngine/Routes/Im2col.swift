/// im2col and the matrix-product routes built on it.
///
/// `X_col` has one row per (input channel c, kernel offset k), row index `c·K + k`, and one
/// column per (image n, output position o), column index `n·P + o`. Its entries are read
/// from the unpadded input with a bounds check, so this route never uses `x_pad`.
func im2col<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let indexing = WindowIndexing(geometry)
    let kernelCount = geometry.kernelPositions
    let positions = geometry.outputPositions
    let columns = geometry.batch * positions
    let inputStrides = rowMajorStrides(geometry.inputSize)
    var matrix = Tensor<Scalar>.zeros([geometry.inputChannels * kernelCount, columns])

    for (o, output) in indexing.outputCoordinates.enumerated() {
        for (k, kernel) in indexing.kernelCoordinates.enumerated() {
            // The input position that kernel offset k meets in window o, or nil in the padding.
            var position: Int? = 0
            for axis in output.indices {
                let coordinate = output[axis] * geometry.stride[axis] + kernel[axis] * geometry.dilation[axis]
                    - geometry.padding[axis].begin
                guard coordinate >= 0, coordinate < geometry.inputSize[axis], let partial = position else {
                    position = nil
                    break
                }
                position = partial + coordinate * inputStrides[axis]
            }
            guard let position else { continue }
            for n in 0..<geometry.batch {
                for c in 0..<geometry.inputChannels {
                    let value = problem.x.scalars[(n * geometry.inputChannels + c) * geometry.inputPositions + position]
                    matrix.scalars[(c * kernelCount + k) * columns + n * positions + o] = value
                }
            }
        }
    }
    return matrix
}

/// `W_row`: w reshaped to C_out × (C_in/groups · K).
func kernelRows<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    return problem.w.reshaped([geometry.outputChannels, geometry.inputChannelsPerGroup * geometry.kernelPositions])
}

/// `dY_row`: dL/dy as C_out × (N·P), images side by side along the columns.
func upstreamRows<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let positions = geometry.outputPositions
    var matrix = Tensor<Scalar>.zeros([geometry.outputChannels, geometry.batch * positions])
    for n in 0..<geometry.batch {
        for co in 0..<geometry.outputChannels {
            for o in 0..<positions {
                matrix.scalars[co * geometry.batch * positions + n * positions + o] =
                    problem.upstream.scalars[(n * geometry.outputChannels + co) * positions + o]
            }
        }
    }
    return matrix
}

/// Converts a C_out × (N·P) matrix back to (N, C_out, output...).
func unrowOutput<Scalar>(_ matrix: Tensor<Scalar>, geometry: ConvolutionGeometry) -> Tensor<Scalar> {
    let positions = geometry.outputPositions
    var y = Tensor<Scalar>.zeros(geometry.outputShape)
    for n in 0..<geometry.batch {
        for co in 0..<geometry.outputChannels {
            for o in 0..<positions {
                y.scalars[(n * geometry.outputChannels + co) * positions + o] =
                    matrix.scalars[co * geometry.batch * positions + n * positions + o]
            }
        }
    }
    return y
}

/// The forward pass as `y = W_row · X_col + b`, one block of rows per group.
func matrixProductForward<Scalar>(_ problem: ConvolutionProblem<Scalar>, columns: Tensor<Scalar>, kernelRows: Tensor<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let rowsPerGroup = geometry.inputChannelsPerGroup * geometry.kernelPositions
    var product = Tensor<Scalar>.zeros([geometry.outputChannels, columns.shape[1]])
    for g in 0..<geometry.groups {
        let outputs = (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup)
        let block = matrixProduct(rows(outputs, of: kernelRows),
                                  rows((g * rowsPerGroup)..<((g + 1) * rowsPerGroup), of: columns))
        let width = columns.shape[1]
        product.scalars.replaceSubrange((outputs.lowerBound * width)..<(outputs.upperBound * width), with: block.scalars)
    }
    if let bias = problem.bias {
        let width = columns.shape[1]
        for co in 0..<geometry.outputChannels {
            for column in 0..<width {
                product.scalars[co * width + column] += bias.scalars[co]
            }
        }
    }
    return unrowOutput(product, geometry: geometry)
}

/// The weight gradient as `dL/dw = dY_row · X_col^T`, one block per group, reshaped like w.
func matrixProductWeightGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>, columns: Tensor<Scalar>, upstreamRows: Tensor<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let rowsPerGroup = geometry.inputChannelsPerGroup * geometry.kernelPositions
    var gradient: [Scalar] = []
    gradient.reserveCapacity(geometry.outputChannels * rowsPerGroup)
    for g in 0..<geometry.groups {
        let outputs = (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup)
        let block = matrixProduct(rows(outputs, of: upstreamRows),
                                  transposed(rows((g * rowsPerGroup)..<((g + 1) * rowsPerGroup), of: columns)))
        gradient += block.scalars
    }
    return Tensor(shape: geometry.kernelShape, scalars: gradient)
}

/// The input gradient by col2im: `dX_col = W_row^T · dY_row` per group, then every column
/// entry is added back to the input position it was copied from. Entries that fall in the
/// padding are dropped. Windows overlap, so the scatter adds and never assigns.
func col2imInputGradient<Scalar>(_ problem: ConvolutionProblem<Scalar>, kernelRows: Tensor<Scalar>, upstreamRows: Tensor<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let kernelCount = geometry.kernelPositions
    let positions = geometry.outputPositions
    let rowsPerGroup = geometry.inputChannelsPerGroup * kernelCount
    let inputStrides = rowMajorStrides(geometry.inputSize)
    let outputCoordinates = allCoordinates(geometry.outputSize)
    let kernelCoordinates = allCoordinates(geometry.kernelSize)
    var gradient = Tensor<Scalar>.zeros(geometry.inputShape)

    for g in 0..<geometry.groups {
        let outputs = (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup)
        let columnGradient = matrixProduct(transposed(rows(outputs, of: kernelRows)), rows(outputs, of: upstreamRows))
        let width = columnGradient.shape[1]
        for row in 0..<rowsPerGroup {
            let c = g * geometry.inputChannelsPerGroup + row / kernelCount
            let kernel = kernelCoordinates[row % kernelCount]
            for column in 0..<width {
                let value = columnGradient.scalars[row * width + column]
                if value.isZero { continue }
                let n = column / positions
                let output = outputCoordinates[column % positions]
                var position = 0
                var inside = true
                for axis in output.indices {
                    let coordinate = output[axis] * geometry.stride[axis] + kernel[axis] * geometry.dilation[axis]
                        - geometry.padding[axis].begin
                    if coordinate < 0 || coordinate >= geometry.inputSize[axis] {
                        inside = false
                        break
                    }
                    position += coordinate * inputStrides[axis]
                }
                if inside {
                    gradient.scalars[(n * geometry.inputChannels + c) * geometry.inputPositions + position] += value
                }
            }
        }
    }
    return gradient
}
