/// im2col and the matrix-product routes built on it.
///
/// `X_col` has one row per (input channel c, kernel offset k), row index `c·K + k`, and one
/// column per (image n, output position o), column index `n·P + o`. Its entries are read
/// from the unpadded input with a bounds check, so this route never uses `x_pad`.
func im2col<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> Tensor<Scalar> {
    let geometry = problem.geometry
    let kernelCount = geometry.kernelPositions
    let positions = geometry.outputPositions
    let columns = geometry.batch * positions
    let sources = windowSources(geometry)
    // Unchecked access: every index below is within bounds by construction of `sources`.
    // The innermost loop runs along a row of X_col, so the writes are contiguous, and every
    // entry is written once: from the input, or zero where the window lies on the padding.
    let zero = Scalar.zero
    let scalars: [Scalar] = uninitializedArray(count: geometry.inputChannels * kernelCount * columns) { matrix in
        problem.x.scalars.withUnsafeBufferPointer { input in
            sources.withUnsafeBufferPointer { sources in
                for c in 0..<geometry.inputChannels {
                    for k in 0..<kernelCount {
                        let offsetSources = k * positions
                        for n in 0..<geometry.batch {
                            let rowStart = (c * kernelCount + k) * columns + n * positions
                            let inputStart = (n * geometry.inputChannels + c) * geometry.inputPositions
                            for o in 0..<positions {
                                let position = sources[offsetSources + o]
                                (matrix + rowStart + o).initialize(to: position >= 0 ? input[inputStart + position] : zero)
                            }
                        }
                    }
                }
            }
        }
    }
    return Tensor(shape: [geometry.inputChannels * kernelCount, columns], scalars: scalars)
}

/// For each kernel offset k and output position o, at index `k·P + o`, the flat input
/// position that k meets in window o, computed from the unpadded input with a bounds
/// check, or −1 where the window lies on the padding.
func windowSources(_ geometry: ConvolutionGeometry) -> [Int] {
    let inputStrides = rowMajorStrides(geometry.inputSize)
    let dimensions = geometry.dimensions
    let positions = geometry.outputPositions
    let kernelCount = geometry.kernelPositions

    // Per axis, at `tableStart[axis] + o·k_size + k`: the flat offset along that axis of the
    // input coordinate that kernel coordinate k meets in the window of output coordinate o,
    // or −1 where that coordinate lies outside the input.
    var tableStart: [Int] = []
    var tables: [Int] = []
    for axis in 0..<dimensions {
        tableStart.append(tables.count)
        let kernelSize = geometry.kernelSize[axis]
        for o in 0..<geometry.outputSize[axis] {
            for k in 0..<kernelSize {
                let coordinate = o * geometry.stride[axis] + k * geometry.dilation[axis] - geometry.padding[axis].begin
                tables.append(coordinate >= 0 && coordinate < geometry.inputSize[axis] ? coordinate * inputStrides[axis] : -1)
            }
        }
    }

    var kernel = Array(repeating: 0, count: dimensions)
    return uninitializedArray(count: positions * kernelCount) { sources in
        tables.withUnsafeBufferPointer { tables in
            for k in 0..<kernelCount {
                // The row of kernel offset k, built axis by axis as in `scaledOffsets`: each
                // position so far becomes a run along the next axis, −1 where any axis is outside.
                // Every entry of the row is written, first as the start of a run.
                let row = sources + k * positions
                row.initialize(to: 0)
                var length = 1
                for axis in 0..<dimensions {
                    let extent = geometry.outputSize[axis]
                    let kernelSize = geometry.kernelSize[axis]
                    let column = tables.baseAddress! + tableStart[axis] + kernel[axis]
                    var entry = length - 1
                    while entry >= 0 {
                        let base = row[entry]
                        var o = extent - 1
                        while o >= 0 {
                            let offset = column[o * kernelSize]
                            row[entry * extent + o] = base < 0 || offset < 0 ? -1 : base + offset
                            o -= 1
                        }
                        entry -= 1
                    }
                    length *= extent
                }
                advance(&kernel, in: geometry.kernelSize)
            }
        }
    }
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
        let block = matrixProductTransposingRight(rows(outputs, of: upstreamRows),
                                                  rows((g * rowsPerGroup)..<((g + 1) * rowsPerGroup), of: columns))
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
    let sources = windowSources(geometry)
    var gradient = Tensor<Scalar>.zeros(geometry.inputShape)

    for g in 0..<geometry.groups {
        let outputs = (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup)
        let columnGradient = matrixProduct(transposed(rows(outputs, of: kernelRows)), rows(outputs, of: upstreamRows))
        let width = columnGradient.shape[1]
        let inputChannels = geometry.inputChannels
        let inputPositions = geometry.inputPositions
        let perGroup = geometry.inputChannelsPerGroup
        columnGradient.scalars.withUnsafeBufferPointer { values in
            gradient.scalars.withUnsafeMutableBufferPointer { output in
                for row in 0..<rowsPerGroup {
                    let c = g * perGroup + row / kernelCount
                    let k = row % kernelCount
                    for n in 0..<geometry.batch {
                        let target = (n * inputChannels + c) * inputPositions
                        let source = row * width + n * positions
                        for o in 0..<positions {
                            let position = sources[k * positions + o]
                            if position >= 0 { output[target + position] += values[source + o] }
                        }
                    }
                }
            }
        }
    }
    return gradient
}
