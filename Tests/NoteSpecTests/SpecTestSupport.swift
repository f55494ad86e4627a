import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// The fence line of every test block. Bodies start on the line after it.
let testFence = SourceRange(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 8))

/// Splits `body` at newlines into spec lines, the first on `line` and each at `column`.
func specLines(_ body: String, line: Int = 2, column: Int = 1) -> [SpecLine] {
    body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { offset, text in
        SpecLine(text: String(text), location: SourceLocation(line: line + offset, column: column))
    }
}

/// Parses a block body named `test` that starts on line 2, column 1.
func parseSpec(_ body: String, line: Int = 2, column: Int = 1) -> (spec: ParsedSpec, diagnostics: [Diagnostic]) {
    let result = SpecParser().parse(name: "test", range: testFence, lines: specLines(body, line: line, column: column))
    return (result.spec, result.diagnostics)
}

/// Parses and evaluates a body that must parse without diagnostics.
func evaluateSpec(_ body: String, indexBase: Int = 1) throws -> EvaluatedSpec {
    let (spec, diagnostics) = parseSpec(body)
    try #require(diagnostics.isEmpty, "parse diagnostics: \(diagnostics.map(\.message))")
    return try SpecEvaluator(indexBase: indexBase).evaluate(spec)
}

/// Returns the diagnostics of parsing, or of evaluating when parsing found none.
func specDiagnostics(_ body: String, indexBase: Int = 1) -> [Diagnostic] {
    let (spec, diagnostics) = parseSpec(body)
    if !diagnostics.isEmpty { return diagnostics }
    do {
        _ = try SpecEvaluator(indexBase: indexBase).evaluate(spec)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Returns the only diagnostic of `body`, recording an issue when there is not exactly one.
func onlyDiagnostic(_ body: String, indexBase: Int = 1) throws -> Diagnostic {
    let diagnostics = specDiagnostics(body, indexBase: indexBase)
    try #require(diagnostics.count == 1, "diagnostics: \(diagnostics.map(\.message))")
    return diagnostics[0]
}

/// Parses `text` as the value of `x` and returns the literal it writes.
func parseLiteral(_ text: String) throws -> TensorLiteral {
    let (spec, diagnostics) = parseSpec("x = " + text)
    try #require(diagnostics.isEmpty, "diagnostics: \(diagnostics.map(\.message))")
    let statement = try #require(spec.tensors[.x])
    guard case .literal(let literal) = statement.value.source else {
        Issue.record("x = \(text) is not a literal")
        throw LiteralExpected()
    }
    return literal
}

struct LiteralExpected: Error {}

/// Returns the exact entries of a quantity, row-major.
func exactEntries(_ value: QuantityValue) -> [Polynomial] {
    (0..<value.count).map { index in
        guard case .exact(let polynomial) = value[flat: index] else {
            Issue.record("entry \(index) is not exact: \(value[flat: index])")
            return .invalid
        }
        return polynomial
    }
}

/// Returns the exact entries of a literal, row-major.
func exactEntries(_ literal: TensorLiteral) -> [Polynomial] {
    literal.entries.map { entry in
        guard case .exact(let polynomial) = entry else {
            Issue.record("entry \(entry) is not exact")
            return .invalid
        }
        return polynomial
    }
}

/// Returns the float entries of a literal, row-major.
func floatEntries(_ literal: TensorLiteral) -> [Double] {
    literal.entries.map { entry in
        guard case .float(let number) = entry else {
            Issue.record("entry \(entry) is not a double")
            return .nan
        }
        return number
    }
}

/// Returns a quantity's entries, row-major in the shape the note shows.
func entries(_ spec: EvaluatedSpec, _ quantity: Quantity) -> [Polynomial] {
    exactEntries(spec.report.value(of: quantity))
}

func shape(_ spec: EvaluatedSpec, _ quantity: Quantity) -> [Int] {
    spec.report.value(of: quantity).shape
}

func integers(_ values: [Int]) -> [Polynomial] {
    values.map { Polynomial($0) }
}

func symbol(_ name: String) -> Polynomial {
    Polynomial(symbol: name)
}

func fraction(_ numerator: Int, _ denominator: Int) -> Polynomial {
    Polynomial(Rational(numerator: numerator, denominator: denominator)!)
}

/// Returns the `line:column` where a diagnostic starts, or `none`.
func start(_ diagnostic: Diagnostic) -> String {
    diagnostic.range?.start.description ?? "none"
}

/// Returns the resolved pads as one `[begin, end]` pair per spatial axis.
func pads(_ spec: EvaluatedSpec) -> [[Int]] {
    spec.geometry.padding.map { [$0.begin, $0.end] }
}
