import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct StatementTests {
    @Test func semicolonSeparatesStatements() throws {
        let (spec, diagnostics) = parseSpec("x = [1 2; 3 4]; w = [1]; padding = 1; stride = 2")
        #expect(diagnostics.isEmpty)
        guard case .literal(let x)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(x.shape == [2, 2])
        #expect(spec.tensors[.w] != nil)
        #expect(spec.padding?.value == .uniform(1))
        #expect(spec.integers[.stride]?.value == [2])
    }

    @Test func commentsAreIgnored() throws {
        let (spec, diagnostics) = parseSpec("""
            # a whole-line comment
            x = [1 2 3]  # a trailing comment with = and [ in it

               # an indented comment
            w = [1]#no space before the comment
            """)
        #expect(diagnostics.isEmpty)
        #expect(spec.tensors.count == 2)
    }

    @Test func bracketInCommentDoesNotOpen() throws {
        let diagnostics = parseSpec("x = [1 2] # [ unbalanced\nw = [1]").diagnostics
        #expect(diagnostics.isEmpty)
    }

    @Test func statementRangesAreLocated() throws {
        let (spec, diagnostics) = parseSpec("x = [1 2 3]\n  padding = full", line: 7, column: 3)
        #expect(diagnostics.isEmpty)
        let x = try #require(spec.tensors[.x])
        #expect(x.range.start == SourceLocation(line: 7, column: 3))
        #expect(x.valueRange.start == SourceLocation(line: 7, column: 7))
        #expect(x.valueRange.end == SourceLocation(line: 7, column: 14))
        let padding = try #require(spec.padding)
        #expect(padding.range.start == SourceLocation(line: 8, column: 5))
        #expect(padding.valueRange.start == SourceLocation(line: 8, column: 15))
    }

    @Test func explicitShapeWithGenerator() throws {
        let (spec, diagnostics) = parseSpec("x : 1x2x4x4 = arange(start: 1)\nw = ones(3x3)")
        #expect(diagnostics.isEmpty)
        let x = try #require(spec.tensors[.x])
        #expect(x.value.explicitShape == [1, 2, 4, 4])
        guard case .generator(let generator, let argumentShape) = x.value.source else {
            Issue.record("x is not a generator")
            return
        }
        #expect(generator == .arange(start: .one, step: .one))
        #expect(argumentShape == nil)
        guard case .generator(.ones, let kernelShape)? = spec.tensors[.w]?.value.source else {
            Issue.record("w is not ones")
            return
        }
        #expect(kernelShape == [3, 3])
    }

    @Test func explicitShapeReshapesLiteral() throws {
        let spec = try evaluateSpec("x : 2x3 = [1 2 3 4 5 6]\nw : 1x2 = [1 1]")
        #expect(shape(spec, .x) == [2, 3])
        #expect(entries(spec, .y) == integers([3, 5, 9, 11]))
    }

    @Test(arguments: [
        ("mode = cross-correlation", SpecKey.mode, "cross-correlation"),
        ("numbers = exact", .numbers, "exact"),
        ("kind = conv", .kind, "conv"),
    ])
    func wordKeys(line: String, key: SpecKey, word: String) throws {
        let (spec, diagnostics) = parseSpec(line)
        #expect(diagnostics.isEmpty)
        #expect(spec.words[key]?.value == word)
    }

    @Test func expectStatementsKeepOrder() throws {
        let (spec, diagnostics) = parseSpec("""
            expect y[1,1] = 4
            expect dL/dx | sum = 70
            expect y | shape = 3x3
            """)
        #expect(diagnostics.isEmpty)
        #expect(spec.expectations.map(\.reference.text) == ["y[1,1]", "dL/dx | sum", "y | shape"])
        #expect(spec.expectations.map(\.range.start.line) == [2, 3, 4])
    }

    @Test func everyBadStatementIsReported() throws {
        let diagnostics = parseSpec("paddin = 1\nx = [1 2]\nstrid = 2\nmode = sideways").diagnostics
        #expect(diagnostics.map(\.id) == ["spec.unknown-key", "spec.unknown-key", "spec.unknown-option"])
        #expect(diagnostics.map(start) == ["2:1", "4:1", "5:8"])
    }
}

extension StatementTests {
    @Test func malformedExpectLeavesSpecEvaluable() {
        let result = SpecParser().parse(name: "test", range: testFence,
                                        lines: specLines("x = [1 2 3]\nw = [1 1]\nexpect y | summ = 3"))
        #expect(result.diagnostics.map(\.id) == ["spec.unknown-filter"])
        #expect(result.canEvaluate)
        #expect(result.spec.expectations.isEmpty)
    }

    @Test func malformedKeyStopsEvaluation() {
        let result = SpecParser().parse(name: "test", range: testFence,
                                        lines: specLines("x = [1 2 3]\nw = [1 1]\npaddin = 1"))
        #expect(result.diagnostics.map(\.id) == ["spec.unknown-key"])
        #expect(!result.canEvaluate)
    }

    @Test func unbalancedBracketStopsEvaluation() {
        let result = SpecParser().parse(name: "test", range: testFence,
                                        lines: specLines("x = [1 2 3]]\nw = [1 1]"))
        #expect(result.diagnostics.map(\.id) == ["spec.unbalanced-bracket"])
        #expect(!result.canEvaluate)
    }
}
