import ConvolutionEngine
import SourceDiagnostics

/// A spec block whose convolution has been analysed.
public struct EvaluatedSpec: Sendable {
    public let spec: ParsedSpec
    public let report: any ConvolutionReport
    public let numberMode: NumberMode
    /// 1 or 0: how selectors and generated symbols count.
    public let indexBase: Int
    /// Whether any input contains a symbol, so that every quantity is a polynomial.
    public let isSymbolic: Bool
    /// Significant digits shown in float mode.
    public let digits: Int
    /// Relative tolerance for routes and `expect` in float mode.
    public let tolerance: Double

    public var name: String { spec.name }
    public var geometry: ConvolutionGeometry { report.geometry }
}
