/// For each spatial input position q, the kernel offsets k whose window covers q and the
/// output position o of that window, in increasing k: the spatial part of the scope of
/// impact, solved from the input side.
///
/// Input coordinate q meets kernel coordinate k in the window of output coordinate o when
/// `o·stride + k·dilation = q + pad_begin`. The axes are independent, so each axis keeps its
/// own list of solutions per input coordinate, and a position's pairs are the products of
/// those lists. That costs no more than the pairs found, where testing every (q, k) would
/// cost inputPositions × kernelPositions.
struct ReachedOutputs {
    /// `start[q]..<start[q + 1]` indexes the pairs of input position q.
    private(set) var start: [Int]
    /// The flat kernel offset of each pair.
    private(set) var kernel: [Int]
    /// The flat output position of each pair.
    private(set) var output: [Int]

    init(_ geometry: ConvolutionGeometry) {
        let kernelStrides = rowMajorStrides(geometry.kernelSize)
        let outputStrides = rowMajorStrides(geometry.outputSize)

        // The positions of the first `axis` axes and their pairs, grown one axis at a time.
        // Each position of the axes so far becomes a run of positions along the next axis, in
        // row-major order. A new position's pairs combine each pair of the position it grew
        // from with each solution of the new axis, the new axis fastest, so that the flat
        // kernel offsets come out increasing. With no axes there is one position, whose one
        // pair is the kernel offset 0 in output position 0.
        start = [0, 1]
        kernel = [0]
        output = [0]
        for axis in 0..<geometry.dimensions {
            let solutions = AxisSolutions(geometry, axis: axis)
            let extent = geometry.inputSize[axis]
            let positions = start.count - 1
            let count = kernel.count * solutions.kernel.count
            let kernelStride = kernelStrides[axis]
            let outputStride = outputStrides[axis]
            // Where each new position's pairs start: a position that grew from `position`
            // at coordinate q has |pairs of position| × |solutions of q| pairs.
            var newStart = [0]
            newStart.reserveCapacity(positions * extent + 1)
            for position in 0..<positions {
                let pairs = start[position + 1] - start[position]
                for q in 0..<extent {
                    newStart.append(newStart[newStart.count - 1] + pairs * solutions.range(ofInput: q).count)
                }
            }
            // Every new pair is written once, in order.
            var newOutput: [Int] = []
            let newKernel: [Int] = uninitializedArray(count: count) { newKernel in
                newOutput = uninitializedArray(count: count) { newOutput in
                    var next = 0
                    for position in 0..<positions {
                        for q in 0..<extent {
                            let axisPairs = solutions.range(ofInput: q)
                            for pair in start[position]..<start[position + 1] {
                                for solution in axisPairs {
                                    (newKernel + next).initialize(to: kernel[pair] + solutions.kernel[solution] * kernelStride)
                                    (newOutput + next).initialize(to: output[pair] + solutions.output[solution] * outputStride)
                                    next += 1
                                }
                            }
                        }
                    }
                }
            }
            start = newStart
            kernel = newKernel
            output = newOutput
        }
    }
}

/// The solutions of `o·stride + k·dilation = q + pad_begin` along one axis, for every input
/// coordinate q, with 0 ≤ k < kernel size and 0 ≤ o < output size.
private struct AxisSolutions {
    /// `start[q]..<start[q + 1]` indexes the solutions for input coordinate q.
    var start: [Int] = [0]
    /// The kernel coordinate of each solution, increasing for each q.
    var kernel: [Int] = []
    /// The output coordinate of each solution.
    var output: [Int] = []

    init(_ geometry: ConvolutionGeometry, axis: Int) {
        let stride = geometry.stride[axis]
        let dilation = geometry.dilation[axis]
        let padBegin = geometry.padding[axis].begin
        let outputSize = geometry.outputSize[axis]
        for q in 0..<geometry.inputSize[axis] {
            for k in 0..<geometry.kernelSize[axis] {
                let shifted = q + padBegin - k * dilation
                guard shifted >= 0, shifted % stride == 0 else { continue }
                let o = shifted / stride
                guard o < outputSize else { continue }
                kernel.append(k)
                output.append(o)
            }
            start.append(kernel.count)
        }
    }

    func range(ofInput q: Int) -> Range<Int> {
        start[q]..<start[q + 1]
    }
}
