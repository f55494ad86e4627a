import Foundation
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// Spec bodies built to make a careless lexer or parser take quadratic time or recurse
/// without bound. Each must finish with a result, and ten times the input must take about
/// ten times as long: the test compares the ratio, never a wall-clock limit.
@Suite(.serialized) struct SpecPathologicalTests {
    static let smallCount = 10_000
    static let largeCount = 100_000

    /// Each case builds a spec body from a count.
    static let cases: [(name: String, body: @Sendable (Int) -> String)] = [
        ("[ × N", { "x = " + String(repeating: "[", count: $0) }),
        ("( × N", { "x = " + String(repeating: "(", count: $0) }),
        ("- × N", { "x = [" + String(repeating: "-", count: $0) + "1]" }),
        ("entries × N", { "x = [" + String(repeating: "1 ", count: $0) + "]\nw = [1]" }),
        ("rows × N", { "x = [" + String(repeating: "1\n", count: $0) + "]\nw = [1]" }),
        ("statements × N", { String(repeating: "stride = 1; ", count: $0) }),
        ("# × N", { String(repeating: "#", count: $0) }),
        ("digits × N", { "x = [" + String(repeating: "9", count: $0) + "]" }),
        ("terms × N", { "x = [(" + (0..<$0).map { "a\($0)" }.joined(separator: "+") + ")]\nw = [1]" }),
        ("long line", { "x = [1 2 3]" + String(repeating: " ", count: $0) + "\nw = [1]" }),
    ]

    static let names = cases.map(\.name)

    private func fastestRun(_ body: String, runs: Int) -> (seconds: Double, diagnostics: Int) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SpecLine(text: String($1), location: SourceLocation(line: $0 + 1, column: 1))
        }
        var fastest = Double.infinity
        var diagnostics = 0
        for _ in 0..<runs {
            let start = Date()
            let parsed = SpecParser().parse(name: "p", range: SourceRange(at: SourceLocation(line: 1, column: 1)), lines: lines)
            diagnostics = parsed.diagnostics.count
            if parsed.canEvaluate, parsed.diagnostics.isEmpty {
                diagnostics += (try? SpecEvaluator(indexBase: 1).evaluate(parsed.spec)) == nil ? 1 : 0
            }
            fastest = min(fastest, Date().timeIntervalSince(start))
        }
        return (fastest, diagnostics)
    }

    @Test(arguments: names)
    func scalesLinearly(_ name: String) throws {
        let body = try #require(Self.cases.first { $0.name == name }?.body)

        let small = fastestRun(body(Self.smallCount), runs: 3)
        let large = fastestRun(body(Self.largeCount), runs: 2)

        // Linear time gives a ratio near 10; 40 leaves room for noise on a loaded machine.
        #expect(large.seconds / max(small.seconds, 1e-4) < 40, "\(name): \(small.seconds) s then \(large.seconds) s")
    }
}
