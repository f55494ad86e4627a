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
    let kernelCoordinates = allCoordinates(geometry.kernelSize)
    let outputStrides = rowMajorStrides(geometry.outputSize)
    let kernelCount = geometry.kernelPositions
    let outputPositions = geometry.outputPositions
    var inputTriples: [(row: Int, column: Int, value: Scalar)] = []
    var weightTriples: [(row: Int, column: Int, value: Scalar)] = []

    for q in 0..<geometry.inputPositions {
        let inputCoordinate = coordinates(ofFlatIndex: q, in: geometry.inputSize)
        for (k, kernel) in kernelCoordinates.enumerated() {
            guard let o = reachedOutput(inputCoordinate, kernel, geometry, outputStrides) else { continue }
            for n in 0..<geometry.batch {
                for c in 0..<geometry.inputChannels {
                    let g = geometry.group(ofInputChannel: c)
                    let ci = c % geometry.inputChannelsPerGroup
                    let column = (n * geometry.inputChannels + c) * geometry.inputPositions + q
                    let input = problem.x.scalars[column]
                    for co in (g * geometry.outputChannelsPerGroup)..<((g + 1) * geometry.outputChannelsPerGroup) {
                        let row = (n * geometry.outputChannels + co) * outputPositions + o
                        let weightIndex = (co * geometry.inputChannelsPerGroup + ci) * kernelCount + k
                        inputTriples.append((row, column, problem.w.scalars[weightIndex]))
                        weightTriples.append((row, weightIndex, input))
                    }
                }
            }
        }
    }

    let rows = geometry.outputShape.reduce(1, *)
    return (
        SparseMatrix(rowCount: rows, columnCount: problem.x.count, triples: inputTriples),
        SparseMatrix(rowCount: rows, columnCount: problem.w.count, triples: weightTriples)
    )
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
