/// The sizes of one convolution, in PyTorch's layout: x is (N, C_in, spatial...), w is
/// (C_out, C_in/groups, kernel...), y is (N, C_out, output...).
public struct ConvolutionGeometry: Equatable, Sendable {
    /// The largest size, stride, dilation or pad accepted along any axis.
    public static let maximumExtent = 1 << 20
    /// The largest number of entries any tensor of the convolution may have.
    public static let maximumEntries = 1 << 24
    /// The largest number of products (stored entries of the sparse Jacobian ∂y/∂x) that
    /// every route is run for; a 512 × 512 input with a 3 × 3 kernel needs 2.4 million.
    public static let maximumProducts = 1 << 22

    public let batch: Int
    public let inputChannels: Int
    public let outputChannels: Int
    public let groups: Int
    public let inputSize: [Int]
    public let kernelSize: [Int]
    public let stride: [Int]
    public let dilation: [Int]
    public let padding: [PadPair]
    /// `floor((in + pad_begin + pad_end − dilation·(k − 1) − 1) / stride) + 1` per axis.
    public let outputSize: [Int]

    /// Checks every size and derives the output size.
    public init(
        batch: Int, inputChannels: Int, outputChannels: Int, groups: Int,
        inputSize: [Int], kernelSize: [Int], stride: [Int], dilation: [Int], padding: PaddingRule
    ) throws(ConvolutionError) {
        let dimensions = inputSize.count
        for (name, values) in [("kernel size", kernelSize), ("stride", stride), ("dilation", dilation)]
        where values.count != dimensions {
            throw .wrongArity(parameter: name, count: values.count, dimensions: dimensions)
        }
        if case .explicit(let pairs) = padding, pairs.count != dimensions {
            throw .wrongArity(parameter: "padding", count: pairs.count, dimensions: dimensions)
        }

        try Self.checkExtents(batch: batch, inputChannels: inputChannels, outputChannels: outputChannels,
                              inputSize: inputSize, kernelSize: kernelSize, stride: stride,
                              dilation: dilation, padding: padding)

        guard groups >= 1, inputChannels % groups == 0, outputChannels % groups == 0 else {
            throw .groupsDoNotDivide(groups: groups, inputChannels: inputChannels, outputChannels: outputChannels)
        }

        let pads = padding.resolve(inputSize: inputSize, kernelSize: kernelSize, stride: stride, dilation: dilation)
        var outputSize: [Int] = []
        for axis in 0..<dimensions {
            let padded = inputSize[axis] + pads[axis].begin + pads[axis].end
            let span = dilation[axis] * (kernelSize[axis] - 1) + 1
            guard span <= padded else {
                throw .kernelLargerThanInput(axis: axis, paddedInput: padded, dilatedKernel: span)
            }
            outputSize.append((padded - span) / stride[axis] + 1)
        }

        self.batch = batch
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        self.inputSize = inputSize
        self.kernelSize = kernelSize
        self.stride = stride
        self.dilation = dilation
        self.padding = pads
        self.outputSize = outputSize
        try checkEntryCounts()
    }

    /// Rejects values that are not positive or so large that index arithmetic could overflow.
    private static func checkExtents(
        batch: Int, inputChannels: Int, outputChannels: Int, inputSize: [Int], kernelSize: [Int],
        stride: [Int], dilation: [Int], padding: PaddingRule
    ) throws(ConvolutionError) {
        let limit = maximumExtent
        for (name, value) in [("the batch size", batch), ("the input channel count", inputChannels),
                              ("the output channel count", outputChannels)] {
            guard value <= limit else { throw .tooLarge(what: name, value: value, limit: limit) }
            guard value >= 1 else { throw .nonPositive(parameter: name, axis: 0, value: value) }
        }
        for axis in inputSize.indices {
            for (name, value) in [("input size", inputSize[axis]), ("kernel size", kernelSize[axis]),
                                  ("stride", stride[axis]), ("dilation", dilation[axis])] {
                guard value >= 1 else { throw .nonPositive(parameter: name, axis: axis, value: value) }
                guard value <= limit else {
                    throw .extentTooLarge(parameter: name, axis: axis, value: value, limit: limit)
                }
            }
            if case .explicit(let pairs) = padding {
                for value in [pairs[axis].begin, pairs[axis].end] {
                    guard value >= 0 else { throw .negativePadding(axis: axis, value: value) }
                    guard value <= limit else {
                        throw .extentTooLarge(parameter: "padding", axis: axis, value: value, limit: limit)
                    }
                }
            }
        }
    }

    private func checkEntryCounts() throws(ConvolutionError) {
        let shapes: [(String, [Int])] = [
            ("the padded input", [batch, inputChannels] + paddedSize),
            ("the kernel", kernelShape),
            ("the output", outputShape),
            // Lists of extents rather than products, so that checking cannot overflow.
            ("im2col", [inputChannels] + kernelSize + [batch] + outputSize),
        ]
        for (name, shape) in shapes {
            try Self.checkCount(of: shape, limit: Self.maximumEntries, what: "the entry count of \(name) (\(formatShape(shape)))")
        }
        try Self.checkCount(of: [batch, outputChannels] + outputSize + [inputChannelsPerGroup] + kernelSize,
                            limit: Int.max, what: "the number of products")
    }

    private static func checkCount(of extents: [Int], limit: Int, what: String) throws(ConvolutionError) {
        var count = 1
        for extent in extents {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= limit else {
                throw .tooLarge(what: what, value: overflow ? Int.max : product, limit: limit)
            }
            count = product
        }
    }

    /// The products of the convolution: output entries × input channels per group × kernel
    /// size, the stored entries of the sparse ∂y/∂x. The initializer checked that this fits.
    public var productCount: Int {
        batch * outputChannels * outputPositions * inputChannelsPerGroup * kernelPositions
    }

    /// Fails when running and comparing every route would cost too much: above
    /// `maximumProducts` products. The primary routes alone have no such limit.
    public func checkVerifiable() throws(ConvolutionError) {
        guard productCount <= Self.maximumProducts else {
            throw .tooLarge(what: "the number of products (output entries × input channels per group × kernel size)",
                            value: productCount, limit: Self.maximumProducts)
        }
    }

    public var dimensions: Int { inputSize.count }
    public var inputChannelsPerGroup: Int { inputChannels / groups }
    public var outputChannelsPerGroup: Int { outputChannels / groups }

    public var paddedSize: [Int] {
        inputSize.indices.map { inputSize[$0] + padding[$0].begin + padding[$0].end }
    }

    public var inputShape: [Int] { [batch, inputChannels] + inputSize }
    public var kernelShape: [Int] { [outputChannels, inputChannelsPerGroup] + kernelSize }
    public var outputShape: [Int] { [batch, outputChannels] + outputSize }

    public var inputPositions: Int { inputSize.reduce(1, *) }
    public var kernelPositions: Int { kernelSize.reduce(1, *) }
    public var outputPositions: Int { outputSize.reduce(1, *) }

    /// Per axis, the rows (or columns) at the end of the padded input that no window reaches
    /// because the stride steps over them: `(padded − span) mod stride`.
    public var strideRemainder: [Int] {
        inputSize.indices.map { axis in
            (paddedSize[axis] - dilation[axis] * (kernelSize[axis] - 1) - 1) % stride[axis]
        }
    }

    /// The group that an input or output channel belongs to.
    func group(ofInputChannel channel: Int) -> Int { channel / inputChannelsPerGroup }
    func group(ofOutputChannel channel: Int) -> Int { channel / outputChannelsPerGroup }
}
