/// The forward pass and both gradients by the route frameworks use, im2col and matrix
/// products, without the cross-checks: for timing against other libraries, and for callers
/// that need only the numbers.
public enum PrimaryRoutes {
    /// Returns y (N, C_out, out...), dL/dw (C_out, C_in/groups, k...) and dL/dx (N, C_in,
    /// in...): `y = W_row · X_col + b`, `dL/dw = dY_row · X_col^T`, and dL/dx by col2im.
    @_specialize(exported: true, where Scalar == Double)
    @_specialize(exported: true, where Scalar == Rational)
    public static func forwardAndGradients<Scalar>(_ problem: ConvolutionProblem<Scalar>)
        -> (y: Tensor<Scalar>, weightGradient: Tensor<Scalar>, inputGradient: Tensor<Scalar>) {
        let columns = im2col(problem)
        let kernelRows = kernelRows(problem)
        let upstreamRows = upstreamRows(problem)
        return (
            matrixProductForward(problem, columns: columns, kernelRows: kernelRows),
            matrixProductWeightGradient(problem, columns: columns, upstreamRows: upstreamRows),
            col2imInputGradient(problem, kernelRows: kernelRows, upstreamRows: upstreamRows)
        )
    }
}
