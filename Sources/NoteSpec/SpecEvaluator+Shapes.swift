import ConvolutionEngine
import SourceDiagnostics

/// Shape inference: from the tensors as written to a checked `ConvolutionGeometry`.
extension SpecEvaluator {
    /// Entries and shape of a tensor whose shape does not depend on the convolution.
    func fixedTensor(_ statement: Statement<TensorStatement>, key: SpecKey) throws(DiagnosticError) -> (shape: [Int], entries: [ScalarValue]) {
        guard let tensor = try tensor(statement, key: key, defaultShape: nil) else {
            throw DiagnosticError(specError(
                "missing-shape", statement.range, "\(key.rawValue) needs a shape for its generator",
                notes: ["write the shape, as in \(key.rawValue) : 3x3 = ones or \(key.rawValue) = ones(3x3)"]))
        }
        return tensor
    }

    /// Entries and shape of a tensor statement; nil when a generator has no shape and no
    /// `defaultShape` is given.
    func tensor(_ statement: Statement<TensorStatement>, key: SpecKey, defaultShape: [Int]?) throws(DiagnosticError) -> (shape: [Int], entries: [ScalarValue])? {
        switch statement.value.source {
        case .literal(let literal):
            guard let shape = statement.value.explicitShape else { return (literal.shape, literal.entries) }
            guard shape.reduce(1, *) == literal.entries.count else {
                throw DiagnosticError(specError(
                    "shape-mismatch", statement.valueRange,
                    "the explicit shape \(formatShape(shape)) holds \(shape.reduce(1, *)) entries, but the tensor has \(literal.entries.count) (shape \(formatShape(literal.shape)))",
                    notes: ["make the shape and the entries agree"]))
            }
            return (shape, literal.entries)
        case .generator(let generator, let argumentShape):
            if let explicit = statement.value.explicitShape, let argumentShape, explicit != argumentShape {
                var notes = ["keep one of them"]
                if case .arange = generator { notes.append("a number inside arange(...) is its shape; to set the first value, write arange(start: 1)") }
                throw DiagnosticError(specError(
                    "shape-mismatch", statement.range,
                    "\(key.rawValue) is given two shapes, \(formatShape(explicit)) before = and \(formatShape(argumentShape)) in the generator's arguments",
                    notes: notes))
            }
            guard let shape = statement.value.explicitShape ?? argumentShape ?? defaultShape else { return nil }
            guard shape.reduce(1, *) <= TensorLiteralParser.maximumEntries else {
                throw DiagnosticError(specError(
                    "tensor-too-large", statement.range,
                    "\(key.rawValue) would have \(shape.reduce(1, *)) entries, above the limit of \(TensorLiteralParser.maximumEntries)"))
            }
            return (shape, generator.entries(shape: shape, indexBase: indexBase).map(ScalarValue.exact))
        }
    }

    /// Returns the number of spatial dimensions: `dims` when given, otherwise from w's rank
    /// (rank 1 is 1-D, ranks 2 to 4 are 2-D, rank 5 is 3-D).
    func spatialDimensions(_ spec: ParsedSpec, kernelRank: Int, kernelStatement: Statement<TensorStatement>) throws(DiagnosticError) -> Int {
        if let statement = spec.integers[.dims] {
            let value = statement.value[0]
            guard (1...3).contains(value) else {
                throw DiagnosticError(specError("invalid-dims", statement.valueRange, "dims must be 1, 2 or 3, not \(value)"))
            }
            return value
        }
        switch kernelRank {
        case 1: return 1
        case 2, 3, 4: return 2
        case 5: return 3
        default:
            throw DiagnosticError(specError(
                "kernel-rank", kernelStatement.valueRange,
                "w has rank \(kernelRank); a kernel has rank 1 to 5",
                notes: ["write w as kernel axes, (C_in/groups, kernel...) or (C_out, C_in/groups, kernel...)"]))
        }
    }

    /// Returns the optional axes that x and w carry, judged from their ranks.
    func axisLayout(_ spec: ParsedSpec, x: [Int], w: [Int], dimensions: Int) throws(DiagnosticError) -> AxisLayout {
        let names = ["1-D": "(W)", "2-D": "(H, W)", "3-D": "(D, H, W)"]
        let label = "\(dimensions)-D"
        let spatial = names[label] ?? ""
        let inputExtra = x.count - dimensions
        guard (0...2).contains(inputExtra) else {
            throw DiagnosticError(specError(
                "input-rank", spec.tensors[.x]?.valueRange ?? spec.range,
                "x has shape \(formatShape(x)), but a \(label) convolution takes x of rank \(dimensions) \(spatial), \(dimensions + 1) (C, ...) or \(dimensions + 2) (N, C, ...)",
                notes: spec.integers[.dims] == nil ? ["the kernel's rank made this \(label); set dims to choose"] : []))
        }
        let kernelExtra = w.count - dimensions
        guard (0...2).contains(kernelExtra) else {
            throw DiagnosticError(specError(
                "kernel-rank", spec.tensors[.w]?.valueRange ?? spec.range,
                "w has shape \(formatShape(w)), but a \(label) convolution takes w of rank \(dimensions), \(dimensions + 1) (C_in/groups, ...) or \(dimensions + 2) (C_out, C_in/groups, ...)"))
        }
        let bias = spec.tensors[.b]
        var biasIsScalar = false
        if case .literal(let literal)? = bias?.value.source, bias?.value.explicitShape == nil, literal.shape.isEmpty {
            biasIsScalar = true
        }
        return AxisLayout(inputHasBatchAxis: inputExtra == 2, inputHasChannelAxis: inputExtra >= 1,
                          kernelLeadingAxes: kernelExtra, biasIsScalar: biasIsScalar)
    }

    /// Builds and checks the geometry, reporting any failure at the statement it concerns.
    func makeGeometry(_ spec: ParsedSpec, x: [Int], w: [Int], dimensions: Int, layout: AxisLayout) throws(DiagnosticError) -> ConvolutionGeometry {
        let inputSize = Array(x.suffix(dimensions))
        let kernelSize = Array(w.suffix(dimensions))
        let batch = layout.inputHasBatchAxis ? x[0] : 1
        let inputChannels = layout.inputHasChannelAxis ? x[x.count - dimensions - 1] : 1
        let kernelChannels = layout.kernelLeadingAxes >= 1 ? w[w.count - dimensions - 1] : 1
        let outputChannels = layout.kernelLeadingAxes == 2 ? w[0] : 1
        let groups = spec.integers[.groups]?.value[0] ?? 1

        guard groups < 1 || groups > inputChannels || kernelChannels * groups == inputChannels else {
            throw DiagnosticError(specError(
                "channel-mismatch", spec.tensors[.w]?.valueRange ?? spec.range,
                ConvolutionError.channelMismatch(inputChannels: inputChannels, kernelChannels: kernelChannels, groups: groups).description,
                notes: channelNotes(spec, inputChannels: inputChannels, groups: groups, dimensions: dimensions)))
        }

        let stride = try perDimension(spec, .stride, dimensions: dimensions)
        let dilation = try perDimension(spec, .dilation, dimensions: dimensions)
        let padding = try paddingRule(spec, dimensions: dimensions)
        do {
            return try ConvolutionGeometry(
                batch: batch, inputChannels: inputChannels, outputChannels: outputChannels, groups: groups,
                inputSize: inputSize, kernelSize: kernelSize, stride: stride, dilation: dilation, padding: padding)
        } catch {
            throw DiagnosticError(geometryDiagnostic(error, spec))
        }
    }

    private func channelNotes(_ spec: ParsedSpec, inputChannels: Int, groups: Int, dimensions: Int) -> [String] {
        var notes = ["give w \(max(inputChannels / max(groups, 1), 1)) input channels per group, or change groups"]
        if spec.integers[.dims] == nil {
            notes.append("w's rank made this a \(dimensions)-D convolution; set dims, or write a 2-D kernel with two bracket levels, such as w = [[1]]")
        }
        return notes
    }

    func perDimension(_ spec: ParsedSpec, _ key: SpecKey, dimensions: Int, default value: Int = 1) throws(DiagnosticError) -> [Int] {
        guard let statement = spec.integers[key] else { return Array(repeating: value, count: dimensions) }
        if statement.value.count == 1 { return Array(repeating: statement.value[0], count: dimensions) }
        guard statement.value.count == dimensions else {
            throw DiagnosticError(specError(
                "wrong-arity", statement.valueRange,
                "\(key.rawValue) gives \(statement.value.count) values, but the convolution has \(dimensions) spatial dimensions",
                notes: ["write one value for every axis, or a single value for all of them"]))
        }
        return statement.value
    }

    func paddingRule(_ spec: ParsedSpec, dimensions: Int) throws(DiagnosticError) -> PaddingRule {
        guard let statement = spec.padding else { return .valid }
        let arityError = { (count: Int) in
            DiagnosticError(specError(
                "wrong-arity", statement.valueRange,
                "padding gives \(count) values, but the convolution has \(dimensions) spatial dimensions",
                notes: ["write one entry per spatial axis"]))
        }
        switch statement.value {
        case .rule(let rule):
            return rule
        case .uniform(let pad):
            return .explicit(Array(repeating: PadPair(begin: pad, end: pad), count: dimensions))
        case .perDimension(let pads):
            if pads.count == 1 { return .explicit(Array(repeating: PadPair(begin: pads[0], end: pads[0]), count: dimensions)) }
            guard pads.count == dimensions else { throw arityError(pads.count) }
            return .explicit(pads.map { PadPair(begin: $0, end: $0) })
        case .pairs(let pairs):
            guard pairs.count == dimensions else { throw arityError(pairs.count) }
            return .explicit(pairs)
        case .sides(let sides):
            let names = PaddingSpec.sideNames(dimensions: dimensions)
            let allowed = names.flatMap { [$0.begin, $0.end] }
            if let stray = sides.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw DiagnosticError(specError(
                    "unknown-padding", statement.valueRange,
                    "a \(dimensions)-D convolution has no '\(stray)' side",
                    notes: ["its sides are " + allowed.joined(separator: ", ")]))
            }
            return .explicit(names.map { PadPair(begin: sides[$0.begin] ?? 0, end: sides[$0.end] ?? 0) })
        }
    }

    func geometryDiagnostic(_ error: ConvolutionError, _ spec: ParsedSpec) -> Diagnostic {
        let fallback = spec.tensors[.x]?.valueRange ?? spec.range
        switch error {
        case .nonPositive(let parameter, _, _) where parameter == "stride" || parameter == "dilation":
            let key: SpecKey = parameter == "stride" ? .stride : .dilation
            return specError("invalid-\(parameter)", spec.integers[key]?.valueRange ?? fallback, error.description,
                             notes: ["\(parameter) counts input entries per step; write 1 or more"])
        case .nonPositive(let parameter, _, _) where parameter == "kernel size":
            return specError("invalid-shape", spec.tensors[.w]?.valueRange ?? fallback, error.description)
        case .negativePadding:
            return specError("negative-padding", spec.padding?.valueRange ?? fallback, error.description,
                             notes: ["to crop the input, make x smaller instead"])
        case .groupsDoNotDivide:
            return specError("invalid-groups", spec.integers[.groups]?.valueRange ?? fallback, error.description,
                             notes: ["choose groups among the common divisors of both channel counts"])
        case .kernelLargerThanInput:
            return specError("kernel-too-large", spec.tensors[.w]?.valueRange ?? fallback, error.description,
                             notes: ["use a smaller kernel or dilation, or pad the input, for example padding = full"])
        case .extentTooLarge(let parameter, _, _, _):
            let range: SourceRange?
            switch parameter {
            case "stride": range = spec.integers[.stride]?.valueRange
            case "dilation": range = spec.integers[.dilation]?.valueRange
            case "padding": range = spec.padding?.valueRange
            case "kernel size": range = spec.tensors[.w]?.valueRange
            default: range = nil
            }
            return specError("extent-too-large", range ?? fallback, error.description)
        case .wrongArity(let parameter, _, _):
            let range = parameter == "padding" ? spec.padding?.valueRange : nil
            return specError("wrong-arity", range ?? fallback, error.description)
        case .shapeMismatch(let tensor, _, _):
            let key = SpecKey(rawValue: tensor) ?? .x
            return specError("shape-mismatch", spec.tensors[key]?.valueRange ?? fallback, error.description)
        case .nonPositive, .channelMismatch, .tooLarge:
            return specError("invalid-shape", fallback, error.description)
        }
    }

    /// Returns the bias entries, one per output channel (a scalar is repeated), or nil without b.
    func biasEntries(_ spec: ParsedSpec, outputChannels channels: Int, layout: inout AxisLayout) throws(DiagnosticError) -> [ScalarValue]? {
        guard let statement = spec.tensors[.b] else { return nil }
        let defaultShape = channels == 1 ? [] : [channels]
        guard let bias = try tensor(statement, key: .b, defaultShape: defaultShape) else { return nil }
        if bias.shape.isEmpty {
            layout.biasIsScalar = true
            return Array(repeating: bias.entries[0], count: channels)
        }
        guard bias.shape == [channels] else {
            throw DiagnosticError(specError(
                "shape-mismatch", statement.valueRange,
                "b has shape \(formatShape(bias.shape)), but the convolution has \(channels) output channels",
                notes: ["give one number for every output channel, or a single number shared by all"]))
        }
        return bias.entries
    }

    /// Returns the upstream gradient in the full (N, C_out, output...) layout, or ones when the
    /// spec gives none.
    func upstreamEntries(
        _ spec: ParsedSpec, outputShape full: [Int], outputChannels: Int, layout: AxisLayout
    ) throws(DiagnosticError) -> [ScalarValue] {
        let shown = layout.authorShape(of: .y, fullShape: full, outputChannels: outputChannels)
        guard let statement = spec.tensors[.upstream] else {
            return Array(repeating: .exact(.one), count: full.reduce(1, *))
        }
        guard let upstream = try tensor(statement, key: .upstream, defaultShape: shown) else { return [] }
        guard upstream.shape == shown || upstream.shape == full else {
            throw DiagnosticError(specError(
                "shape-mismatch", statement.valueRange,
                "dL/dy has shape \(formatShape(upstream.shape)), but y has shape \(formatShape(shown))",
                notes: ["give dL/dy the shape of y, or write dL/dy = ones"]))
        }
        return upstream.entries
    }
}
