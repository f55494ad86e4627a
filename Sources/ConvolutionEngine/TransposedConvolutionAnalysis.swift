/// Every quantity of a transposed convolution, computed through the convolution it
/// transposes, as PyTorch's `ConvTranspose` and ONNX define it.
///
/// The transposed convolution with kernel w (C_in, C_out/groups, kernel...) is the adjoint of
/// the convolution `conv` that has the same w as its (C_out_conv, C_in_conv/groups, ...)
/// kernel and maps the transposed output's shape to the transposed input's shape. So with
/// `conv` run on x = dL/dy (of the transposed operation) and upstream gradient = x:
/// the transposed y is conv's dL/dx (plus the bias), the transposed dL/dx is conv's y, and
/// dL/dw is conv's dL/dw. Each of these keeps the routes of `ConvolutionAnalysis`.
public struct TransposedConvolutionAnalysis<Scalar: ConvScalar>: Sendable {
    /// The convolution it transposes, with x = dL/dy and dL/dy = x of the transposed operation.
    public let convolution: ConvolutionAnalysis<Scalar>
    public let layout: AxisLayout
    let tensors: [Quantity: Tensor<Scalar>]
    let inputJacobian: SparseMatrix<Scalar>
    let weightJacobian: SparseMatrix<Scalar>
    public internal(set) var comparisons: [RouteComparison]

    /// Analyses the transposed convolution of `x` (N, C_in, in...) with `w` (C_in,
    /// C_out/groups, kernel...). `geometry` is that of the convolution it transposes: its
    /// input is the transposed output. Its output size may exceed x's spatial size when the
    /// output padding is at least the stride (allowed while it stays below the dilation);
    /// x is then extended with zeros, so those extra outputs get no gradient, as PyTorch does.
    @_specialize(exported: true, where Scalar == Rational)
    @_specialize(exported: true, where Scalar == Polynomial)
    @_specialize(exported: true, where Scalar == Double)
    public init(
        geometry: ConvolutionGeometry, x: Tensor<Scalar>, w: Tensor<Scalar>, bias: Tensor<Scalar>?,
        upstream: Tensor<Scalar>, layout: AxisLayout, relativeTolerance: Double = 0
    ) throws(ConvolutionError) {
        // The transposed kernel's layout differs from a convolution's. The shown shapes are
        // checked before any reshape, so that a layout that does not fit throws, not traps.
        var layout = layout
        layout.kernelIsTransposed = true
        try layout.checkShownShapes(geometry)

        let extension_ = (0..<geometry.dimensions).map { axis in
            PadPair(begin: 0, end: geometry.outputSize[axis] - x.shape[axis + 2])
        }
        let extendedX = padOrCrop(x, leadingAxes: 2, pads: extension_)
        let problem = try ConvolutionProblem(geometry: geometry, x: upstream, w: w, bias: nil, upstream: extendedX)
        // NOTE: The inner convolution also computes quantities that are not this spec's, such
        // as its own dL/db (the sums of x) and products over the zero extension that are
        // cropped away. An overflow there is reported although every quantity of the
        // transposed convolution fits, e.g. for x entries near 2^62.
        let convolution = ConvolutionAnalysis(problem, layout: .full, relativeTolerance: relativeTolerance)
        self.convolution = convolution
        self.layout = layout
        inputShape = x.shape
        convolutionIndex = Self.indexMap(from: x.shape, to: extendedX.shape)

        // The transposed quantities, in the full layouts.
        let channels = geometry.inputChannels
        let positions = geometry.inputPositions
        let biasValues = bias ?? Tensor.zeros([channels])
        var y = convolution.tensors[.inputGradient] ?? Tensor.zeros(upstream.shape)
        for flat in y.scalars.indices {
            y.scalars[flat] += biasValues.scalars[(flat / positions) % channels]
        }
        let inputGradient = padOrCrop(convolution.tensors[.y] ?? extendedX, leadingAxes: 2,
                                      pads: extension_.map { PadPair(begin: 0, end: -$0.end) })
        let biasBySum = channelSums(upstream, channels: channels, positions: positions)
        let biasByRows = rowSumBiasGradient(matrixRows(upstream, channels: channels, positions: positions))

        // Shown shapes: y and dL/dy follow x's axes, as for a convolution.
        let shown = { (quantity: Quantity, tensor: Tensor<Scalar>) -> Tensor<Scalar> in
            tensor.reshaped(layout.authorShape(of: quantity, fullShape: tensor.shape, outputChannels: channels))
        }
        var tensors: [Quantity: Tensor<Scalar>] = [:]
        for quantity in [Quantity.columns, .columnsTransposed, .kernelRows, .upstreamRows] {
            tensors[quantity] = convolution.tensors[quantity]
        }
        // The convolution's tensors in the axes a reader of this spec expects: its padded
        // input is the padded dL/dy, shaped like y; its upstream gradient is x.
        let full = convolution.problem
        tensors[.paddedInput] = shown(.y, padOrCrop(full.x, leadingAxes: 2, pads: geometry.padding))
        tensors[.dilatedUpstream] = shown(.x, dilatedUpstream(full))
        tensors[.paddedUpstream] = shown(.x, paddedUpstream(dilatedUpstream(full), geometry: geometry))
        tensors[.flippedKernel] = shown(.flippedKernel, flippedKernel(full))
        tensors[.x] = shown(.x, x)
        tensors[.w] = shown(.w, w)
        tensors[.b] = layout.biasIsScalar ? Tensor(shape: [], scalars: [biasValues.scalars[0]]) : biasValues
        tensors[.upstream] = shown(.upstream, upstream)
        tensors[.y] = shown(.y, y)
        tensors[.inputGradient] = shown(.inputGradient, inputGradient)
        tensors[.weightGradient] = (convolution.tensors[.weightGradient]).map { shown(.weightGradient, $0.reshaped(w.shape)) }
        tensors[.biasGradient] = layout.biasIsScalar
            ? Tensor(shape: [], scalars: [biasBySum.scalars.reduce(.zero, +)]) : biasBySum
        self.tensors = tensors

        // ∂y/∂x is the transpose of the convolution's ∂y/∂x, without the columns of the zeros
        // that extend x; ∂y/∂w comes from the scope of impact.
        inputJacobian = Self.transposedInputJacobian(convolution.inputJacobian, columnOf: convolutionIndex, columns: x.count)
        weightJacobian = transposedWeightJacobian(problem, isInput: Set(convolutionIndex))

        // In floating point, dL/db[o] sums dL/dy[·, o], so its rounding grows with ‖dL/dy[·, o]‖₁.
        let biasScales = (upstream as? Tensor<Double>).map {
            channelSums($0.map(abs), channels: channels, positions: positions).scalars
        } ?? []
        comparisons = Self.renamed(convolution.comparisons, biasBySum: biasBySum, biasByRows: biasByRows,
                                   biasScales: biasScales, relativeTolerance: relativeTolerance)
    }

    /// The full (N, C_in, in...) shape of x.
    let inputShape: [Int]
    /// For each flat index of x, the flat index of the same entry in the extended x, which is
    /// an output index of the convolution.
    let convolutionIndex: [Int]

    private static func indexMap(from shape: [Int], to extended: [Int]) -> [Int] {
        let strides = rowMajorStrides(extended)
        return (0..<shape.reduce(1, *)).map { flat in
            zip(coordinates(ofFlatIndex: flat, in: shape), strides).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    private static func transposedInputJacobian(
        _ convolutionJacobian: SparseMatrix<Scalar>, columnOf convolutionIndex: [Int], columns: Int
    ) -> SparseMatrix<Scalar> {
        var triples: [(row: Int, column: Int, value: Scalar)] = []
        for (column, row) in convolutionIndex.enumerated() {
            for slot in convolutionJacobian.rowStart[row]..<convolutionJacobian.rowStart[row + 1] {
                triples.append((convolutionJacobian.columns[slot], column, convolutionJacobian.values[slot]))
            }
        }
        return SparseMatrix(rowCount: convolutionJacobian.columnCount, columnCount: columns, triples: triples)
    }

    /// The route names of the transposed operation, in the order the convolution compared them.
    private static func renamed(
        _ comparisons: [RouteComparison], biasBySum: Tensor<Scalar>, biasByRows: Tensor<Scalar>, biasScales: [Double],
        relativeTolerance: Double
    ) -> [RouteComparison] {
        let names: [Quantity: (Quantity, [String])] = [
            .inputGradient: (.y, ["x dilated, padded and correlated with w_flip", "J_conv^T · vec(x)", "col2im of W_row^T · x as rows"]),
            .y: (.inputGradient, ["sliding window over padded dL/dy", "W_row · im2col(dL/dy)", "J_conv · vec(dL/dy)"]),
            .weightGradient: (.weightGradient, ["x as rows · im2col(dL/dy)^T", "direct sum over positions", "J_w^T · vec(x)"]),
        ]
        var result: [RouteComparison] = []
        for comparison in comparisons {
            guard let (quantity, routes) = names[comparison.quantity] else { continue }
            let mismatch = comparison.mismatch.map { old in
                RouteMismatch(quantity: quantity, entry: old.entry,
                              firstRoute: routes[comparison.routes.firstIndex(of: old.firstRoute) ?? 0], firstValue: old.firstValue,
                              secondRoute: routes[comparison.routes.firstIndex(of: old.secondRoute) ?? 1], secondValue: old.secondValue)
            }
            result.append(RouteComparison(quantity: quantity, routes: routes, entryCount: comparison.entryCount, mismatch: mismatch))
        }
        result.append(compareRoutes(.biasGradient, shape: biasBySum.shape, results: [
            ("sum of dL/dy", biasBySum.scalars), ("dL/dy as rows · 1", biasByRows.scalars),
        ], relativeTolerance: relativeTolerance, termScale: { biasScales.isEmpty ? 0 : biasScales[$0] }))
        return result.sorted { order($0.quantity) < order($1.quantity) }
    }

    private static func order(_ quantity: Quantity) -> Int {
        [Quantity.y, .weightGradient, .inputGradient, .biasGradient].firstIndex(of: quantity) ?? 4
    }
}

/// Sums a (N, C, positions) tensor per channel.
private func channelSums<Scalar: ConvScalar>(_ tensor: Tensor<Scalar>, channels: Int, positions: Int) -> Tensor<Scalar> {
    var sums = Tensor<Scalar>.zeros([channels])
    for (flat, value) in tensor.scalars.enumerated() {
        sums.scalars[(flat / positions) % channels] += value
    }
    return sums
}

/// Lays a (N, C, positions) tensor out as C × (N·positions), images side by side.
private func matrixRows<Scalar: ConvScalar>(_ tensor: Tensor<Scalar>, channels: Int, positions: Int) -> Tensor<Scalar> {
    let batch = tensor.count / max(channels * positions, 1)
    var matrix = Tensor<Scalar>.zeros([channels, batch * positions])
    for n in 0..<batch {
        for c in 0..<channels {
            for p in 0..<positions {
                matrix.scalars[c * batch * positions + n * positions + p] = tensor.scalars[(n * channels + c) * positions + p]
            }
        }
    }
    return matrix
}

/// ∂y/∂w of the transposed convolution, from the scope of impact of the convolution it
/// transposes: transposed output entry q gains `x[o] · w[j]` for every impact of that
/// convolution that carries its input position q to its output o through weight j. Rows are
/// the transposed y's entries, columns w's entries.
private func transposedWeightJacobian<Scalar: ConvScalar>(_ problem: ConvolutionProblem<Scalar>, isInput: Set<Int>) -> SparseMatrix<Scalar> {
    var triples: [(row: Int, column: Int, value: Scalar)] = []
    forEachImpact(problem.geometry) { impact in
        guard isInput.contains(impact.output) else { return }
        triples.append((impact.input, impact.weight, problem.upstream.scalars[impact.output]))
    }
    return SparseMatrix(rowCount: problem.x.count, columnCount: problem.w.count, triples: triples)
}
