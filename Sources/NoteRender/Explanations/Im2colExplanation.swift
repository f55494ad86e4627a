import ConvolutionEngine

/// `{{ explain im2col }}`: windows as columns, and the forward pass as one matrix product.
struct Im2colExplanation {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        let geometry = context.geometry
        let columns = context.value(.columns)
        let rowsPerGroup = geometry.inputChannelsPerGroup * geometry.kernelPositions
        var blocks: [GeneratedBlock] = []

        blocks.append(.paragraph(.prose(
            "im2col copies each window of $x_{\\text{pad}}$ into one column of $X_{\\text{col}}$, so $X_{\\text{col}}$ has one column per output position (\(geometry.batch * geometry.outputPositions) in all) and one row per pair of input channel and kernel offset (\(columns.shape[0]) in all):")))
        blocks += context.equationBlocks(.columns)

        blocks.append(.paragraph(.prose(
            "Flattening each filter into one row gives $W_{\\text{row}}$, of shape $\(TeXWriter.shape(context.value(.kernelRows).shape))$:")))
        blocks += context.equationBlocks(.kernelRows)

        let groupNote = geometry.groups > 1
            ? " Each group multiplies its own \(rowsPerGroup) rows of $X_{\\text{col}}$."
            : ""
        let bias = context.spec.spec.tensors[.b] == nil ? "" : " + b"
        blocks.append(.paragraph(.prose(
            "The whole forward pass is then one matrix product, and its result, laid back out in the output's shape, is $y$.\(groupNote)")))
        let product = "W_{\\text{row}} \\, X_{\\text{col}}\(bias)"
        blocks.append(.display("y = \(product) = \(TeXWriter.tensor(context.value(.y), digits: context.spec.digits))"))
        return blocks
    }
}
