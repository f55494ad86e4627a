import ConvolutionEngine
import Foundation
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// One case of `Differential/differential.json`: a spec block's text and the values that JAX
/// and an exact Python reference both computed for it.
struct DifferentialCase: Decodable, CustomTestStringConvertible, Sendable {
    struct Values: Decodable, Sendable {
        var shape: [Int]
        var data: [String]
    }

    var name: String
    var spec: String
    var y: Values
    var dx: Values
    var dw: Values
    var db: Values?

    var testDescription: String { name }

    private struct File: Decodable {
        var cases: [DifferentialCase]
        var float_cases: [DifferentialCase]
    }

    private static let file: File? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Differential/differential.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }()

    static let exact: [DifferentialCase] = file?.cases ?? []
    static let floating: [DifferentialCase] = file?.float_cases ?? []
}

/// Every spec of the differential set through the whole spec path (parser, shapes, padding
/// forms, engine) against the reference values: exactly for integers and fractions, within
/// 1e-12 relative for floats.
@Suite struct DifferentialTests {
    @Test func setIsLoaded() {
        #expect(DifferentialCase.exact.count >= 300)
        #expect(!DifferentialCase.floating.isEmpty)
    }

    @Test(arguments: DifferentialCase.exact)
    func exactCaseMatches(_ reference: DifferentialCase) throws {
        let spec = try evaluate(reference.spec)
        try expectValues(spec, reference) { text in
            let parts = text.split(separator: "/")
            let value = Rational(numerator: Int(parts[0]) ?? 0, denominator: parts.count == 2 ? Int(parts[1]) ?? 1 : 1) ?? .invalid
            return { $0 == .exact(Polynomial(value)) }
        }
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    @Test(arguments: DifferentialCase.floating)
    func floatCaseMatches(_ reference: DifferentialCase) throws {
        let spec = try evaluate(reference.spec)
        try expectValues(spec, reference) { text in
            let expected = Double(text) ?? .nan
            return { value in
                guard case .float(let number) = value else { return false }
                return abs(number - expected) <= 1e-12 * max(1, abs(expected))
            }
        }
    }

    private func evaluate(_ text: String) throws -> EvaluatedSpec {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            SpecLine(text: String(line), location: SourceLocation(line: index + 2, column: 1))
        }
        let parsed = SpecParser().parse(name: "case", range: SourceRange(at: SourceLocation(line: 1, column: 1)), lines: lines)
        try #require(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        return try SpecEvaluator(indexBase: 1).evaluate(parsed.spec)
    }

    /// Checks y, dL/dx, dL/dw and dL/db; `matcher` turns a reference entry into a test.
    private func expectValues(
        _ spec: EvaluatedSpec, _ reference: DifferentialCase, matcher: (String) -> (ScalarValue) -> Bool
    ) throws {
        var checks: [(Quantity, DifferentialCase.Values)] = [(.y, reference.y), (.inputGradient, reference.dx), (.weightGradient, reference.dw)]
        if let db = reference.db { checks.append((.biasGradient, db)) }
        for (quantity, values) in checks {
            let computed = spec.report.value(of: quantity)
            try #require(computed.count == values.data.count,
                         "\(quantity.rawValue) has \(computed.count) entries, the reference \(values.data.count)")
            let mismatches = values.data.indices.filter { !matcher(values.data[$0])(computed[flat: $0]) }
            #expect(mismatches.isEmpty, "\(quantity.rawValue) differs at flat indices \(mismatches.prefix(5)): convnote \(mismatches.prefix(5).map { computed[flat: $0] }), reference \(mismatches.prefix(5).map { values.data[$0] })")
        }
    }
}
