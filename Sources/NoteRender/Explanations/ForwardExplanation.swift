import ConvolutionEngine

/// `{{ explain forward }}`: padding, the window sum, and every output entry worked out.
struct ForwardExplanation {
    let context: ExplanationContext

    func blocks() -> [GeneratedBlock] {
        var blocks: [GeneratedBlock] = []
        let geometry = context.geometry

        // Padding.
        let paddingSentence = geometry.padding.allSatisfy { $0.begin == 0 && $0.end == 0 }
            ? "There is no padding, so $x_{\\text{pad}} = x$:"
            : "The input is padded with zeros, \(context.paddingDescription):"
        blocks.append(.paragraph(.prose(paddingSentence)))
        blocks += context.equationBlocks(.paddedInput)

        // The general sum.
        blocks.append(.paragraph(.prose(
            "Each output entry is the sum of the kernel's products with one window of $x_{\\text{pad}}$\(geometry.stride.allSatisfy { $0 == 1 } ? "" : ", the windows stepping by the stride \(strideText)")\(geometry.dilation.allSatisfy { $0 == 1 } ? "" : ", the kernel's taps spread by the dilation \(dilationText)"):")))
        blocks.append(.display(windowFormula()))
        if geometry.groups > 1 {
            let index = context.base == 1 ? "(o - 1)" : "o"
            blocks.append(.paragraph(.prose(
                "With \(geometry.groups) groups, output channel $o$ reads only its own group's \(geometry.inputChannelsPerGroup) input channels, which follow $g(o) = \\lfloor \(index) / \(geometry.outputChannelsPerGroup) \\rfloor \\cdot \(geometry.inputChannelsPerGroup)$.")))
        }

        // Each entry written out.
        let y = context.value(.y)
        let listed = min(y.count, ExplanationContext.maximumListedEntries)
        blocks.append(.paragraph([.text("Entry by entry:")]))
        let bias = context.report.value(of: .b)
        var lines: [String] = []
        for index in 0..<listed {
            let products = context.report.forwardProducts(outputIndex: index)
            var sum = context.sum(products.map { "\(context.factor($0.input)) \\cdot \(context.factor($0.weight))" })
            if context.spec.spec.tensors[.b] != nil {
                let channel = (index / geometry.outputPositions) % geometry.outputChannels
                let biasValue = bias.shape.isEmpty ? bias[flat: 0] : bias[flat: channel]
                sum += " + " + context.factor(biasValue)
            }
            lines.append("\(context.entryName(.y, flat: index)) &= \(sum) = \(TeXWriter.scalar(y[flat: index], digits: context.spec.digits))")
        }
        blocks.append(.display("\\begin{aligned} " + lines.joined(separator: " \\\\ ") + " \\end{aligned}"))
        if let note = context.cutNote(shown: listed, total: y.count, what: "entries of y") { blocks.append(note) }

        blocks.append(.paragraph([.text("Together:")]))
        blocks += context.equationBlocks(.y)
        return blocks
    }

    private var strideText: String { tupleText(context.geometry.stride) }
    private var dilationText: String { tupleText(context.geometry.dilation) }

    private func tupleText(_ values: [Int]) -> String {
        Set(values).count == 1 ? "\(values[0])" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    /// Returns the window sum with this spec's sizes, stride and dilation, such as
    /// `y_{ij} = \sum_{p=1}^{2} \sum_{q=1}^{2} w_{pq} \, x_{\text{pad}}[i + p - 1, j + q - 1]`.
    func windowFormula() -> String {
        let geometry = context.geometry
        let base = context.base
        let outputLetters = Array(["i", "j", "k"].prefix(geometry.dimensions))
        let kernelLetters = Array(["p", "q", "r"].prefix(geometry.dimensions))
        let channels = geometry.inputChannelsPerGroup > 1
        let outputChannels = geometry.outputChannels > 1
        let batch = context.spec.report.layout.inputHasBatchAxis

        var yIndices = outputLetters
        if outputChannels || context.report.layout.inputHasChannelAxis { yIndices.insert("o", at: 0) }
        if batch { yIndices.insert("n", at: 0) }

        var wIndices = kernelLetters
        if context.report.layout.kernelLeadingAxes >= 1 { wIndices.insert("c", at: 0) }
        if context.report.layout.kernelLeadingAxes == 2 { wIndices.insert("o", at: 0) }

        var xIndices = (0..<geometry.dimensions).map { axis in
            indexExpression(output: outputLetters[axis], kernel: kernelLetters[axis],
                            stride: geometry.stride[axis], dilation: geometry.dilation[axis], base: base)
        }
        if context.report.layout.inputHasChannelAxis {
            xIndices.insert(geometry.groups > 1 ? "g(o) + c" : "c", at: 0)
        }
        if batch { xIndices.insert("n", at: 0) }

        var sums = ""
        if channels || context.report.layout.kernelLeadingAxes >= 1 {
            sums += "\\sum_{c=\(base)}^{\(geometry.inputChannelsPerGroup - 1 + base)} "
        }
        for axis in 0..<geometry.dimensions {
            sums += "\\sum_{\(kernelLetters[axis])=\(base)}^{\(geometry.kernelSize[axis] - 1 + base)} "
        }
        let bias = context.spec.spec.tensors[.b] == nil ? "" : (outputChannels ? "b_{o} + " : "b + ")
        let joinedY = yIndices.joined(separator: yIndices.count > 2 ? "," : "")
        let joinedW = wIndices.joined(separator: wIndices.count > 2 ? "," : "")
        return "y_{\(joinedY)} = \(bias)\(sums)w_{\(joinedW)} \\, x_{\\text{pad}}\\left[\(xIndices.joined(separator: ",\\ "))\\right]"
    }

    /// Returns the padded-input index along one axis: `s(i − base) + d(p − base) + base`, simplified.
    private func indexExpression(output: String, kernel: String, stride: Int, dilation: Int, base: Int) -> String {
        let outputPart = stride == 1 ? output : "\(stride)\(base == 1 ? "(\(output) - 1)" : output)"
        let kernelPart = dilation == 1 ? kernel : "\(dilation)\(base == 1 ? "(\(kernel) - 1)" : kernel)"
        if base == 0 { return "\(outputPart) + \(kernelPart)" }
        switch (stride, dilation) {
        case (1, 1): return "\(output) + \(kernel) - 1"
        case (1, _): return "\(output) + \(kernelPart)"
        case (_, 1): return "\(outputPart) + \(kernel)"
        default: return "\(outputPart) + \(kernelPart) + 1"
        }
    }
}
