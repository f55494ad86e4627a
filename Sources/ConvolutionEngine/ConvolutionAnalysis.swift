/// Whether the forward pass correlates with the kernel as written, as deep-learning
/// frameworks do, or with the kernel rotated 180°, as the mathematical convolution does.
public enum KernelMode: String, Sendable {
    case crossCorrelation = "cross-correlation"
    case convolution
}

/// Every quantity of one convolution, each computed by independent routes that were compared.
public struct ConvolutionAnalysis<Scalar: ConvScalar>: Sendable {
    /// The problem as computed: in convolution mode its kernel is the written one rotated
    /// 180°, so that every route is a correlation.
    public let problem: ConvolutionProblem<Scalar>
    public let layout: AxisLayout
    public let mode: KernelMode
    /// Each quantity in its shown shape; the Jacobians live in `inputJacobian` and
    /// `weightJacobian` instead.
    public let tensors: [Quantity: Tensor<Scalar>]
    public let inputJacobian: SparseMatrix<Scalar>
    public let weightJacobian: SparseMatrix<Scalar>
    public internal(set) var comparisons: [RouteComparison]

    /// Runs every route and compares them. `relativeTolerance` applies to floating point only;
    /// exact and symbolic routes must agree exactly.
    ///
    /// In convolution mode the routes run on the rotated kernel. `w`, `dL/dw` and the columns
    /// of `J_w` are then reported for the kernel as written, while `W_row` and the products
    /// of `| expand` show the rotated kernel that actually multiplies the windows.
    // Callers in other modules would otherwise run the unspecialized generic code, which
    // spends most of its time looking up type metadata.
    @_specialize(exported: true, where Scalar == Rational)
    @_specialize(exported: true, where Scalar == Polynomial)
    @_specialize(exported: true, where Scalar == Double)
    public init(_ written: ConvolutionProblem<Scalar>, layout: AxisLayout, mode: KernelMode = .crossCorrelation,
                relativeTolerance: Double = 0) {
        // Integer problems, the common case, run in plain integers first.
        if Scalar.self == Rational.self, let integral = Self.integerAnalysis(written, layout: layout, mode: mode) {
            self = integral
            return
        }
        let geometry = written.geometry
        let problem = mode == .convolution ? written.replacingKernel(
            spatiallyFlipped(written.w, kernelPositions: geometry.kernelPositions)) : written
        self.problem = problem
        self.layout = layout
        self.mode = mode

        // Inputs and the padded input.
        let paddedInput = padOrCrop(problem.x, leadingAxes: 2, pads: geometry.padding)
        let bias = problem.bias ?? Tensor.zeros([geometry.outputChannels])

        // The matrices of im2col.
        let columns = im2col(problem)
        let kernelRows = kernelRows(problem)
        let upstreamRows = upstreamRows(problem)

        // The Jacobians, from the scope of impact of each input entry.
        let (inputJacobian, weightJacobian) = impactJacobians(problem)
        self.inputJacobian = inputJacobian
        self.weightJacobian = mode == .convolution
            ? weightJacobian.permutingColumns { Self.rotatedKernelIndex($0, kernelPositions: geometry.kernelPositions) }
            : weightJacobian

        // y by three routes.
        let window = slidingWindowForward(problem, paddedInput: paddedInput)
        let product = matrixProductForward(problem, columns: columns, kernelRows: kernelRows)
        let jacobianProduct = zip(inputJacobian.multiplied(by: problem.x.scalars), window.scalars.indices)
            .map { value, flat in value + bias.scalars[(flat / geometry.outputPositions) % geometry.outputChannels] }

        // dL/dw by three routes.
        let weightByProduct = matrixProductWeightGradient(problem, columns: columns, upstreamRows: upstreamRows)
        let weightByDirectSum = directWeightGradient(problem, paddedInput: paddedInput)
        let weightByJacobian = weightJacobian.transposeMultiplied(by: problem.upstream.scalars)

        // dL/dx by three routes.
        let flipped = flippedKernel(problem)
        let dilated = dilatedUpstream(problem)
        let paddedGradient = paddedUpstream(dilated, geometry: geometry)
        let inputByFlip = flippedKernelInputGradient(geometry, paddedUpstream: paddedGradient, flippedKernel: flipped)
        let inputByJacobian = inputJacobian.transposeMultiplied(by: problem.upstream.scalars)
        let inputByCol2im = col2imInputGradient(problem, kernelRows: kernelRows, upstreamRows: upstreamRows)

        // dL/db by two routes.
        let biasBySum = summedBiasGradient(problem)
        let biasByRowSum = rowSumBiasGradient(upstreamRows)

        let shown = { (quantity: Quantity, tensor: Tensor<Scalar>) -> Tensor<Scalar> in
            tensor.reshaped(layout.authorShape(of: quantity, fullShape: tensor.shape, outputChannels: geometry.outputChannels))
        }
        var tensors: [Quantity: Tensor<Scalar>] = [
            .x: shown(.x, problem.x),
            .w: shown(.w, written.w),
            .b: layout.biasIsScalar ? Tensor(shape: [], scalars: [bias.scalars[0]]) : bias,
            .upstream: shown(.upstream, problem.upstream),
            .paddedInput: shown(.paddedInput, paddedInput),
            .y: shown(.y, window),
            .columns: columns,
            .columnsTransposed: transposed(columns),
            .kernelRows: kernelRows,
            .upstreamRows: upstreamRows,
            .weightGradient: shown(.weightGradient, mode == .convolution
                ? spatiallyFlipped(weightByProduct, kernelPositions: geometry.kernelPositions) : weightByProduct),
            .biasGradient: biasBySum,
            .flippedKernel: shown(.flippedKernel, flipped),
            .dilatedUpstream: shown(.dilatedUpstream, dilated),
            .paddedUpstream: shown(.paddedUpstream, paddedGradient),
            .inputGradient: shown(.inputGradient, inputByFlip),
        ]
        if layout.biasIsScalar {
            tensors[.biasGradient] = Tensor(shape: [], scalars: [biasBySum.scalars.reduce(.zero, +)])
        }
        self.tensors = tensors

        // Floating-point routes are compared against the magnitudes of the terms they sum.
        // Exact routes need no scales, because they must agree exactly.
        let scales = (problem as? ConvolutionProblem<Double>).map(RoundingScales.init)
        roundingScales = scales
        let biasMagnitudes = (problem.bias as? Tensor<Double>)?.scalars.map(abs) ?? []
        let outputScale = { (flat: Int) -> Double in
            guard let scales else { return 0 }
            let channel = (flat / geometry.outputPositions) % geometry.outputChannels
            return scales.output[channel] + (biasMagnitudes.isEmpty ? 0 : biasMagnitudes[channel])
        }
        let tolerance = relativeTolerance
        comparisons = [
            compareRoutes(.y, shape: tensors[.y]?.shape ?? [], results: [
                ("sliding window over x_pad", window.scalars),
                ("W_row · X_col", product.scalars),
                ("J_x · vec(x)", jacobianProduct),
            ], relativeTolerance: tolerance, termScale: outputScale),
            compareRoutes(.weightGradient, shape: tensors[.weightGradient]?.shape ?? [], results: [
                ("dY_row · X_col^T", weightByProduct.scalars),
                ("direct sum over outputs", weightByDirectSum.scalars),
                ("J_w^T · vec(dL/dy)", weightByJacobian),
            ], relativeTolerance: tolerance, termScale: { flat in
                RoundingScales.bound(scales?.weightGradient ?? [], flatIndex: flat, positions: geometry.kernelPositions)
            }),
            compareRoutes(.inputGradient, shape: tensors[.inputGradient]?.shape ?? [], results: [
                ("dL/dy_pad correlated with w_flip", inputByFlip.scalars),
                ("J_x^T · vec(dL/dy)", inputByJacobian),
                ("col2im of W_row^T · dY_row", inputByCol2im.scalars),
            ], relativeTolerance: tolerance, termScale: { flat in
                RoundingScales.bound(scales?.inputGradient ?? [], flatIndex: flat, positions: geometry.inputPositions)
            }),
            compareRoutes(.biasGradient, shape: [geometry.outputChannels], results: [
                ("sum of dL/dy", biasBySum.scalars),
                ("dY_row · 1", biasByRowSum.scalars),
            ], relativeTolerance: tolerance, termScale: { scales?.biasGradient[$0] ?? 0 }),
        ]
    }

    /// Bounds of Σ|terms| per channel in floating point, nil for exact scalars.
    let roundingScales: RoundingScales?

    /// Returns the flat index of a kernel entry after rotating its spatial block by 180°.
    static func rotatedKernelIndex(_ index: Int, kernelPositions: Int) -> Int {
        let block = index / kernelPositions
        return block * kernelPositions + kernelPositions - 1 - index % kernelPositions
    }

    /// Returns a quantity's entries in its shown shape.
    public func value(of quantity: Quantity) -> QuantityValue {
        switch quantity {
        case .inputJacobian: return lazyDense(inputJacobian)
        case .weightJacobian: return lazyDense(weightJacobian)
        default: return tensors[quantity].map(QuantityValue.init) ?? QuantityValue(shape: [0]) { _ in .exact(.zero) }
        }
    }
}
