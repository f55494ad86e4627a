import ConvolutionEngine

/// `{{ explain input-gradient }}`: the scope of impact of each input entry, the Jacobian
/// product, and the same numbers as a full correlation with the flipped kernel.
struct InputGradientExplanation {
    let context: ExplanationContext

    /// The largest Jacobian shown whole, in rows or columns.
    static let maximumJacobianExtent = 16

    func blocks() -> [GeneratedBlock] {
        var blocks: [GeneratedBlock] = []
        blocks += scopeOfImpact()
        blocks += jacobianProduct()
        blocks += flippedKernelConvolution()
        return blocks
    }

    private func scopeOfImpact() -> [GeneratedBlock] {
        let x = context.value(.x)
        let upstream = context.value(.upstream)
        let gradient = context.value(.inputGradient)
        let listed = min(x.count, ExplanationContext.maximumListedEntries)
        var blocks: [GeneratedBlock] = [.paragraph(.prose(
            "One input entry moves only the outputs whose windows cover it: its scope of impact. Each of those outputs changes by the kernel weight that met the entry, so $\\partial y_p / \\partial x$ for that entry is that weight and every other term of $y_p$ drops out of the derivative. Entry by entry:"))]

        var items: [[GeneratedSpan]] = []
        for index in 0..<listed {
            let reached = context.report.impact(ofInputIndex: index)
            let name = context.entryName(.x, flat: index)
            guard !reached.isEmpty else {
                items.append(.prose("$\(name)$ reaches no output, so $\(context.entryName(.inputGradient, flat: index)) = 0$."))
                continue
            }
            let through = reached.prefix(ExplanationContext.maximumShownTerms).map { "$\(context.entryName(.y, flat: $0.outputIndex))$ through $\(TeXWriter.scalar($0.weight, digits: context.spec.digits))$" }
            let sum = context.sum(reached.map { "\(context.factor($0.weight)) \\, \(context.entryName(.upstream, flat: $0.outputIndex))" })
            let numbers = context.sum(reached.map { "\(context.factor($0.weight)) \\cdot \(context.factor(upstream[flat: $0.outputIndex]))" })
            var item: [GeneratedSpan] = .prose("$\(name)$ reaches ")
            let more = reached.count > through.count ? " and \(reached.count - through.count) more outputs" : ""
            item += .prose(listText(Array(through)) + more + ": ")
            item.append(.math("\(context.entryName(.inputGradient, flat: index)) = \(sum) = \(numbers) = \(TeXWriter.scalar(gradient[flat: index], digits: context.spec.digits))"))
            items.append(item)
        }
        blocks.append(.list(items))
        if let note = context.cutNote(shown: listed, total: x.count, what: "entries of x") { blocks.append(note) }
        return blocks
    }

    private func listText(_ parts: [String]) -> String {
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        case 2: return parts[0] + " and " + parts[1]
        default: return parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
        }
    }

    private func jacobianProduct() -> [GeneratedBlock] {
        let jacobian = context.value(.inputJacobian)
        var blocks: [GeneratedBlock] = [.paragraph(.prose(
            "Collected over all entries, these weights form the Jacobian $J_x = \\partial y / \\partial x$, with one row per output entry and one column per input entry, and the input gradient is its transpose applied to the upstream gradient:"))]
        blocks.append(.display(
            "\\operatorname{vec}\\left(\\frac{\\partial L}{\\partial x}\\right) = J_x^{\\top} \\operatorname{vec}\\left(\\frac{\\partial L}{\\partial y}\\right)"))
        if jacobian.shape.allSatisfy({ $0 <= Self.maximumJacobianExtent }) {
            blocks.append(.paragraph(.prose("Here $J_x$ is:")))
            blocks += context.equationBlocks(.inputJacobian)
            let flipNote = context.geometry.stride.allSatisfy { $0 == 1 } && context.geometry.dilation.allSatisfy { $0 == 1 }
                ? " Away from the borders those are the kernel's entries in reverse order: the flipped kernel."
                : ""
            blocks.append(.paragraph(.prose(
                "Column $k$ of $J_x$ lists the weights that carry input entry $k$ to each output.\(flipNote)")))
        } else {
            blocks.append(.paragraph(.prose(
                "Here $J_x$ is \(jacobian.shape[0]) × \(jacobian.shape[1]), too large to show; it is sparse, with at most \(context.geometry.kernelPositions * context.geometry.outputChannelsPerGroup) nonzero entries per column.")))
        }
        return blocks
    }

    private func flippedKernelConvolution() -> [GeneratedBlock] {
        let geometry = context.geometry
        var blocks: [GeneratedBlock] = [.paragraph(.prose(
            "The same numbers come out of a convolution. Rotating the kernel by 180° gives $w_{\\text{flip}}$:"))]
        blocks += context.equationBlocks(.flippedKernel)

        if geometry.stride.contains(where: { $0 > 1 }) {
            blocks.append(.paragraph(.prose(
                "The forward pass skipped positions with its stride, so the upstream gradient first gets stride − 1 zeros between its entries:")))
            blocks += context.equationBlocks(.dilatedUpstream)
        }

        let pads = backwardPads(geometry)
        let padText = zip(pads, context.sideNames).map { pad, sides in
            "\(pad.begin) on the \(sides.0) and \(pad.end) on the \(sides.1)"
        }.joined(separator: ", ")
        let cropping = pads.contains { $0.begin < 0 || $0.end < 0 } ? " (a negative pad crops)" : ""
        let remainder = geometry.strideRemainder.contains { $0 > 0 }
            ? ", plus at the end the \(geometry.strideRemainder.map(String.init).joined(separator: ", ")) rows or columns of the padded input that no window reached"
            : ""
        blocks.append(.paragraph(.prose(
            "Padding it by the kernel's reach, dilation·(k − 1), minus the forward padding on each side\(remainder), gives \(padText)\(cropping). Then every input position sees each output it influenced:")))
        blocks += context.equationBlocks(.paddedUpstream)

        blocks.append(.paragraph(.prose(
            "Sliding $w_{\\text{flip}}$ over it, exactly as the forward pass slides $w$ over $x_{\\text{pad}}$\(geometry.dilation.contains { $0 > 1 } ? ", with its taps spread by the same dilation," : ""), gives the input gradient:")))
        blocks.append(.display(
            "\\frac{\\partial L}{\\partial x} = \\left(\\frac{\\partial L}{\\partial y}\\right)_{\\text{pad}} \\star w_{\\text{flip}} = \(TeXWriter.tensor(context.value(.inputGradient), digits: context.spec.digits))"))
        return blocks
    }
}
