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
        let dimensions = geometry.dimensions
        let axes = (0..<dimensions).map { AxisSolutions(geometry, axis: $0) }
        let kernelStrides = rowMajorStrides(geometry.kernelSize)
        let outputStrides = rowMajorStrides(geometry.outputSize)

        start = [0]
        start.reserveCapacity(geometry.inputPositions + 1)
        kernel = []
        output = []

        // `coordinate` walks the input positions in row-major order, and `choice[axis]`
        // walks the solutions of that axis for the current coordinate, last axis fastest,
        // so that the flat kernel offsets come out increasing.
        var coordinate = Array(repeating: 0, count: dimensions)
        var choice = Array(repeating: 0, count: dimensions)
        var lists = Array(repeating: 0..<0, count: dimensions)
        for _ in 0..<geometry.inputPositions {
            var reached = true
            for axis in 0..<dimensions {
                lists[axis] = axes[axis].range(ofInput: coordinate[axis])
                choice[axis] = lists[axis].lowerBound
                reached = reached && !lists[axis].isEmpty
            }
            if reached {
                var finished = false
                while !finished {
                    var k = 0
                    var o = 0
                    for axis in 0..<dimensions {
                        k += axes[axis].kernel[choice[axis]] * kernelStrides[axis]
                        o += axes[axis].output[choice[axis]] * outputStrides[axis]
                    }
                    kernel.append(k)
                    output.append(o)

                    finished = true
                    for axis in (0..<dimensions).reversed() {
                        choice[axis] += 1
                        if choice[axis] < lists[axis].upperBound {
                            finished = false
                            break
                        }
                        choice[axis] = lists[axis].lowerBound
                    }
                }
            }
            start.append(kernel.count)
            advance(&coordinate, in: geometry.inputSize)
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
