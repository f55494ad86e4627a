import ConvolutionEngine
import SourceDiagnostics

/// Turns a parsed spec into a convolution: resolves generators, shapes and padding, checks
/// the geometry, and runs every route of the engine.
public struct SpecEvaluator: Sendable {
    public var indexBase: Int

    public init(indexBase: Int) {
        self.indexBase = indexBase
    }

    public func evaluate(_ spec: ParsedSpec) throws(DiagnosticError) -> EvaluatedSpec {
        try rejectUnsupported(spec)
        guard let xStatement = spec.tensors[.x] else {
            throw DiagnosticError(specError("missing-x", spec.range, "the spec block '\(spec.name)' has no input x",
                                            notes: ["add a line such as x = [1 2 3; 4 5 6; 7 8 9]"]))
        }
        guard let wStatement = spec.tensors[.w] else {
            throw DiagnosticError(specError("missing-w", spec.range, "the spec block '\(spec.name)' has no kernel w",
                                            notes: ["add a line such as w = [1 2; 3 4]"]))
        }

        // Shapes as written, then the number of spatial dimensions and the axes they imply.
        let x = try fixedTensor(xStatement, key: .x)
        let w = try fixedTensor(wStatement, key: .w)
        let dimensions = try spatialDimensions(spec, kernelRank: w.shape.count, kernelStatement: wStatement)
        let layout = try axisLayout(spec, x: x.shape, w: w.shape, dimensions: dimensions)
        let geometry = try makeGeometry(spec, x: x.shape, w: w.shape, dimensions: dimensions, layout: layout)

        // Bias and upstream gradient, which may take their shapes from the geometry.
        var biasLayout = layout
        let bias = try biasEntries(spec, geometry: geometry, layout: &biasLayout)
        let upstream = try upstreamEntries(spec, geometry: geometry, layout: biasLayout)

        let inputs = [x.entries, w.entries, bias ?? [], upstream]
        let isSymbolic = inputs.contains { $0.contains { $0.constantValue == nil } }
        let report: any ConvolutionReport
        if isSymbolic {
            report = try analyse(geometry, layout: biasLayout, x: x.entries, w: w.entries, bias: bias,
                                 upstream: upstream, spec: spec, convert: { $0 })
        } else {
            report = try analyse(geometry, layout: biasLayout, x: x.entries, w: w.entries, bias: bias,
                                 upstream: upstream, spec: spec, convert: { $0.constantValue ?? .invalid })
        }
        return EvaluatedSpec(spec: spec, report: report, numberMode: .exact, indexBase: indexBase, isSymbolic: isSymbolic)
    }

    // NOTE: transposed convolutions, mode = convolution, float mode and output-padding are
    // part of the note format but not of this version's engine; they are rejected clearly.
    private func rejectUnsupported(_ spec: ParsedSpec) throws(DiagnosticError) {
        let unsupported: [(SpecKey, String)] = [(.mode, "convolution"), (.kind, "transpose"), (.numbers, "float")]
        for (key, word) in unsupported {
            if let statement = spec.words[key], statement.value == word {
                throw DiagnosticError(specError("unsupported", statement.range,
                                                "\(key.rawValue) = \(word) is not supported by this version of convnote",
                                                notes: ["remove the line to use the default"]))
            }
        }
        for key in [SpecKey.outputPadding, .digits] {
            if let statement = spec.integers[key] {
                throw DiagnosticError(specError("unsupported", statement.range,
                                                "\(key.rawValue) is not supported by this version of convnote",
                                                notes: ["remove the line"]))
            }
        }
        if let statement = spec.tolerance {
            throw DiagnosticError(specError("unsupported", statement.range,
                                            "tolerance applies to numbers = float, which this version does not support",
                                            notes: ["remove the line; exact numbers must agree exactly"]))
        }
    }

    private func analyse<Scalar: ConvScalar>(
        _ geometry: ConvolutionGeometry, layout: AxisLayout, x: [Polynomial], w: [Polynomial], bias: [Polynomial]?,
        upstream: [Polynomial], spec: ParsedSpec, convert: (Polynomial) -> Scalar
    ) throws(DiagnosticError) -> ConvolutionAnalysis<Scalar> {
        let problem: ConvolutionProblem<Scalar>
        do {
            problem = try ConvolutionProblem(
                geometry: geometry,
                x: Tensor(shape: geometry.inputShape, scalars: x.map(convert)),
                w: Tensor(shape: geometry.kernelShape, scalars: w.map(convert)),
                bias: bias.map { Tensor(shape: [geometry.outputChannels], scalars: $0.map(convert)) },
                upstream: Tensor(shape: geometry.outputShape, scalars: upstream.map(convert)))
        } catch {
            throw DiagnosticError(specError("shape-mismatch", spec.range, error.description))
        }
        return ConvolutionAnalysis(problem, layout: layout)
    }
}
