import ConvolutionEngine
import SourceDiagnostics

/// The geometry of a transposed convolution, as PyTorch's `ConvTranspose` defines it.
extension SpecEvaluator {
    /// Returns the geometry of the convolution that the transposed one transposes: its input
    /// has the transposed output's size, `(in − 1)·stride − pad_begin − pad_end +
    /// dilation·(k − 1) + 1 + output-padding` per axis, and its output has x's size. w is laid
    /// out (C_in, C_out/groups, kernel...), which is that convolution's own kernel layout.
    func makeTransposedGeometry(
        _ spec: ParsedSpec, x: [Int], w: [Int], dimensions: Int, layout: AxisLayout
    ) throws(DiagnosticError) -> ConvolutionGeometry {
        let inputSize = Array(x.suffix(dimensions))
        let kernelSize = Array(w.suffix(dimensions))
        let batch = layout.inputHasBatchAxis ? x[0] : 1
        let inputChannels = layout.inputHasChannelAxis ? x[x.count - dimensions - 1] : 1
        let kernelInputChannels = layout.kernelLeadingAxes >= 1 ? w[0] : 1
        let outputChannelsPerGroup = layout.kernelLeadingAxes == 2 ? w[1] : 1
        let groups = spec.integers[.groups]?.value[0] ?? 1

        guard kernelInputChannels == inputChannels else {
            throw DiagnosticError(transposedChannelMismatch(
                spec, w: w, dimensions: dimensions, layout: layout, inputChannels: inputChannels))
        }
        guard groups >= 1, groups <= ConvolutionGeometry.maximumExtent else {
            throw DiagnosticError(specError(
                "invalid-groups", spec.integers[.groups]?.valueRange ?? spec.range, "groups must be at least 1, not \(groups)"))
        }

        let stride = try perDimension(spec, .stride, dimensions: dimensions)
        let dilation = try perDimension(spec, .dilation, dimensions: dimensions)
        let outputPadding = try perDimension(spec, .outputPadding, dimensions: dimensions, default: 0)
        let pads = try transposedPads(spec, dimensions: dimensions)

        var outputSize: [Int] = []
        for axis in 0..<dimensions {
            if let statement = spec.integers[.outputPadding],
               outputPadding[axis] < 0 || (outputPadding[axis] >= stride[axis] && outputPadding[axis] >= dilation[axis]) {
                throw DiagnosticError(specError(
                    "invalid-output-padding", statement.valueRange,
                    "output-padding \(outputPadding[axis]) on axis \(axis + 1) must be at least 0 and smaller than the stride (\(stride[axis])) or the dilation (\(dilation[axis]))",
                    notes: ["output-padding only picks among the output sizes that a strided convolution maps to the same input size"]))
            }
            // Out-of-range values could overflow the size formula below. ConvolutionGeometry
            // checks them before it uses the size, so a placeholder size lets it report them.
            guard (1...ConvolutionGeometry.maximumExtent).contains(stride[axis]),
                  (1...ConvolutionGeometry.maximumExtent).contains(dilation[axis]),
                  kernelSize[axis] <= ConvolutionGeometry.maximumExtent,
                  pads[axis].begin <= ConvolutionGeometry.maximumExtent,
                  pads[axis].end <= ConvolutionGeometry.maximumExtent else {
                outputSize.append(1)
                continue
            }
            let size = (inputSize[axis] - 1) * stride[axis] - pads[axis].begin - pads[axis].end
                + dilation[axis] * (kernelSize[axis] - 1) + 1 + outputPadding[axis]
            let formula = "(in − 1)·stride − pad_begin − pad_end + dilation·(k − 1) + 1 + output-padding = (\(inputSize[axis]) − 1)·\(stride[axis]) − \(pads[axis].begin) − \(pads[axis].end) + \(dilation[axis])·(\(kernelSize[axis]) − 1) + 1 + \(outputPadding[axis])"
            guard size >= 1 else {
                throw DiagnosticError(specError(
                    "empty-output", spec.padding?.valueRange ?? spec.tensors[.x]?.valueRange ?? spec.range,
                    "the transposed output would have \(size) entries along axis \(axis + 1): \(formula)",
                    notes: ["reduce the padding, which crops the transposed output"]))
            }
            guard size <= ConvolutionGeometry.maximumExtent else {
                let cause = largestTerm(spec, axis: axis, inputSize: inputSize, kernelSize: kernelSize, stride: stride, dilation: dilation)
                throw DiagnosticError(specError(
                    "transpose-output-too-large", cause.range,
                    "the transposed output would have \(size) entries along axis \(axis + 1), above the limit of \(ConvolutionGeometry.maximumExtent): \(formula)",
                    notes: [cause.advice]))
            }
            outputSize.append(size)
        }
        try checkTransposedEntryCount(
            spec, batch: batch, channels: outputChannelsPerGroup * groups, outputSize: outputSize, pads: pads,
            inputSize: inputSize, kernelSize: kernelSize, stride: stride, dilation: dilation)

        do {
            let geometry = try ConvolutionGeometry(
                batch: batch, inputChannels: outputChannelsPerGroup * groups, outputChannels: inputChannels, groups: groups,
                inputSize: outputSize, kernelSize: kernelSize, stride: stride, dilation: dilation, padding: .explicit(pads))
            // The convolution may have more outputs than x has entries, when output-padding is at
            // least the stride; never fewer.
            guard zip(geometry.outputSize, inputSize).allSatisfy({ $0 >= $1 }) else {
                throw DiagnosticError(specError(
                    "internal.transpose-size", spec.range,
                    "internal error: the convolution of the transposed output has size \(formatShape(geometry.outputSize)), not x's \(formatShape(inputSize))"))
            }
            return geometry
        } catch let error as DiagnosticError {
            throw error
        } catch let error as ConvolutionError {
            // The convolution's input channels are the transposed output's channels.
            if case .groupsDoNotDivide(let groups, let inputChannels, let outputChannels) = error {
                throw DiagnosticError(geometryDiagnostic(
                    .groupsDoNotDivide(groups: groups, inputChannels: outputChannels, outputChannels: inputChannels), spec))
            }
            throw DiagnosticError(geometryDiagnostic(error, spec))
        } catch {
            throw DiagnosticError(specError("invalid-shape", spec.range, "\(error)"))
        }
    }

    /// Rejects a transposed output that, with the pads it crops, has more entries than a
    /// tensor may have, at the key that made its longest axis large.
    private func checkTransposedEntryCount(
        _ spec: ParsedSpec, batch: Int, channels: Int, outputSize: [Int], pads: [PadPair],
        inputSize: [Int], kernelSize: [Int], stride: [Int], dilation: [Int]
    ) throws(DiagnosticError) {
        // A pad out of range is ConvolutionGeometry's to report. Otherwise every extent is at
        // most 3·maximumExtent, so the product stops before it can overflow.
        let limit = ConvolutionGeometry.maximumExtent
        guard pads.allSatisfy({ (0...limit).contains($0.begin) && (0...limit).contains($0.end) }) else { return }
        let shape = [batch, channels] + zip(outputSize, pads).map { $0 + $1.begin + $1.end }
        var count = 1
        for extent in shape {
            count *= extent
            if count > ConvolutionGeometry.maximumEntries { break }
        }
        guard count > ConvolutionGeometry.maximumEntries else { return }
        let longest = outputSize.indices.max { outputSize[$0] < outputSize[$1] } ?? 0
        let cause = largestTerm(spec, axis: longest, inputSize: inputSize, kernelSize: kernelSize, stride: stride, dilation: dilation)
        let subject = pads.contains { $0.begin > 0 || $0.end > 0 } ? "the transposed output, before the padding crops it," : "the transposed output"
        throw DiagnosticError(specError(
            "transpose-output-too-large", cause.range,
            "\(subject) would have shape \(formatShape(shape)), more than the limit of \(ConvolutionGeometry.maximumEntries) entries",
            notes: [cause.advice]))
    }

    /// Returns the statement behind the largest term of the transposed output size along an
    /// axis, `(in − 1)·stride` or `dilation·(k − 1)`, with advice on reducing it. Output
    /// padding is smaller than the stride or the dilation, so it is never the largest.
    private func largestTerm(
        _ spec: ParsedSpec, axis: Int, inputSize: [Int], kernelSize: [Int], stride: [Int], dilation: [Int]
    ) -> (range: SourceRange, advice: String) {
        let fallback = spec.tensors[.x]?.valueRange ?? spec.range
        if (inputSize[axis] - 1) * stride[axis] >= dilation[axis] * (kernelSize[axis] - 1) {
            if stride[axis] > 1, let statement = spec.integers[.stride] {
                return (statement.valueRange, "use a smaller stride, because neighbouring entries of x land stride entries apart in the transposed output")
            }
            return (fallback, "use a smaller x")
        }
        if dilation[axis] > 1, let statement = spec.integers[.dilation] {
            return (statement.valueRange, "use a smaller dilation, which spreads the kernel over dilation·(k − 1) + 1 entries")
        }
        return (spec.tensors[.w]?.valueRange ?? fallback, "use a smaller kernel")
    }

    /// Reports a transposed kernel whose C_in differs from x's channels, naming the layout
    /// that w's rank selected: rank dims is one filter with C_in = 1, rank dims + 1 is (C_in,
    /// kernel...) with C_out/groups = 1, and rank dims + 2 is (C_in, C_out/groups, kernel...).
    private func transposedChannelMismatch(
        _ spec: ParsedSpec, w: [Int], dimensions: Int, layout: AxisLayout, inputChannels: Int
    ) -> Diagnostic {
        let range = spec.tensors[.w]?.valueRange ?? spec.range
        let kernel = formatShape(Array(w.suffix(dimensions)))
        switch layout.kernelLeadingAxes {
        case 0:
            return specError(
                "channel-mismatch", range,
                "x has \(inputChannels) channels, but w of shape \(formatShape(w)) is a single transposed filter, which takes 1 input channel",
                notes: ["write w as (C_in, kernel...), shape \(inputChannels)x\(kernel), or as (C_in, C_out/groups, kernel...), shape \(inputChannels)x1x\(kernel)"])
        case 1:
            return specError(
                "channel-mismatch", range,
                "x has \(inputChannels) channels, but w of shape \(formatShape(w)) is read as a transposed kernel (C_in, kernel...) with C_in = \(w[0])",
                notes: ["give w \(inputChannels) as its first axis, shape \(inputChannels)x\(kernel)",
                        "a kernel of rank \(dimensions + 1) has C_out/groups = 1, so for more output channels write w as (C_in, C_out/groups, kernel...)"])
        default:
            return specError(
                "channel-mismatch", range,
                "x has \(inputChannels) channels, but w of shape \(formatShape(w)) is read as a transposed kernel (C_in, C_out/groups, kernel...) with C_in = \(w[0])",
                notes: ["give w \(inputChannels) as its first axis, shape \(inputChannels)x\(w[1])x\(kernel)"])
        }
    }

    /// Explicit pads for a transposed convolution; the rules that derive pads from the output
    /// size (same, same-start, full) are rejected, because here padding crops the output.
    private func transposedPads(_ spec: ParsedSpec, dimensions: Int) throws(DiagnosticError) -> [PadPair] {
        let rule = try paddingRule(spec, dimensions: dimensions)
        switch rule {
        case .valid:
            return Array(repeating: PadPair(begin: 0, end: 0), count: dimensions)
        case .explicit(let pairs):
            if let negative = pairs.firstIndex(where: { $0.begin < 0 || $0.end < 0 }) {
                throw DiagnosticError(specError(
                    "negative-padding", spec.padding?.valueRange ?? spec.range,
                    "padding must not be negative, but axis \(negative + 1) has (\(pairs[negative].begin), \(pairs[negative].end))"))
            }
            return pairs
        case .full, .same, .sameStart:
            throw DiagnosticError(specError(
                "transpose-padding-rule", spec.padding?.valueRange ?? spec.range,
                "kind = transpose takes explicit padding, which crops its output; same, same-start and full are not defined for it",
                notes: ["write the pads, as in padding = 1 or padding = [(1, 0), (1, 0)]"]))
        }
    }
}
