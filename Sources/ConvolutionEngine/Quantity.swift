/// The named quantities every spec defines, spelled as notes write them.
public enum Quantity: String, CaseIterable, Sendable, Hashable {
    /// Whether `name` spells a quantity.
    public static func isName(_ name: String) -> Bool {
        Quantity(rawValue: name) != nil
    }

    case x
    case w
    case b
    case upstream = "dL/dy"
    case paddedInput = "x_pad"
    case y
    case columns = "X_col"
    case columnsTransposed = "X_col^T"
    case kernelRows = "W_row"
    case upstreamRows = "dY_row"
    case weightGradient = "dL/dw"
    case biasGradient = "dL/db"
    case flippedKernel = "w_flip"
    case dilatedUpstream = "dL/dy_dilated"
    case paddedUpstream = "dL/dy_pad"
    case inputGradient = "dL/dx"
    case inputJacobian = "J_x"
    case weightJacobian = "J_w"
}

/// The axes the author wrote, so that each quantity keeps the rank a reader expects. A 3x3
/// input with a 2x2 kernel gives a plain 3x3 matrix y, not a 1x1x3x3 tensor.
public struct AxisLayout: Equatable, Sendable {
    public var inputHasBatchAxis: Bool
    public var inputHasChannelAxis: Bool
    /// 0 for a single filter (kernel axes only), 1 for (C_in/groups, kernel...), 2 for
    /// (C_out, C_in/groups, kernel...). A transposed kernel is laid out (C_in, C_out/groups,
    /// kernel...), so there 1 means (C_in, kernel...) with C_out/groups = 1.
    public var kernelLeadingAxes: Int
    /// Whether w is the kernel of a transposed convolution, whose full layout is (C_in,
    /// C_out/groups, kernel...), so that a rank of dims + 1 drops its second axis.
    public var kernelIsTransposed: Bool
    /// Whether b was given as one number shared by every output channel.
    public var biasIsScalar: Bool

    public init(inputHasBatchAxis: Bool, inputHasChannelAxis: Bool, kernelLeadingAxes: Int, biasIsScalar: Bool,
                kernelIsTransposed: Bool = false) {
        self.inputHasBatchAxis = inputHasBatchAxis
        self.inputHasChannelAxis = inputHasChannelAxis
        self.kernelLeadingAxes = kernelLeadingAxes
        self.kernelIsTransposed = kernelIsTransposed
        self.biasIsScalar = biasIsScalar
    }

    /// The layout of a 2-D spec with full (N, C, H, W) tensors.
    public static let full = AxisLayout(inputHasBatchAxis: true, inputHasChannelAxis: true,
                                        kernelLeadingAxes: 2, biasIsScalar: false)

    /// Returns the shape a quantity is shown with, given its shape in the full layout. Only
    /// axes of length 1 are dropped, so the row-major order of the entries is unchanged.
    public func authorShape(of quantity: Quantity, fullShape: [Int], outputChannels: Int) -> [Int] {
        switch quantity {
        case .x, .paddedInput, .inputGradient:
            return dropping(batch: !inputHasBatchAxis, channels: !inputHasChannelAxis, from: fullShape)
        case .y, .upstream, .dilatedUpstream, .paddedUpstream:
            let keepChannels = inputHasChannelAxis || outputChannels > 1
            return dropping(batch: !inputHasBatchAxis, channels: !keepChannels, from: fullShape)
        case .w, .weightGradient:
            if kernelIsTransposed && kernelLeadingAxes == 1 { return [fullShape[0]] + fullShape.dropFirst(2) }
            return Array(fullShape.dropFirst(2 - kernelLeadingAxes))
        case .flippedKernel:
            // w_flip is (C_in, C_out/groups, kernel...) of the convolution whose kernel is w.
            // For a transposed kernel (C_in, 1, kernel...) that is (groups, C_in/groups,
            // kernel...), whose first axis has length 1 only without groups.
            switch (kernelLeadingAxes, kernelIsTransposed) {
            case (0, _): return Array(fullShape.dropFirst(2))
            case (1, false): return [fullShape[0]] + fullShape.dropFirst(2)
            case (1, true) where fullShape[0] == 1: return Array(fullShape.dropFirst())
            default: return fullShape
            }
        case .b, .biasGradient:
            return biasIsScalar ? [] : fullShape
        case .columns, .columnsTransposed, .kernelRows, .upstreamRows, .inputJacobian, .weightJacobian:
            return fullShape
        }
    }

    /// Checks that every quantity keeps its entry count in its shown shape. That is the case
    /// when each axis that the layout drops has length 1 in `geometry`. For a transposed
    /// convolution, `geometry` is that of the convolution it transposes.
    public func checkShownShapes(_ geometry: ConvolutionGeometry) throws(ConvolutionError) {
        let convolutionInput = [geometry.batch, geometry.inputChannels]
        let convolutionOutput = [geometry.batch, geometry.outputChannels]
        let leadingAxes: [(Quantity, String, [Int])] = [
            (.x, "x", kernelIsTransposed ? convolutionOutput : convolutionInput),
            (.y, "y", kernelIsTransposed ? convolutionInput : convolutionOutput),
            (.w, "w", [geometry.outputChannels, geometry.inputChannelsPerGroup]),
            (.flippedKernel, "w_flip", [geometry.inputChannels, geometry.outputChannelsPerGroup]),
        ]
        let shownChannels = kernelIsTransposed ? geometry.inputChannels : geometry.outputChannels
        for (quantity, name, leading) in leadingAxes {
            // A single spatial axis of length 1 is enough, because the layout drops only leading axes.
            let shownShape = authorShape(of: quantity, fullShape: leading + [1], outputChannels: shownChannels)
            guard shownShape.count >= 1, shownShape.reduce(1, *) == leading.reduce(1, *) else {
                throw .shapeMismatch(tensor: name, expected: leading + [1], actual: shownShape)
            }
        }
    }

    private func dropping(batch: Bool, channels: Bool, from shape: [Int]) -> [Int] {
        var result = shape
        if channels { result.remove(at: 1) }
        if batch { result.remove(at: 0) }
        return result
    }
}
