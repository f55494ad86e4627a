/// The integer fast path of `ConvolutionAnalysis`: rational problems whose entries are all
/// integers run every route in `CheckedInteger` and convert the results.
extension ConvolutionAnalysis {
    /// Creates an analysis from results computed elsewhere: exact, so without rounding scales.
    init(problem: ConvolutionProblem<Scalar>, layout: AxisLayout, mode: KernelMode, tensors: [Quantity: Tensor<Scalar>],
         inputJacobian: SparseMatrix<Scalar>, weightJacobian: SparseMatrix<Scalar>, comparisons: [RouteComparison]) {
        self.problem = problem
        self.layout = layout
        self.mode = mode
        self.tensors = tensors
        self.inputJacobian = inputJacobian
        self.weightJacobian = weightJacobian
        self.comparisons = comparisons
        roundingScales = nil
    }

    /// Runs every route of a rational problem whose entries are all integers in
    /// `CheckedInteger`, which gives each entry the value the rational routes give, or
    /// invalid. Returns nil for any other problem, and when any entry of any route is invalid
    /// or any comparison fails, so that the caller runs the rational routes, which then report
    /// the overflow or the mismatch as they always have.
    static func integerAnalysis(
        _ written: ConvolutionProblem<Scalar>, layout: AxisLayout, mode: KernelMode
    ) -> ConvolutionAnalysis? {
        guard let rational = written as? ConvolutionProblem<Rational>,
              let integers = rational.mapScalars({ value -> CheckedInteger? in
                  value.denominator == 1 && value.numerator != CheckedInteger.invalidValue ? CheckedInteger(value.numerator) : nil
              })
        else { return nil }
        let analysis = ConvolutionAnalysis<CheckedInteger>(integers, layout: layout, mode: mode)
        guard analysis.comparisons.allSatisfy(\.agrees), analysis.locateFirstInvalidEntry() == nil,
              let problem = analysis.problem.mapScalars({ $0.rational })
        else { return nil }
        let converted = ConvolutionAnalysis<Rational>(
            problem: problem, layout: layout, mode: mode,
            tensors: analysis.tensors.mapValues { Tensor(shape: $0.shape, scalars: $0.scalars.rationals) },
            inputJacobian: analysis.inputJacobian.replacingValues(analysis.inputJacobian.values.rationals),
            weightJacobian: analysis.weightJacobian.replacingValues(analysis.weightJacobian.values.rationals),
            comparisons: analysis.comparisons)
        return converted as? ConvolutionAnalysis
    }
}
