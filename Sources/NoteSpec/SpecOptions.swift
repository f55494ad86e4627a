import ConvolutionEngine
import SourceDiagnostics

/// The settings of a spec that are not tensors: what kind of operation, in which arithmetic,
/// shown with how many digits, and checked to which tolerance.
struct SpecOptions {
    /// The largest number of significant digits `digits` accepts, the precision of a double.
    static let maximumDigits = 17

    var isTransposed = false
    var mode = KernelMode.crossCorrelation
    var numbers = NumberMode.exact
    var digits = 4
    var tolerance = 1e-9

    init(_ spec: ParsedSpec) throws(DiagnosticError) {
        isTransposed = spec.words[.kind]?.value == "transpose"
        if let word = spec.words[.mode]?.value, let mode = KernelMode(rawValue: word) {
            self.mode = mode
        }
        if spec.words[.numbers]?.value == "float" { numbers = .float }

        if let statement = spec.words[.mode], isTransposed, mode == .convolution {
            throw DiagnosticError(specError(
                "mode-with-transpose", statement.range, "mode = convolution applies to kind = conv, not to kind = transpose",
                notes: ["rotate the kernel by hand, or remove one of the two lines"]))
        }
        if let statement = spec.integers[.outputPadding], !isTransposed {
            throw DiagnosticError(specError(
                "output-padding-without-transpose", statement.range, "output-padding applies only to kind = transpose",
                notes: ["add kind = transpose, or remove the line"]))
        }
        if let statement = spec.integers[.digits] {
            guard numbers == .float else {
                throw DiagnosticError(specError(
                    "digits-without-float", statement.range, "digits applies only to numbers = float; exact numbers are shown in full",
                    notes: ["add numbers = float, or remove the line"]))
            }
            let value = statement.value[0]
            guard (1...Self.maximumDigits).contains(value) else {
                throw DiagnosticError(specError(
                    "invalid-digits", statement.valueRange, "digits must be between 1 and \(Self.maximumDigits), not \(value)"))
            }
            digits = value
        }
        if let statement = spec.tolerance {
            guard numbers == .float else {
                throw DiagnosticError(specError(
                    "tolerance-without-float", statement.range, "tolerance applies only to numbers = float; exact routes must agree exactly",
                    notes: ["add numbers = float, or remove the line"]))
            }
            tolerance = statement.value
        }
    }

    /// Rejects `uniform` outside floating point: its entries are doubles, whose exact
    /// products overflow 64-bit fractions at once.
    func checkGenerators(_ spec: ParsedSpec) throws(DiagnosticError) {
        guard numbers == .exact else { return }
        for key in [SpecKey.x, .w, .b, .upstream] {
            guard let statement = spec.tensors[key], case .generator(.uniform, _) = statement.value.source else { continue }
            throw DiagnosticError(specError(
                "uniform-without-float", statement.valueRange, "uniform gives floating-point numbers, which need numbers = float",
                notes: ["add numbers = float, or use random(seed: 7, min: -3, max: 3) for exact integers"]))
        }
    }
}
