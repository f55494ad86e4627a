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
        let options = try SpecOptions(spec)
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
        var layout = try axisLayout(spec, x: x.shape, w: w.shape, dimensions: dimensions)
        layout.kernelIsTransposed = options.isTransposed
        let geometry = options.isTransposed
            ? try makeTransposedGeometry(spec, x: x.shape, w: w.shape, dimensions: dimensions, layout: layout)
            : try makeGeometry(spec, x: x.shape, w: w.shape, dimensions: dimensions, layout: layout)
        do {
            try layout.checkShownShapes(geometry)
        } catch {
            throw DiagnosticError(specError(
                "internal.layout", wStatement.valueRange,
                "internal error: x has shape \(formatShape(x.shape)) and w has shape \(formatShape(w.shape)), which convnote cannot show in the layout it inferred (\(error.description))",
                notes: ["please report this as a bug, with the spec block"]))
        }

        do {
            try geometry.checkVerifiable()
        } catch {
            throw DiagnosticError(specError("too-many-products", xStatement.valueRange, error.description,
                                            notes: ["convnote runs and compares every route; use fewer channels or a smaller input"]))
        }

        // Bias and upstream gradient, which may take their shapes from the geometry.
        let outputChannels = options.isTransposed ? geometry.inputChannels : geometry.outputChannels
        let outputShape = options.isTransposed ? geometry.inputShape : geometry.outputShape
        var fullLayout = layout
        let bias = try biasEntries(spec, outputChannels: outputChannels, layout: &fullLayout)
        let upstream = try upstreamEntries(spec, outputShape: outputShape, outputChannels: outputChannels, layout: fullLayout)

        // The scalar type: floating point on request, polynomials when a symbol appears, and
        // exact rationals otherwise.
        let inputs = Inputs(x: x.entries, spatialSize: Array(x.shape.suffix(dimensions)), w: w.entries, bias: bias, upstream: upstream)
        let isSymbolic = inputs.all.contains { $0.contains(where: Self.isSymbolic) }
        try options.checkGenerators(spec)
        if isSymbolic { try checkSymbolicSize(geometry, spec) }
        let report: any ConvolutionReport
        switch (options.numbers, isSymbolic) {
        case (.float, true):
            throw DiagnosticError(symbolInFloatMode(spec))
        case (.float, false):
            report = try analyse(geometry, layout: fullLayout, inputs: inputs, spec: spec, options: options) { value in
                switch value {
                case .float(let number): number
                case .exact(let polynomial): (polynomial.constantValue ?? .invalid).doubleValue
                }
            }
        case (.exact, true):
            report = try analyse(geometry, layout: fullLayout, inputs: inputs, spec: spec, options: options, convert: Self.exactValue)
        case (.exact, false):
            report = try analyse(geometry, layout: fullLayout, inputs: inputs, spec: spec, options: options) {
                Self.exactValue($0).constantValue ?? .invalid
            }
        }
        if options.numbers == .float, let invalid = report.firstInvalidEntry {
            throw DiagnosticError(floatOverflow(invalid, spec))
        }
        return EvaluatedSpec(spec: spec, report: report, numberMode: options.numbers, indexBase: indexBase,
                             isSymbolic: isSymbolic, digits: options.digits, tolerance: options.tolerance)
    }

    /// The entries of every input in the full layouts, before conversion to a scalar type:
    /// doubles from float-mode literals, and exact values from everything else.
    struct Inputs {
        var x: [ScalarValue]
        /// x's spatial size, which a transposed spec's geometry can exceed.
        var spatialSize: [Int]
        var w: [ScalarValue]
        var bias: [ScalarValue]?
        var upstream: [ScalarValue]

        var all: [[ScalarValue]] { [x, w, bias ?? [], upstream] }
    }

    private static func isSymbolic(_ value: ScalarValue) -> Bool {
        guard case .exact(let polynomial) = value else { return false }
        return polynomial.constantValue == nil
    }

    /// Returns an exact entry. Only float mode reads literals as doubles, so exact mode
    /// never meets one, and would treat it as invalid.
    private static func exactValue(_ value: ScalarValue) -> Polynomial {
        guard case .exact(let polynomial) = value else { return .invalid }
        return polynomial
    }

    /// The most products a symbolic spec may have: every route multiplies and adds
    /// polynomials, which costs far more than numbers.
    public static let maximumSymbolicProducts = 1 << 13

    private func checkSymbolicSize(_ geometry: ConvolutionGeometry, _ spec: ParsedSpec) throws(DiagnosticError) {
        let products = geometry.productCount
        guard products <= Self.maximumSymbolicProducts else {
            throw DiagnosticError(specError(
                "symbolic-too-large", spec.tensors[.x]?.valueRange ?? spec.range,
                "this symbolic spec has \(products) products (output entries × input channels per group × kernel size), above the limit of \(Self.maximumSymbolicProducts) for symbols",
                notes: ["use numbers, fewer channels or a smaller input"]))
        }
    }

    /// Reports an infinite or NaN entry in float mode, which the checks of exact arithmetic
    /// would otherwise call an exact overflow.
    private func floatOverflow(_ invalid: (quantity: Quantity, entry: [Int]), _ spec: ParsedSpec) -> Diagnostic {
        let entry = invalid.entry.map { String($0 + indexBase) }.joined(separator: ",")
        return specError("float-overflow", spec.range,
                         "floating-point arithmetic overflowed while computing \(invalid.quantity.rawValue)[\(entry)]",
                         notes: ["doubles hold magnitudes up to about 1.8e308, so use smaller entries in the spec '\(spec.name)'"])
    }

    /// Reports the `symbols` generator in float mode. The parser already rejects a symbol
    /// written in a float-mode literal.
    private func symbolInFloatMode(_ spec: ParsedSpec) -> Diagnostic {
        for key in [SpecKey.x, .w, .b, .upstream] {
            guard let statement = spec.tensors[key], case .generator(.symbols, _) = statement.value.source else { continue }
            return specError("symbol-in-float", statement.valueRange,
                             "numbers = float computes with numbers only, but \(key.rawValue) is filled with symbols",
                             notes: ["remove numbers = float to compute symbolically, or fill \(key.rawValue) with numbers, such as random(seed: 7)"])
        }
        return specError("symbol-in-float", spec.words[.numbers]?.range ?? spec.range,
                         "numbers = float computes with numbers only, but an input contains a symbol",
                         notes: ["remove numbers = float to compute symbolically"])
    }

    private func analyse<Scalar: ConvScalar>(
        _ geometry: ConvolutionGeometry, layout: AxisLayout, inputs: Inputs, spec: ParsedSpec, options: SpecOptions,
        convert: (ScalarValue) -> Scalar
    ) throws(DiagnosticError) -> any ConvolutionReport {
        let x = inputs.x.map(convert)
        let w = inputs.w.map(convert)
        let bias = inputs.bias.map { $0.map(convert) }
        let upstream = inputs.upstream.map(convert)
        let tolerance = options.numbers == .float ? options.tolerance : 0
        do {
            if options.isTransposed {
                let analysis = try TransposedConvolutionAnalysis(
                    geometry: geometry,
                    x: Tensor(shape: [geometry.batch, geometry.outputChannels] + inputs.spatialSize, scalars: x),
                    w: Tensor(shape: geometry.kernelShape, scalars: w),
                    bias: bias.map { Tensor(shape: [geometry.inputChannels], scalars: $0) },
                    upstream: Tensor(shape: geometry.inputShape, scalars: upstream), layout: layout,
                    relativeTolerance: tolerance)
                if var floating = analysis as? TransposedConvolutionAnalysis<Double> {
                    floating.addFiniteDifferenceChecks(tolerance: options.tolerance)
                    return floating
                }
                return analysis
            }
            let problem = try ConvolutionProblem(
                geometry: geometry,
                x: Tensor(shape: geometry.inputShape, scalars: x),
                w: Tensor(shape: geometry.kernelShape, scalars: w),
                bias: bias.map { Tensor(shape: [geometry.outputChannels], scalars: $0) },
                upstream: Tensor(shape: geometry.outputShape, scalars: upstream))
            let analysis = ConvolutionAnalysis(problem, layout: layout, mode: options.mode, relativeTolerance: tolerance)
            if var floating = analysis as? ConvolutionAnalysis<Double> {
                floating.addFiniteDifferenceChecks(tolerance: options.tolerance)
                return floating
            }
            return analysis
        } catch {
            throw DiagnosticError(specError("shape-mismatch", spec.range, error.description))
        }
    }
}
