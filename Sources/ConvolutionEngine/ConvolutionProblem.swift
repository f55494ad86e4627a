/// One convolution to analyse: its geometry and its tensors in the full layout.
public struct ConvolutionProblem<Scalar: ConvScalar>: Sendable {
    public let geometry: ConvolutionGeometry
    /// (N, C_in, spatial...)
    public let x: Tensor<Scalar>
    /// (C_out, C_in/groups, kernel...)
    public private(set) var w: Tensor<Scalar>
    /// (C_out), or nil for no bias.
    public let bias: Tensor<Scalar>?
    /// The upstream gradient dL/dy, shaped like y: (N, C_out, output...).
    public let upstream: Tensor<Scalar>

    /// Checks that every tensor has the shape the geometry requires.
    public init(
        geometry: ConvolutionGeometry, x: Tensor<Scalar>, w: Tensor<Scalar>,
        bias: Tensor<Scalar>?, upstream: Tensor<Scalar>
    ) throws(ConvolutionError) {
        let checks: [(String, [Int], [Int]?)] = [
            ("x", geometry.inputShape, x.shape),
            ("w", geometry.kernelShape, w.shape),
            ("b", [geometry.outputChannels], bias?.shape),
            ("dL/dy", geometry.outputShape, upstream.shape),
        ]
        for (name, expected, actual) in checks {
            if let actual, actual != expected {
                throw .shapeMismatch(tensor: name, expected: expected, actual: actual)
            }
        }
        self.geometry = geometry
        self.x = x
        self.w = w
        self.bias = bias
        self.upstream = upstream
    }

    /// Creates a problem from tensors that already have the shapes the geometry requires.
    private init(checkedGeometry geometry: ConvolutionGeometry, x: Tensor<Scalar>, w: Tensor<Scalar>, bias: Tensor<Scalar>?,
                 upstream: Tensor<Scalar>) {
        self.geometry = geometry
        self.x = x
        self.w = w
        self.bias = bias
        self.upstream = upstream
    }

    /// Returns the same problem with every entry converted, or nil when `transform` returns
    /// nil for any entry.
    func mapScalars<Other: ConvScalar>(_ transform: (Scalar) -> Other?) -> ConvolutionProblem<Other>? {
        guard let x = x.compactMapScalars(transform), let w = w.compactMapScalars(transform),
              let upstream = upstream.compactMapScalars(transform) else { return nil }
        var bias: Tensor<Other>?
        if let written = self.bias {
            guard let converted = written.compactMapScalars(transform) else { return nil }
            bias = converted
        }
        return ConvolutionProblem<Other>(checkedGeometry: geometry, x: x, w: w, bias: bias, upstream: upstream)
    }

    /// Returns the same problem with another kernel of the same shape.
    func replacingKernel(_ kernel: Tensor<Scalar>) -> ConvolutionProblem {
        var copy = self
        copy.w = kernel
        return copy
    }
}
