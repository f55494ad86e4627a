import ConvolutionEngine

/// `{{ explain jacobian }}`: ∂y/∂x and ∂y/∂w, their shapes and sparsity, and what their rows
/// and columns hold.
struct JacobianExplanation {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        let inputJacobian = context.value(.inputJacobian)
        let weightJacobian = context.value(.weightJacobian)
        let (outputs, inputs) = (inputJacobian.shape[0], inputJacobian.shape[1])
        let weights = weightJacobian.shape[1]
        let stored = context.report.inputJacobianStoredCount
        var blocks: [GeneratedBlock] = []

        let operation = context.report.isTransposed ? "transposed convolution" : "convolution"
        blocks.append(.paragraph(.prose(
            "A \(operation) is linear in its input and, separately, in its kernel, so two Jacobians describe it completely. $J_x = \\partial y / \\partial x$ has one row per output entry and one column per input entry, \(outputs) × \(inputs); $J_w = \\partial y / \\partial w$ has one row per output entry and one column per kernel entry, \(outputs) × \(weights). Both are read row-major, so that:")))
        let bias = context.spec.spec.tensors[.b] == nil ? "" : " + b"
        blocks.append(.display(
            "\\operatorname{vec}(y) = J_x \\operatorname{vec}(x)\(bias) = J_w \\operatorname{vec}(w)\(bias)"))

        blocks.append(.paragraph(.prose(
            "Only \(stored) of the \(outputs * inputs) entries of $J_x$ can be nonzero, because each output depends only on its window. Row $p$ holds the kernel entries at the columns of the inputs in window $p$, and column $k$ holds the weights that carry input $k$ to each output: its scope of impact.")))
        blocks += context.equationBlocks(.inputJacobian)

        var weightSentence = "Row $p$ of $J_w$ holds the input entries that output $p$ multiplies with each weight."
        if weightJacobianIsColumnsTransposed() {
            weightSentence += " Here that is exactly $X_{\\text{col}}^{\\top}$: the windows that im2col lays out as columns."
        }
        blocks.append(.paragraph(.prose(weightSentence)))
        blocks += context.equationBlocks(.weightJacobian)
        return blocks
    }

    /// Whether J_w equals X_col^T entry by entry, checked rather than assumed: true for one
    /// image and one output channel of a convolution.
    private func weightJacobianIsColumnsTransposed() -> Bool {
        guard !context.report.isTransposed else { return false }
        let weightJacobian = context.value(.weightJacobian)
        let columnsTransposed = context.value(.columnsTransposed)
        guard weightJacobian.shape == columnsTransposed.shape, weightJacobian.count <= 1 << 16 else { return false }
        return (0..<weightJacobian.count).allSatisfy { weightJacobian[flat: $0] == columnsTransposed[flat: $0] }
    }
}
