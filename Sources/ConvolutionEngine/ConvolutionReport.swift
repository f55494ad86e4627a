/// What renderers and checks read from an analysis, whatever scalar type it ran in.
public protocol ConvolutionReport: Sendable {
    /// The geometry of the convolution; for a transposed convolution, of the convolution it
    /// transposes, whose input is the transposed output.
    var geometry: ConvolutionGeometry { get }
    /// Whether this is a transposed convolution.
    var isTransposed: Bool { get }
    var mode: KernelMode { get }
    var layout: AxisLayout { get }
    var comparisons: [RouteComparison] { get }

    /// Returns a quantity's entries in its shown shape.
    func value(of quantity: Quantity) -> QuantityValue

    /// Lists the (input, weight) products whose sum, plus the bias, is y at a flat index of
    /// y, padding zeros included, in kernel order.
    func forwardProducts(outputIndex: Int) -> [(input: ScalarValue, weight: ScalarValue)]

    /// Lists the outputs (flat indices of y) that the input entry at a flat index of x
    /// reaches, with the weight that carries it to each: a column of J_x.
    func impact(ofInputIndex index: Int) -> [(outputIndex: Int, weight: ScalarValue)]

    /// The first entry of any quantity whose computation overflowed or blew up, if any.
    var firstInvalidEntry: (quantity: Quantity, entry: [Int])? { get }

    /// The number of stored (structurally nonzero) entries of J_x.
    var inputJacobianStoredCount: Int { get }
}

extension ConvolutionAnalysis: ConvolutionReport {
    public var geometry: ConvolutionGeometry { problem.geometry }
    public var isTransposed: Bool { false }
    public var inputJacobianStoredCount: Int { inputJacobian.storedCount }

    public func forwardProducts(outputIndex: Int) -> [(input: ScalarValue, weight: ScalarValue)] {
        // x_pad is stored in its shown shape, whose row-major order is that of the full layout.
        let paddedInput = tensors[.paddedInput] ?? padOrCrop(problem.x, leadingAxes: 2, pads: geometry.padding)
        return ConvolutionEngine.forwardProducts(problem, paddedInput: paddedInput, outputIndex: outputIndex)
            .map { ($0.input.scalarValue, $0.weight.scalarValue) }
    }

    /// Solves for the outputs directly, kernel offset by kernel offset, rather than scanning
    /// J_x for a column, so that it costs the same on a 512 × 512 input as on a 3 × 3 one.
    public func impact(ofInputIndex index: Int) -> [(outputIndex: Int, weight: ScalarValue)] {
        impacts(ofInput: index, geometry).map { (outputIndex: $0.output, weight: problem.w.scalars[$0.weight].scalarValue) }
            .sorted { $0.outputIndex < $1.outputIndex }
    }

    public var firstInvalidEntry: (quantity: Quantity, entry: [Int])? {
        locateFirstInvalidEntry()
    }

    // Callers reach this through `any ConvolutionReport`, where the unspecialized generic
    // scan would look up type metadata for every entry.
    @_specialize(where Scalar == Rational)
    @_specialize(where Scalar == Polynomial)
    @_specialize(where Scalar == Double)
    func locateFirstInvalidEntry() -> (quantity: Quantity, entry: [Int])? {
        for quantity in Quantity.allCases {
            guard let tensor = tensors[quantity], let index = tensor.firstInvalidIndex else { continue }
            return (quantity, coordinates(ofFlatIndex: index, in: tensor.shape))
        }
        for (quantity, matrix) in [(Quantity.inputJacobian, inputJacobian), (.weightJacobian, weightJacobian)] {
            for row in 0..<matrix.rowCount {
                for slot in matrix.rowStart[row]..<matrix.rowStart[row + 1] where matrix.values[slot].isInvalid {
                    return (quantity, [row, matrix.columns[slot]])
                }
            }
        }
        for comparison in comparisons {
            if let mismatch = comparison.mismatch, mismatch.firstValue.isInvalid || mismatch.secondValue.isInvalid {
                return (comparison.quantity, mismatch.entry)
            }
        }
        return nil
    }
}

extension TransposedConvolutionAnalysis: ConvolutionReport {
    public var geometry: ConvolutionGeometry { convolution.geometry }
    public var isTransposed: Bool { true }
    public var inputJacobianStoredCount: Int { inputJacobian.storedCount }
    public var mode: KernelMode { .crossCorrelation }

    public func value(of quantity: Quantity) -> QuantityValue {
        switch quantity {
        case .inputJacobian: return lazyDense(inputJacobian)
        case .weightJacobian: return lazyDense(weightJacobian)
        default: return tensors[quantity].map(QuantityValue.init) ?? QuantityValue(shape: [0]) { _ in .exact(.zero) }
        }
    }

    /// A transposed output entry is a sum over the convolution's outputs that its position
    /// reaches: x at that output times the weight that carries it.
    public func forwardProducts(outputIndex: Int) -> [(input: ScalarValue, weight: ScalarValue)] {
        let x = convolution.problem.upstream
        let isInput = Set(convolutionIndex)
        return convolution.impact(ofInputIndex: outputIndex)
            .filter { isInput.contains($0.outputIndex) }
            .map { (x.scalars[$0.outputIndex].scalarValue, $0.weight) }
    }

    /// An input entry is an output of the convolution; it reaches the transposed outputs
    /// along its row of that convolution's ∂y/∂x.
    public func impact(ofInputIndex index: Int) -> [(outputIndex: Int, weight: ScalarValue)] {
        let jacobian = convolution.inputJacobian
        let row = convolutionIndex[index]
        return (jacobian.rowStart[row]..<jacobian.rowStart[row + 1]).map {
            (jacobian.columns[$0], jacobian.values[$0].scalarValue)
        }
    }

    public var firstInvalidEntry: (quantity: Quantity, entry: [Int])? {
        locateFirstInvalidEntry()
    }

    @_specialize(where Scalar == Rational)
    @_specialize(where Scalar == Polynomial)
    @_specialize(where Scalar == Double)
    func locateFirstInvalidEntry() -> (quantity: Quantity, entry: [Int])? {
        for quantity in Quantity.allCases {
            guard let tensor = tensors[quantity], let index = tensor.firstInvalidIndex else { continue }
            return (quantity, coordinates(ofFlatIndex: index, in: tensor.shape))
        }
        return convolution.locateFirstInvalidEntry()
    }
}

/// A dense view of a sparse matrix that reads entries on demand.
func lazyDense<Scalar: ConvScalar>(_ matrix: SparseMatrix<Scalar>) -> QuantityValue {
    QuantityValue(shape: [matrix.rowCount, matrix.columnCount]) { flat in
        matrix.entry(row: flat / matrix.columnCount, column: flat % matrix.columnCount).scalarValue
    }
}
