import ConvolutionEngine
import Foundation
import NoteSpec
import SourceDiagnostics
import Testing
@testable import NoteRender

/// Runs the JAX code that `{{ frameworks }}` writes, with JAX from PyPI, and compares its y
/// with the engine's. `scripts/test` installs JAX and sets CONVNOTE_REQUIRE_JAX=1, so there
/// a missing JAX fails the test; elsewhere the test is skipped without it.
@Suite(.enabled(if: JAXRunner.isAvailable || JAXRunner.isRequired, "JAX is not installed (pip install jax)"))
struct FrameworkSnippetTests {
    static let specs: [String] = [
        "x = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\npadding = same-start",
        "x : 2x5x6 = random(seed: 3)\nw : 4x1x3x2 = random(seed: 4)\ngroups = 2\nstride = (2, 1)\ndilation = (1, 2)\npadding = top 1 left 0 bottom 2 right 1\nb = [1 -2 3 1/2]",
        "x = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\nmode = convolution\npadding = full",
        "dims = 1\nx = [[1, 2, 3, 4, 5], [0, -1, 2, 1, 1]]\nw = [[[1, 2, 3], [1, 0, -1]]]\nstride = 2\npadding = same",
        "x : 1x1x3x4x4 = arange(start: 1)\nw : 2x1x2x2x2 = random(seed: 5)\npadding = [(1, 0), (0, 1), (1, 1)]",
        "kind = transpose\nx = [1 2; 3 4]\nw = [1 2 3; 4 5 6; 7 8 9]\nstride = 2\npadding = 1\noutput-padding = 1",
        "kind = transpose\nx : 2x3x3 = random(seed: 6)\nw : 2x2x2x2 = random(seed: 7)\ngroups = 2\nstride = (1, 2)\ndilation = 2\npadding = [(1, 0), (0, 2)]\nb = [1 2 3 4]",
        "kind = transpose\ndims = 1\nnumbers = float\nx = [-1.9954 -0.3385]\nw = [-0.7767]\nstride = 2",
        "numbers = float\nx : 2x6x6 = uniform(seed: 1)\nw : 3x2x3x3 = uniform(seed: 2)\nstride = 2\npadding = same",
    ]

    @Test(arguments: specs)
    func jaxComputesTheSameY(_ text: String) throws {
        let spec = try evaluate(text)
        let code = FrameworkSnippets(spec: spec).jax()
            .replacingOccurrences(of: "print(y)", with: "import json, numpy\nprint(json.dumps(numpy.asarray(y).ravel().tolist()))")

        let printed = try JAXRunner.run(code)
        let values = try JSONDecoder().decode([Double].self, from: Data(printed.utf8))

        let y = spec.report.value(of: .y)
        try #require(values.count == y.count, "JAX printed \(values.count) values, the engine has \(y.count)")
        for index in 0..<y.count {
            let expected: Double
            switch y[flat: index] {
            case .exact(let polynomial): expected = polynomial.constantValue?.doubleValue ?? .nan
            case .float(let number): expected = number
            }
            #expect(abs(values[index] - expected) <= 1e-12 * max(1, abs(expected)), "y[\(index)]: JAX \(values[index]), convnote \(expected)")
        }
    }

    private func evaluate(_ text: String) throws -> EvaluatedSpec {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            SpecLine(text: String(line), location: SourceLocation(line: index + 2, column: 1))
        }
        let parsed = SpecParser().parse(name: "spec", range: SourceRange(at: SourceLocation(line: 1, column: 1)), lines: lines)
        try #require(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        return try SpecEvaluator(indexBase: 1).evaluate(parsed.spec)
    }
}

/// Runs Python code with JAX.
enum JAXRunner {
    static let isRequired = ProcessInfo.processInfo.environment["CONVNOTE_REQUIRE_JAX"] == "1"

    static let isAvailable: Bool = (try? run("import jax\nprint('ok')")) == "ok"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `code` with python3 and returns its standard output without the final newline.
    static func run(_ code: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let failure = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 exited with \(process.terminationStatus): \(String(decoding: failure, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
