import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// One body with the error it must give: the diagnostic id, where it starts, and words its
/// message must contain.
struct SpecErrorCase: Sendable, CustomTestStringConvertible {
    var body: String
    var id: String
    var location: String
    var message: String

    var testDescription: String { body.split(separator: "\n").joined(separator: " ⏎ ") }
}

/// The kernel and input lines that make a body valid apart from the line under test.
private let validPrefix = "x = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\n"

@Suite struct SpecErrorTests {
    static let literalErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "x = [1 2; 3]", id: "spec.ragged-tensor", location: "2:11",
                      message: "this row has 1 entry, but the first row has 2"),
        SpecErrorCase(body: "x = [1 2\n     3 4 5]", id: "spec.ragged-tensor", location: "3:6",
                      message: "this row has 3 entries, but the first row has 2"),
        SpecErrorCase(body: "x = [[1, 2], [3]]", id: "spec.ragged-tensor", location: "2:14",
                      message: "this bracket has shape 1, but the first one in the same bracket has 2"),
        SpecErrorCase(body: "x = [[1, 2], 3]", id: "spec.ragged-tensor", location: "2:14",
                      message: "mixes entries and nested brackets"),
        SpecErrorCase(body: "x = [1, [2, 3]]", id: "spec.ragged-tensor", location: "2:9",
                      message: "mixes entries and nested brackets"),
        SpecErrorCase(body: "x = [1 2)", id: "spec.unbalanced-bracket", location: "2:5",
                      message: "this [ is still open at the ) in column 9"),
        SpecErrorCase(body: "x = (1 2]", id: "spec.unbalanced-bracket", location: "2:5",
                      message: "this ( is still open at the ] in column 9"),
        SpecErrorCase(body: "x = []", id: "spec.empty-tensor", location: "2:5",
                      message: "the tensor [] has no entries"),
        SpecErrorCase(body: "x = [[], []]", id: "spec.empty-tensor", location: "2:6",
                      message: "the tensor [] has no entries"),
        SpecErrorCase(body: "x = [1 2\nw = [1]", id: "spec.unterminated-bracket", location: "2:5",
                      message: "this [ is never closed before the end of the block"),
        SpecErrorCase(body: "x = [(1 2]", id: "spec.unbalanced-bracket", location: "2:6",
                      message: "this ( is still open at the ] in column 10"),
        SpecErrorCase(body: "x = [1 2]]", id: "spec.unbalanced-bracket", location: "2:10",
                      message: "unexpected ] with no matching [ before it"),
        SpecErrorCase(body: "x = 1]", id: "spec.unbalanced-bracket", location: "2:6",
                      message: "unexpected ] with no matching [ before it"),
    ]

    static let valueErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "x = [1.2.3]", id: "spec.malformed-value", location: "2:9",
                      message: "unexpected '.3' in the value '1.2.3'"),
        SpecErrorCase(body: "x = [1 2!]", id: "spec.malformed-value", location: "2:9",
                      message: "unexpected '!' in the value '2!'"),
        SpecErrorCase(body: "x = [1 - 2]", id: "spec.malformed-value", location: "2:9",
                      message: "expected a number, a symbol or a parenthesized expression"),
        SpecErrorCase(body: "x = [1/0]", id: "spec.division-by-zero", location: "2:7",
                      message: "division by zero"),
        SpecErrorCase(body: "x = [(a + 1)/(2 - 2)]", id: "spec.division-by-zero", location: "2:13",
                      message: "division by zero"),
        SpecErrorCase(body: "x = [9223372036854775808]", id: "spec.number-out-of-range", location: "2:6",
                      message: "9223372036854775808 cannot be held exactly"),
        SpecErrorCase(body: "x = [1e19]", id: "spec.number-out-of-range", location: "2:6",
                      message: "1e19 cannot be held exactly"),
        SpecErrorCase(body: "stride = 9223372036854775808", id: "spec.integer-out-of-range", location: "2:10",
                      message: "9223372036854775808 is out of range for stride, which must lie in -9223372036854775808...9223372036854775807"),
        SpecErrorCase(body: "expect y[9223372036854775808,1] = 1", id: "spec.integer-out-of-range", location: "2:10",
                      message: "9223372036854775808 is out of range for a selector index"),
        SpecErrorCase(body: "expect y[-9223372036854775809] = 1", id: "spec.integer-out-of-range", location: "2:10",
                      message: "-9223372036854775809 is out of range for a selector index"),
        SpecErrorCase(body: "x = [a/b]", id: "spec.symbolic-division", location: "2:8",
                      message: "cannot divide by the symbolic expression b"),
        SpecErrorCase(body: "x = [(a + b)/(a - 1)]", id: "spec.symbolic-division", location: "2:14",
                      message: "cannot divide by the symbolic expression a - 1"),
        SpecErrorCase(body: "x = [a^17]", id: "spec.exponent-range", location: "2:8",
                      message: "the exponent 17 is outside 0...16"),
    ]

    static let statementErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "paddin = same", id: "spec.unknown-key", location: "2:1",
                      message: "unknown key 'paddin'"),
        SpecErrorCase(body: "x = [1]\n  x = [2]", id: "spec.duplicate-key", location: "3:3",
                      message: "x is set twice in this block"),
        SpecErrorCase(body: "x [1 2]", id: "spec.missing-equals", location: "2:1",
                      message: "expected 'key = value', found 'x [1 2]'"),
        SpecErrorCase(body: "x =   ", id: "spec.missing-value", location: "2:3",
                      message: "nothing follows = in 'x ='"),
        SpecErrorCase(body: "stride : 2x2 = 1", id: "spec.unexpected-shape", location: "2:8",
                      message: "only tensors (x, w, b, dL/dy) take an explicit shape, not stride"),
        SpecErrorCase(body: "x : 2y2 = ones", id: "spec.trailing-text", location: "2:6",
                      message: "unexpected 'y2' after the shape"),
        SpecErrorCase(body: "x : 0x2 = ones", id: "spec.malformed-shape", location: "2:5",
                      message: "each extent of a shape must be between 1 and"),
        SpecErrorCase(body: "mode = conv", id: "spec.unknown-option", location: "2:8",
                      message: "mode cannot be 'conv'"),
        SpecErrorCase(body: "stride = (2, 1", id: "spec.unterminated-bracket", location: "2:10",
                      message: "this ( is never closed before the end of the block"),
        SpecErrorCase(body: "stride = 2 3", id: "spec.trailing-text", location: "2:12",
                      message: "unexpected '3' after the value of stride"),
        SpecErrorCase(body: "groups = two", id: "spec.expected-integer", location: "2:10",
                      message: "expected an integer for groups, found 'two'"),
        SpecErrorCase(body: "expect y | summ = 3", id: "spec.unknown-filter", location: "2:12",
                      message: "unknown filter 'summ'"),
        SpecErrorCase(body: "expect dL/dz = 3", id: "spec.unknown-quantity", location: "2:8",
                      message: "unknown quantity 'dL/dz'"),
        SpecErrorCase(body: "expect y | expand = 3", id: "spec.expect-expand", location: "2:8",
                      message: "expect cannot check '| expand'"),
        SpecErrorCase(body: "expect y[1,1 = 3", id: "spec.unterminated-bracket", location: "2:9",
                      message: "this [ is never closed before the end of the block"),
    ]

    static let generatorErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "x : 2x2 = arange(begin: 1)", id: "spec.unknown-argument", location: "2:18",
                      message: "arange has no argument 'begin'"),
        SpecErrorCase(body: "x = ones(3x3, seed: 1)", id: "spec.unknown-argument", location: "2:15",
                      message: "ones has no argument 'seed'"),
        SpecErrorCase(body: "x = symbols(3x3)", id: "spec.malformed-generator", location: "2:5",
                      message: "symbols needs a base name, such as symbols(x)"),
        SpecErrorCase(body: "x = random(3x3, min: 3, max: -3)", id: "spec.malformed-generator", location: "2:5",
                      message: "random has min 3 above max -3"),
        SpecErrorCase(body: "x = random(3x3, seed: 1/2)", id: "spec.malformed-generator", location: "2:23",
                      message: "seed of random must be an integer"),
        SpecErrorCase(body: "x = arange(3x3, start: a)", id: "spec.malformed-generator", location: "2:24",
                      message: "start of arange must be a number"),
        SpecErrorCase(body: "x = ones(3x3) 2", id: "spec.trailing-text", location: "2:15",
                      message: "unexpected '2' after the generator"),
    ]

    static let paddingErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "padding = top 1 lft 1", id: "spec.unknown-padding", location: "2:17",
                      message: "unknown padding side or rule 'lft'"),
        SpecErrorCase(body: "padding = sme", id: "spec.unknown-padding", location: "2:11",
                      message: "unknown padding side or rule 'sme'"),
        SpecErrorCase(body: "padding = top 1 top 2", id: "spec.duplicate-side", location: "2:17",
                      message: "the padding side 'top' is given twice"),
        SpecErrorCase(body: "padding = [(1, 0), (1)]", id: "spec.malformed-padding", location: "2:20",
                      message: "each padding pair needs two values, (begin, end), found 1"),
        SpecErrorCase(body: "padding = valid 2", id: "spec.trailing-text", location: "2:17",
                      message: "unexpected '2' after the padding"),
        SpecErrorCase(body: "padding = !", id: "spec.unknown-padding", location: "2:11",
                      message: "unknown padding '!'"),
    ]

    @Test(arguments: literalErrors + valueErrors + statementErrors + generatorErrors + paddingErrors)
    func parseError(_ error: SpecErrorCase) throws {
        let diagnostics = parseSpec(error.body).diagnostics
        let diagnostic = try #require(diagnostics.first, "no diagnostic")
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == error.id)
        #expect(diagnostic.severity == .error)
        #expect(start(diagnostic) == error.location)
        #expect(diagnostic.message.contains(error.message), "message: \(diagnostic.message)")
    }

    static let shapeErrors: [SpecErrorCase] = [
        SpecErrorCase(body: "w = [1 2]", id: "spec.missing-x", location: "1:1",
                      message: "the spec block 'test' has no input x"),
        SpecErrorCase(body: "x = [1 2]", id: "spec.missing-w", location: "1:1",
                      message: "the spec block 'test' has no kernel w"),
        SpecErrorCase(body: "x = ones\nw = [1]", id: "spec.missing-shape", location: "2:1",
                      message: "x needs a shape for its generator"),
        SpecErrorCase(body: "x : 2x2 = [1 2 3]\nw = [1]", id: "spec.shape-mismatch", location: "2:11",
                      message: "the explicit shape 2x2 holds 4 entries, but the tensor has 3 (shape 3)"),
        SpecErrorCase(body: "x : 2x2 = ones(3x3)\nw = [1]", id: "spec.shape-mismatch", location: "2:1",
                      message: "x is given two shapes, 2x2 before = and 3x3 in the generator's arguments"),
        SpecErrorCase(body: "x = [1 2; 3 4]\nw = [1 2 3; 4 5 6; 7 8 9]", id: "spec.kernel-too-large", location: "3:5",
                      message: "the kernel spans 3 entries along axis 1 (dilation·(k − 1) + 1), more than the padded input's 2"),
        SpecErrorCase(body: "x = [1 2 3]\nw = [1 1]\ndilation = 3", id: "spec.kernel-too-large", location: "3:5",
                      message: "the kernel spans 4 entries along axis 1"),
        SpecErrorCase(body: "x : 4x3x3 = ones\nw : 3x2x2x2 = ones\ngroups = 2", id: "spec.invalid-groups", location: "4:10",
                      message: "groups = 2 must be at least 1 and divide both the input channels (4) and the output channels (3)"),
        SpecErrorCase(body: "x : 4x3x3 = ones\nw : 4x1x2x2 = ones\ngroups = 0", id: "spec.invalid-groups", location: "4:10",
                      message: "groups = 0 must be at least 1"),
        SpecErrorCase(body: "x : 3x3x3 = ones\nw : 2x2x2 = ones", id: "spec.channel-mismatch", location: "3:13",
                      message: "x has 3 channels, but w has 2 input channels per group × 1 groups = 2"),
        SpecErrorCase(body: validPrefix + "stride = 0", id: "spec.invalid-stride", location: "4:10",
                      message: "stride must be at least 1, but axis 1 has 0"),
        SpecErrorCase(body: validPrefix + "stride = (1, 0)", id: "spec.invalid-stride", location: "4:10",
                      message: "stride must be at least 1, but axis 2 has 0"),
        SpecErrorCase(body: validPrefix + "dilation = -1", id: "spec.invalid-dilation", location: "4:12",
                      message: "dilation must be at least 1, but axis 1 has -1"),
        SpecErrorCase(body: validPrefix + "padding = -1", id: "spec.negative-padding", location: "4:11",
                      message: "padding must not be negative, but axis 1 has -1"),
        SpecErrorCase(body: validPrefix + "padding = (1, 2, 3)", id: "spec.wrong-arity", location: "4:11",
                      message: "padding gives 3 values, but the convolution has 2 spatial dimensions"),
        SpecErrorCase(body: validPrefix + "padding = [(1, 0)]", id: "spec.wrong-arity", location: "4:11",
                      message: "padding gives 1 values, but the convolution has 2 spatial dimensions"),
        SpecErrorCase(body: validPrefix + "stride = (1, 2, 3)", id: "spec.wrong-arity", location: "4:10",
                      message: "stride gives 3 values, but the convolution has 2 spatial dimensions"),
        SpecErrorCase(body: "x = [1 2 3]\nw = [1 1]\npadding = top 1", id: "spec.unknown-padding", location: "4:11",
                      message: "a 1-D convolution has no 'top' side"),
        SpecErrorCase(body: validPrefix + "dims = 4", id: "spec.invalid-dims", location: "4:8",
                      message: "dims must be 1, 2 or 3, not 4"),
        SpecErrorCase(body: "x : 1x1x1x3x3 = ones\nw = [1 2; 3 4]", id: "spec.input-rank", location: "2:17",
                      message: "x has shape 1x1x1x3x3, but a 2-D convolution takes x of rank 2"),
        SpecErrorCase(body: "x = [1 2 3]\nw : 1x1x1x1x1x1 = ones", id: "spec.kernel-rank", location: "3:19",
                      message: "w has rank 6; a kernel has rank 1 to 5"),
        SpecErrorCase(body: validPrefix + "b = [1 2]", id: "spec.shape-mismatch", location: "4:5",
                      message: "b has shape 2, but the convolution has 1 output channels"),
        SpecErrorCase(body: validPrefix + "dL/dy = [1 2 3; 4 5 6; 7 8 9]", id: "spec.shape-mismatch", location: "4:9",
                      message: "dL/dy has shape 3x3, but y has shape 2x2"),
        SpecErrorCase(body: validPrefix + "kind = transpose\npadding = same", id: "spec.transpose-padding-rule", location: "5:11",
                      message: "kind = transpose takes explicit padding"),
        SpecErrorCase(body: validPrefix + "stride = 1048577", id: "spec.extent-too-large", location: "4:10",
                      message: "the stride along axis 1 is 1048577, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "dilation = (1, 1048577)", id: "spec.extent-too-large", location: "4:12",
                      message: "the dilation along axis 2 is 1048577, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "padding = 1048577", id: "spec.extent-too-large", location: "4:11",
                      message: "the padding along axis 1 is 1048577, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "padding = top 1 right 1048577", id: "spec.extent-too-large", location: "4:11",
                      message: "the padding along axis 2 is 1048577, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "kind = transpose\nstride = 1048577", id: "spec.extent-too-large", location: "5:10",
                      message: "the stride along axis 1 is 1048577, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "kind = transpose\nstride = 1048576", id: "spec.transpose-output-too-large", location: "5:10",
                      message: "the transposed output would have 2097154 entries along axis 1, above the limit of 1048576: (in − 1)·stride − pad_begin − pad_end + dilation·(k − 1) + 1 + output-padding = (3 − 1)·1048576 − 0 − 0 + 1·(2 − 1) + 1 + 0"),
        SpecErrorCase(body: validPrefix + "kind = transpose\ndilation = (1, 1048576)", id: "spec.transpose-output-too-large", location: "5:12",
                      message: "the transposed output would have 1048579 entries along axis 2, above the limit of 1048576"),
        SpecErrorCase(body: "x : 1000x1000 = ones\nw = [1 1; 1 1]\nkind = transpose\nstride = (1, 40)", id: "spec.transpose-output-too-large", location: "5:10",
                      message: "the transposed output would have shape 1x1x1001x39962, more than the limit of 16777216 entries"),
        SpecErrorCase(body: "x : 1000x1000 = ones\nw = [1 1; 1 1]\nkind = transpose\nstride = 40\npadding = 1", id: "spec.transpose-output-too-large", location: "5:10",
                      message: "the transposed output, before the padding crops it, would have shape 1x1x39962x39962"),
        SpecErrorCase(body: validPrefix + "kind = transpose\npadding = 9223372036854775807", id: "spec.extent-too-large", location: "5:11",
                      message: "the padding along axis 1 is 9223372036854775807, above the limit of 1048576"),
        SpecErrorCase(body: validPrefix + "stride = -9223372036854775808", id: "spec.invalid-stride", location: "4:10",
                      message: "stride must be at least 1, but axis 1 has -9223372036854775808"),
        SpecErrorCase(body: validPrefix + "numbers = float\nb = a", id: "spec.symbol-in-float", location: "5:5",
                      message: "numbers = float computes with numbers only, but this value contains the symbol a"),
        SpecErrorCase(body: validPrefix + "numbers = float\nb = symbols(b)", id: "spec.symbol-in-float", location: "5:5",
                      message: "numbers = float computes with numbers only, but b is filled with symbols"),
    ]

    @Test(arguments: shapeErrors)
    func evaluationError(_ error: SpecErrorCase) throws {
        let diagnostic = try onlyDiagnostic(error.body)
        #expect(diagnostic.id == error.id)
        #expect(start(diagnostic) == error.location)
        #expect(diagnostic.message.contains(error.message), "message: \(diagnostic.message)")
    }

    @Test func unknownKeySuggestsClosest() throws {
        let diagnostic = try onlyDiagnostic("paddin = same")
        #expect(diagnostic.notes == ["did you mean 'padding'?"])
        #expect(diagnostic.range?.end == SourceLocation(line: 2, column: 7))
    }

    @Test func unknownKeyWithoutNearMatchListsKeys() throws {
        let diagnostic = try onlyDiagnostic("zzzzzz = 1")
        #expect(diagnostic.notes.count == 1)
        #expect(diagnostic.notes[0].hasPrefix("the keys are x, w, b, dL/dy, dims, padding"))
    }

    @Test func duplicateKeyNamesFirstLine() throws {
        let diagnostic = try onlyDiagnostic("x = [1]\nw = [1]\nx = [2]")
        #expect(diagnostic.notes == ["the first setting is at line 2; remove one of them"])
    }

    @Test func unknownPaddingSuggestsSide() throws {
        let diagnostic = try onlyDiagnostic("padding = top 1 lft 1")
        #expect(diagnostic.notes == ["did you mean 'left'?"])
    }

    @Test func unknownPaddingSuggestsRule() throws {
        let diagnostic = try onlyDiagnostic("padding = sme")
        #expect(diagnostic.notes == ["did you mean 'same'?"])
    }

    @Test func unknownFilterSuggestsClosest() throws {
        let diagnostic = try onlyDiagnostic("expect y | summ = 3")
        #expect(diagnostic.notes == ["did you mean 'sum'?"])
    }

    @Test func kernelTooLargeSuggestsPadding() throws {
        let diagnostic = try onlyDiagnostic("x = [1 2; 3 4]\nw = [1 2 3; 4 5 6; 7 8 9]")
        #expect(diagnostic.notes.contains { $0.contains("padding = full") })
    }

    @Test func errorColumnsCountScalars() throws {
        // "é" is two UTF-8 bytes and "𝑥" four bytes or two UTF-16 units, but each is one column.
        let diagnostics = specDiagnostics("x = éé𝑥]")
        #expect(diagnostics.map(\.id) == ["spec.invalid-character", "spec.invalid-character", "spec.invalid-character", "spec.unbalanced-bracket"])
        #expect(diagnostics.map(start) == ["2:5", "2:6", "2:7", "2:8"])
    }

    @Test func nonASCIIEntryIsNamed() throws {
        let diagnostic = try onlyDiagnostic("x = [2é]")
        #expect(diagnostic.id == "spec.invalid-character")
        #expect(start(diagnostic) == "2:7")
        #expect(diagnostic.message == "invalid character U+00E9 LATIN SMALL LETTER E WITH ACUTE (é)")
    }

    @Test func lonePointNamesItself() throws {
        let diagnostic = try onlyDiagnostic("x = [1 .]")
        #expect(diagnostic.id == "spec.malformed-number")
        #expect(start(diagnostic) == "2:8")
        #expect(diagnostic.message.contains("'.'"), "message: \(diagnostic.message)")
    }

    @Test func uniformNeedsFloat() throws {
        let diagnostic = try onlyDiagnostic("x = uniform(3x3, seed: 7)\nw = [1 2; 3 4]")
        #expect(diagnostic.id == "spec.uniform-without-float")
        #expect(start(diagnostic) == "2:5")
    }

    @Test(arguments: [
        ("digits = 3", "spec.digits-without-float"),
        ("tolerance = 1e-6", "spec.tolerance-without-float"),
        ("output-padding = 1", "spec.output-padding-without-transpose"),
    ])
    func keyNeedsAnotherKey(line: String, id: String) throws {
        let diagnostic = try onlyDiagnostic(validPrefix + line)
        #expect(diagnostic.id == id)
        #expect(start(diagnostic) == "4:1")
    }
}
