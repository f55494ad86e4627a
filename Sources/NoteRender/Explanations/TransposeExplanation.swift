import ConvolutionEngine

/// `{{ explain transpose }}`: the transposed convolution as the adjoint of a convolution. For
/// a transposed spec it shows how y is computed; for a convolution, that its input gradient
/// is the transposed convolution of dL/dy.
struct TransposeExplanation {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        context.report.isTransposed ? transposedSpec() : convolutionSpec()
    }

    private var strideAndPads: (stride: String, pads: String, outputPadding: String) {
        let geometry = context.geometry
        let stride = geometry.stride.map(String.init).joined(separator: ", ")
        let pads = geometry.padding.map { "(\($0.begin), \($0.end))" }.joined(separator: ", ")
        let remainder = geometry.strideRemainder.map(String.init).joined(separator: ", ")
        return (stride, pads, remainder)
    }

    private func transposedSpec() -> [GeneratedBlock] {
        let geometry = context.geometry
        var blocks: [GeneratedBlock] = []
        blocks.append(.paragraph(.prose(
            "A transposed convolution runs a convolution backwards. The convolution it transposes takes an input of y's spatial size, \(geometry.inputSize.map(String.init).joined(separator: " × ")), to one of x's, \(geometry.outputSize.map(String.init).joined(separator: " × ")), with the same kernel, stride, dilation, padding and groups. The transposed convolution is that convolution's adjoint: it multiplies by the transpose of its Jacobian,")))
        blocks.append(.display("\\operatorname{vec}(y) = J_{\\text{conv}}^{\\top} \\operatorname{vec}(x)\(context.spec.spec.tensors[.b] == nil ? "" : " + b"),"))
        blocks.append(.paragraph(.prose(
            "which is exactly how a convolution's input gradient is computed from $\\partial L / \\partial y$. So the same steps apply. First x gets stride − 1 zeros between its entries:")))
        blocks.append(.display("x_{\\text{dilated}} = \(TeXWriter.tensor(context.value(.dilatedUpstream), digits: context.spec.digits))"))
        let pads = backwardPads(geometry).map { "(\($0.begin), \($0.end))" }.joined(separator: ", ")
        blocks.append(.paragraph(.prose(
            "Then it is padded by dilation·(k − 1) minus the padding on each side, plus the output padding at the end, which gives (begin, end) pads of \(pads)\(backwardPads(geometry).contains { $0.begin < 0 || $0.end < 0 } ? " (a negative pad crops)" : ""):")))
        blocks.append(.display("x_{\\text{pad}} = \(TeXWriter.tensor(context.value(.paddedUpstream), digits: context.spec.digits))"))
        blocks.append(.paragraph(.prose(
            "Finally the kernel, rotated by 180° with its input and output channels swapped, slides over it:")))
        blocks += context.equationBlocks(.flippedKernel)
        blocks.append(.display("y = x_{\\text{pad}} \\star w_{\\text{flip}}\(context.spec.spec.tensors[.b] == nil ? "" : " + b") = \(TeXWriter.tensor(context.value(.y), digits: context.spec.digits))"))
        return blocks
    }

    private func convolutionSpec() -> [GeneratedBlock] {
        let (stride, pads, remainder) = strideAndPads
        return [
            .paragraph(.prose(
                "The input gradient of a convolution is its transposed convolution applied to the upstream gradient: $\\frac{\\partial L}{\\partial x} = J_x^{\\top} \\operatorname{vec}\\left(\\frac{\\partial L}{\\partial y}\\right)$ is the adjoint of $x \\mapsto J_x \\operatorname{vec}(x)$. With the same kernel, stride (\(stride)) and padding (\(pads)), and an output padding equal to the rows of the padded input that no window reached (\(remainder)), PyTorch's ")
                + [.code("conv_transpose")] + .prose(" of $\\partial L / \\partial y$ gives:")),
            .display("\\operatorname{conv\\_transpose}\\left(\\frac{\\partial L}{\\partial y}, w\\right) = \(TeXWriter.tensor(context.value(.inputGradient), digits: context.spec.digits)) = \\frac{\\partial L}{\\partial x}"),
        ]
    }
}
