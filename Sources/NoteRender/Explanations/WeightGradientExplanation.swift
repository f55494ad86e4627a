import ConvolutionEngine

/// `{{ explain weight-gradient }}`: dL/dw as `dY_row · X_col^T`, and where the transpose
/// comes from.
struct WeightGradientExplanation {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        let geometry = context.geometry
        let positions = geometry.batch * geometry.outputPositions
        let weights = geometry.inputChannelsPerGroup * geometry.kernelPositions
        var blocks: [GeneratedBlock] = []

        blocks.append(.paragraph(.prose(
            "By the chain rule, each weight collects the upstream gradient of every output it touches, weighted by the input it met there:")))
        blocks.append(.display(
            "\\frac{\\partial L}{\\partial w_{r}} = \\sum_{p} \\frac{\\partial L}{\\partial y_{p}} \\, \\frac{\\partial y_{p}}{\\partial w_{r}} = \\sum_{p} \\frac{\\partial L}{\\partial y_{p}} \\, (X_{\\text{col}})_{r p}"))
        blocks.append(.paragraph(.prose(
            "Here $r$ runs over the entries of the flattened kernel and $p$ over the output positions. The sum over $p$ pairs row $r$ of $X_{\\text{col}}$ with the gradient row, which is a matrix product with $X_{\\text{col}}$ transposed\(geometry.groups == 1 ? ":" : ".")")))
        if geometry.groups == 1 {
            blocks.append(.display(
                "\\underbrace{\\frac{\\partial L}{\\partial W_{\\text{row}}}}_{\(geometry.outputChannels) \\times \(weights)} = \\underbrace{\\frac{\\partial L}{\\partial Y_{\\text{row}}}}_{\(geometry.outputChannels) \\times \(positions)} \\; \\underbrace{X_{\\text{col}}^{\\top}}_{\(positions) \\times \(weights)}"))
        } else {
            let perGroup = geometry.outputChannelsPerGroup
            blocks.append(.paragraph(.prose(
                "With \(geometry.groups) groups, the output \(perGroup == 1 ? "channel" : "channels") of a group \(perGroup == 1 ? "meets" : "meet") only that group's \(weights) rows of $X_{\\text{col}}$, so there is one such product per group $g$, with $[g]$ picking the group's rows:")))
            blocks.append(.display(
                "\\underbrace{\\frac{\\partial L}{\\partial W_{\\text{row}}}[g]}_{\(perGroup) \\times \(weights)} = \\underbrace{\\frac{\\partial L}{\\partial Y_{\\text{row}}}[g]}_{\(perGroup) \\times \(positions)} \\; \\underbrace{X_{\\text{col}}[g]^{\\top}}_{\(positions) \\times \(weights)}"))
        }

        blocks.append(.paragraph(.prose(
            "The transpose is easiest to see with a single kernel and column vectors. The forward pass reads $y = X_{\\text{col}}^{\\top} w$ (plus the bias), so the Jacobian $\\partial y / \\partial w$ is $X_{\\text{col}}^{\\top}$: one row per output, one column per weight. For column vectors the chain rule multiplies by the transposed Jacobian, $\\frac{\\partial L}{\\partial w} = \\left(\\frac{\\partial y}{\\partial w}\\right)^{\\top} \\frac{\\partial L}{\\partial y} = X_{\\text{col}} \\frac{\\partial L}{\\partial y}$, and the same product written as a row is $\\left(\\frac{\\partial L}{\\partial y}\\right)^{\\top} X_{\\text{col}}^{\\top}$. That is where the $x^{\\top}$ comes from.")))

        if geometry.groups == 1 {
            blocks.append(.paragraph([.text("With this spec's numbers:")]))
            blocks.append(.display(
                "\(TeXWriter.tensor(context.value(.upstreamRows), digits: context.spec.digits)) \\; \(TeXWriter.tensor(context.value(.columnsTransposed), digits: context.spec.digits)) = \(TeXWriter.tensor(flatGradient(), digits: context.spec.digits))"))
        }
        blocks.append(.paragraph(.prose("Laid out in the kernel's shape:")))
        blocks += context.equationBlocks(.weightGradient)
        return blocks
    }

    /// dL/dw as the C_out × (C_in/groups · K) matrix the product yields.
    private func flatGradient() -> QuantityValue {
        let gradient = context.value(.weightGradient)
        let geometry = context.geometry
        let shape = [geometry.outputChannels, geometry.inputChannelsPerGroup * geometry.kernelPositions]
        return QuantityValue(shape: shape) { gradient[flat: $0] }
    }
}
