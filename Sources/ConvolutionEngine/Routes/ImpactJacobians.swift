/// The Jacobians ∂y/∂x and ∂y/∂w, built from the input side: for each input entry, the
/// outputs it reaches (its scope of impact) and the weight that carries it there.
///
/// Input position q meets kernel offset k in the window of output o exactly when
/// `o·stride + k·dilation = q + pad_begin` on every axis. For each (q, k) this solves for o
/// and keeps it when the division is exact and o lies in the output. Rows of both matrices
/// are y's entries in row-major (N, C_out, output...) order. Columns are x's entries for
/// J_x and w's entries for J_w, also row-major.
func impactJacobians<Scalar>(_ problem: ConvolutionProblem<Scalar>) -> (input: SparseMatrix<Scalar>, weight: SparseMatrix<Scalar>) {
    let geometry = problem.geometry
    let reached = ReachedOutputs(geometry)

    // Both matrices hold one entry per term, in the row of its output, so they share their
    // row layout. Output (n, co, o) has one term for each input channel of co's group and
    // each pair of the table with output position o.
    let outputPositions = geometry.outputPositions
    var pairsPerOutput = Array(repeating: 0, count: outputPositions)
    for o in reached.output { pairsPerOutput[o] += 1 }
    let rows = geometry.outputShape.reduce(1, *)
    var rowStart = Array(repeating: 0, count: rows + 1)
    for row in 0..<rows {
        rowStart[row + 1] = rowStart[row] + geometry.inputChannelsPerGroup * pairsPerOutput[row % outputPositions]
    }

    let count = rowStart[rows]
    let perGroupIn = geometry.inputChannelsPerGroup
    let perGroupOut = geometry.outputChannelsPerGroup
    let kernelCount = geometry.kernelPositions
    let inputPositions = geometry.inputPositions
    // The terms as `forEachImpact` enumerates them, each written to the next free slot of its
    // output's row. The rows' lengths count exactly those terms, so every slot is written once.
    var nextSlot = rowStart
    var inputValues: [Scalar] = []
    var weightColumns: [Int] = []
    var weightValues: [Scalar] = []
    let inputColumns: [Int] = uninitializedArray(count: count) { inputColumns in
        inputValues = uninitializedArray(count: count) { inputValues in
            weightColumns = uninitializedArray(count: count) { weightColumns in
                weightValues = uninitializedArray(count: count) { weightValues in
                    nextSlot.withUnsafeMutableBufferPointer { nextSlot in
                        problem.x.scalars.withUnsafeBufferPointer { x in
                            problem.w.scalars.withUnsafeBufferPointer { w in
                                reached.start.withUnsafeBufferPointer { pairStart in
                                    reached.kernel.withUnsafeBufferPointer { pairKernel in
                                        reached.output.withUnsafeBufferPointer { pairOutput in
                                            var input = 0
                                            for n in 0..<geometry.batch {
                                                for c in 0..<geometry.inputChannels {
                                                    let g = geometry.group(ofInputChannel: c)
                                                    let ci = c % perGroupIn
                                                    for q in 0..<inputPositions {
                                                        let pairs = pairStart[q]..<pairStart[q + 1]
                                                        let value = x[input]
                                                        for co in (g * perGroupOut)..<((g + 1) * perGroupOut) {
                                                            let outputBase = (n * geometry.outputChannels + co) * outputPositions
                                                            let weightBase = (co * perGroupIn + ci) * kernelCount
                                                            for pair in pairs {
                                                                let output = outputBase + pairOutput[pair]
                                                                let weight = weightBase + pairKernel[pair]
                                                                let slot = nextSlot[output]
                                                                nextSlot[output] = slot + 1
                                                                (inputColumns + slot).initialize(to: input)
                                                                (inputValues + slot).initialize(to: w[weight])
                                                                (weightColumns + slot).initialize(to: weight)
                                                                (weightValues + slot).initialize(to: value)
                                                            }
                                                        }
                                                        input += 1
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    return (
        SparseMatrix(rowCount: rows, columnCount: problem.x.count, rowStart: rowStart, columns: inputColumns, values: inputValues),
        SparseMatrix(rowCount: rows, columnCount: problem.w.count, rowStart: rowStart, columns: weightColumns, values: weightValues)
    )
}

/// One term of the convolution: input entry `input` reaches output entry `output` through
/// kernel entry `weight`, all flat indices in the full layouts.
struct Impact {
    var output: Int
    var input: Int
    var weight: Int
}

/// Calls `visit` for every term of the convolution, enumerated from the input side: input
/// entries in row-major order, and for each one its terms in increasing weight index. So a
/// row of J_x, J_w or the transposed ∂y/∂w receives its columns in increasing order.
// Inlined so that each caller's `visit` compiles into the loops instead of a call per term.
@inline(__always)
func forEachImpact(_ geometry: ConvolutionGeometry, _ visit: (Impact) -> Void) {
    forEachImpact(geometry, ReachedOutputs(geometry), visit)
}

/// Calls `visit` for every term as above, with the input positions' solutions already found.
@inline(__always)
func forEachImpact(_ geometry: ConvolutionGeometry, _ reached: ReachedOutputs, _ visit: (Impact) -> Void) {
    let perGroupIn = geometry.inputChannelsPerGroup
    let perGroupOut = geometry.outputChannelsPerGroup
    let kernelCount = geometry.kernelPositions
    let outputPositions = geometry.outputPositions
    let inputPositions = geometry.inputPositions
    var input = 0

    for n in 0..<geometry.batch {
        for c in 0..<geometry.inputChannels {
            let g = geometry.group(ofInputChannel: c)
            let ci = c % perGroupIn
            for q in 0..<inputPositions {
                let pairs = reached.start[q]..<reached.start[q + 1]
                for co in (g * perGroupOut)..<((g + 1) * perGroupOut) {
                    let outputBase = (n * geometry.outputChannels + co) * outputPositions
                    let weightBase = (co * perGroupIn + ci) * kernelCount
                    for pair in pairs {
                        visit(Impact(output: outputBase + reached.output[pair], input: input,
                                     weight: weightBase + reached.kernel[pair]))
                    }
                }
                input += 1
            }
        }
    }
}

/// Returns the terms of the convolution that involve one input entry, a flat index of x in
/// the full layout: a column of J_x, found without building it.
func impacts(ofInput index: Int, _ geometry: ConvolutionGeometry) -> [Impact] {
    let q = index % geometry.inputPositions
    let c = (index / geometry.inputPositions) % geometry.inputChannels
    let n = index / (geometry.inputPositions * geometry.inputChannels)
    let inputCoordinate = coordinates(ofFlatIndex: q, in: geometry.inputSize)
    let outputStrides = rowMajorStrides(geometry.outputSize)
    let g = geometry.group(ofInputChannel: c)
    let ci = c % geometry.inputChannelsPerGroup
    var found: [Impact] = []
    var kernel = Array(repeating: 0, count: geometry.dimensions)
    for k in 0..<geometry.kernelPositions {
        defer { advance(&kernel, in: geometry.kernelSize) }
        guard let o = reachedOutput(inputCoordinate, kernel, geometry, outputStrides) else { continue }
        for co in (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup) {
            found.append(Impact(output: (n * geometry.outputChannels + co) * geometry.outputPositions + o,
                                input: index,
                                weight: (co * geometry.inputChannelsPerGroup + ci) * geometry.kernelPositions + k))
        }
    }
    return found
}

/// Returns the flat output position whose window places kernel offset `kernel` on input
/// position `input`, or nil when no window does.
private func reachedOutput(_ input: [Int], _ kernel: [Int], _ geometry: ConvolutionGeometry, _ outputStrides: [Int]) -> Int? {
    var flat = 0
    for axis in input.indices {
        let shifted = input[axis] + geometry.padding[axis].begin - kernel[axis] * geometry.dilation[axis]
        guard shifted >= 0, shifted % geometry.stride[axis] == 0 else { return nil }
        let output = shifted / geometry.stride[axis]
        guard output < geometry.outputSize[axis] else { return nil }
        flat += output * outputStrides[axis]
    }
    return flat
}
