/// Why a convolution cannot be set up, with the values involved.
public enum ConvolutionError: Error, Equatable, Sendable {
    /// A stride or dilation below 1, in the named parameter and spatial axis.
    case nonPositive(parameter: String, axis: Int, value: Int)
    /// A negative explicit pad.
    case negativePadding(axis: Int, value: Int)
    /// `groups` below 1 or not dividing a channel count.
    case groupsDoNotDivide(groups: Int, inputChannels: Int, outputChannels: Int)
    /// The kernel's input channels times `groups` differ from x's channels.
    case channelMismatch(inputChannels: Int, kernelChannels: Int, groups: Int)
    /// The dilated kernel is larger than the padded input along an axis.
    case kernelLargerThanInput(axis: Int, paddedInput: Int, dilatedKernel: Int)
    /// An input size, kernel size, stride, dilation or padding beyond
    /// `ConvolutionGeometry.maximumExtent` along one spatial axis.
    case extentTooLarge(parameter: String, axis: Int, value: Int, limit: Int)
    /// A batch size or channel count beyond `ConvolutionGeometry.maximumExtent`, or a
    /// tensor beyond `ConvolutionGeometry.maximumEntries`.
    case tooLarge(what: String, value: Int, limit: Int)
    /// A parameter list whose length differs from the number of spatial dimensions.
    case wrongArity(parameter: String, count: Int, dimensions: Int)
    /// A tensor whose shape differs from the one the geometry requires.
    case shapeMismatch(tensor: String, expected: [Int], actual: [Int])
}

extension ConvolutionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .nonPositive(let parameter, let axis, let value):
            return "\(parameter) must be at least 1, but axis \(axis + 1) has \(value)"
        case .negativePadding(let axis, let value):
            return "padding must not be negative, but axis \(axis + 1) has \(value)"
        case .groupsDoNotDivide(let groups, let inputChannels, let outputChannels):
            return "groups = \(groups) must be at least 1 and divide both the input channels (\(inputChannels)) and the output channels (\(outputChannels))"
        case .channelMismatch(let inputChannels, let kernelChannels, let groups):
            return "x has \(inputChannels) channels, but w has \(kernelChannels) input channels per group × \(groups) groups = \(kernelChannels * groups)"
        case .kernelLargerThanInput(let axis, let paddedInput, let dilatedKernel):
            return "the kernel spans \(dilatedKernel) entries along axis \(axis + 1) (dilation·(k − 1) + 1), more than the padded input's \(paddedInput) (in + pad_begin + pad_end)"
        case .extentTooLarge(let parameter, let axis, let value, let limit):
            return "the \(parameter) along axis \(axis + 1) is \(value), above the limit of \(limit)"
        case .tooLarge(let what, let value, let limit):
            return "\(what) is \(value), above the limit of \(limit)"
        case .wrongArity(let parameter, let count, let dimensions):
            return "\(parameter) gives \(count) values, but the convolution has \(dimensions) spatial dimensions"
        case .shapeMismatch(let tensor, let expected, let actual):
            return "\(tensor) has shape \(formatShape(actual)), but the convolution needs \(formatShape(expected))"
        }
    }
}

/// Writes a shape as `3x3`, or `scalar` for rank 0.
public func formatShape(_ shape: [Int]) -> String {
    shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "x")
}
