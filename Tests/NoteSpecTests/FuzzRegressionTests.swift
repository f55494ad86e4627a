import ConvolutionEngine
import Foundation
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// Inputs that the libFuzzer targets found, kept so that the bugs they showed stay fixed.
@Suite struct FuzzRegressionTests {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    /// A 3x393 symbolic input whose weight gradients once took ten seconds, adding
    /// thousand-term polynomials one term at a time.
    @Test func wideSymbolicSpecEvaluates() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("wide-symbolic-timeout.spec"))
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SpecLine(text: String($1), location: SourceLocation(line: $0 + 1, column: 1))
        }
        let parsed = SpecParser().parse(name: "fuzz", range: SourceRange(at: SourceLocation(line: 1, column: 1)), lines: lines)
        try #require(parsed.canEvaluate)

        let spec = try SpecEvaluator(indexBase: 1).evaluate(parsed.spec)

        // With dL/dy all ones, each weight's gradient adds one symbol per window it meets:
        // d meets all 3 × 393 inputs, so its gradient has 1179 terms.
        let gradient = spec.report.value(of: .weightGradient)
        guard case .exact(let last) = gradient[flat: 3] else {
            Issue.record("dL/dw is not exact")
            return
        }
        #expect(last.terms.count == 3 * 393)
        let agreeing = spec.report.comparisons.filter(\.agrees).count
        #expect(agreeing == spec.report.comparisons.count)
    }
}
