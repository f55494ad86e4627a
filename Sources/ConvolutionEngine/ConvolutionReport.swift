/// What renderers and checks read from an analysis, whatever scalar type it ran in.
public protocol ConvolutionReport: Sendable {
    var geometry: ConvolutionGeometry { get }
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
}

extension ConvolutionAnalysis: ConvolutionReport {
    public var geometry: ConvolutionGeometry { problem.geometry }

    public func forwardProducts(outputIndex: Int) -> [(input: ScalarValue, weight: ScalarValue)] {
        let paddedInput = padOrCrop(problem.x, leadingAxes: 2, pads: geometry.padding)
        return ConvolutionEngine.forwardProducts(problem, paddedInput: paddedInput, outputIndex: outputIndex)
            .map { ($0.input.scalarValue, $0.weight.scalarValue) }
    }

    public func impact(ofInputIndex index: Int) -> [(outputIndex: Int, weight: ScalarValue)] {
        var reached: [(outputIndex: Int, weight: ScalarValue)] = []
        for row in 0..<inputJacobian.rowCount {
            for slot in inputJacobian.rowStart[row]..<inputJacobian.rowStart[row + 1]
            where inputJacobian.columns[slot] == index {
                reached.append((row, inputJacobian.values[slot].scalarValue))
            }
        }
        return reached
    }

    public var firstInvalidEntry: (quantity: Quantity, entry: [Int])? {
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
