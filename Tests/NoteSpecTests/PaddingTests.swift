import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// A padding statement, the input and kernel shapes it applies to, and the resolved
/// (begin, end) pairs per spatial axis.
struct PaddingCase: Sendable, CustomTestStringConvertible {
    var padding: String
    var input: String
    var kernel: String
    var extra = ""
    var pads: [[Int]]

    var testDescription: String { "\(padding) on \(input) with \(kernel) \(extra)" }

    var body: String {
        "x : \(input) = ones\nw : \(kernel) = ones\npadding = \(padding)" + (extra.isEmpty ? "" : "\n" + extra)
    }
}

@Suite struct PaddingTests {
    static let cases: [PaddingCase] = [
        PaddingCase(padding: "valid", input: "5x5", kernel: "3x3", pads: [[0, 0], [0, 0]]),
        PaddingCase(padding: "full", input: "5x5", kernel: "3x3", pads: [[2, 2], [2, 2]]),
        PaddingCase(padding: "full", input: "5x5", kernel: "3x2", pads: [[2, 2], [1, 1]]),
        PaddingCase(padding: "full", input: "7x7", kernel: "3x3", extra: "dilation = 2", pads: [[4, 4], [4, 4]]),
        PaddingCase(padding: "same", input: "5x5", kernel: "3x3", pads: [[1, 1], [1, 1]]),
        PaddingCase(padding: "same", input: "4x4", kernel: "2x2", pads: [[0, 1], [0, 1]]),
        PaddingCase(padding: "same-start", input: "4x4", kernel: "2x2", pads: [[1, 0], [1, 0]]),
        PaddingCase(padding: "same_start", input: "4x4", kernel: "2x2", pads: [[1, 0], [1, 0]]),
        PaddingCase(padding: "same", input: "6x6", kernel: "4x4", pads: [[1, 2], [1, 2]]),
        PaddingCase(padding: "same-start", input: "6x6", kernel: "4x4", pads: [[2, 1], [2, 1]]),
        PaddingCase(padding: "same", input: "5x5", kernel: "3x3", extra: "stride = 2", pads: [[1, 1], [1, 1]]),
        PaddingCase(padding: "same", input: "6x6", kernel: "3x3", extra: "stride = 2", pads: [[0, 1], [0, 1]]),
        PaddingCase(padding: "same-start", input: "6x6", kernel: "3x3", extra: "stride = 2", pads: [[1, 0], [1, 0]]),
        PaddingCase(padding: "same", input: "5", kernel: "1", extra: "stride = 3", pads: [[0, 0]]),
        PaddingCase(padding: "same", input: "6x5", kernel: "3x3", extra: "stride = (2, 1)", pads: [[0, 1], [1, 1]]),
        PaddingCase(padding: "same", input: "5x5", kernel: "2x2", extra: "dilation = 2", pads: [[1, 1], [1, 1]]),
        PaddingCase(padding: "1", input: "3x3", kernel: "2x2", pads: [[1, 1], [1, 1]]),
        PaddingCase(padding: "0", input: "3x3", kernel: "2x2", pads: [[0, 0], [0, 0]]),
        PaddingCase(padding: "2", input: "4", kernel: "3", pads: [[2, 2]]),
        PaddingCase(padding: "(1, 2)", input: "3x3", kernel: "2x2", pads: [[1, 1], [2, 2]]),
        PaddingCase(padding: "(3)", input: "3x3", kernel: "2x2", pads: [[3, 3], [3, 3]]),
        PaddingCase(padding: "(1,0,2)", input: "3x3x3", kernel: "1x1x2x2x2", pads: [[1, 1], [0, 0], [2, 2]]),
        PaddingCase(padding: "top 1 left 2 bottom 0 right 3", input: "3x3", kernel: "2x2", pads: [[1, 0], [2, 3]]),
        PaddingCase(padding: "right 3 bottom 4 left 2 top 1", input: "3x3", kernel: "2x2", pads: [[1, 4], [2, 3]]),
        PaddingCase(padding: "top 1, left 1", input: "3x3", kernel: "2x2", pads: [[1, 0], [1, 0]]),
        PaddingCase(padding: "bottom 2", input: "3x3", kernel: "2x2", pads: [[0, 2], [0, 0]]),
        PaddingCase(padding: "left 2 right 1", input: "4", kernel: "3", pads: [[2, 1]]),
        PaddingCase(padding: "right 1", input: "4", kernel: "3", pads: [[0, 1]]),
        PaddingCase(padding: "front 1 back 0 top 2 left 3", input: "1x3x3x3", kernel: "1x1x2x2x2",
                    pads: [[1, 0], [2, 0], [3, 0]]),
        PaddingCase(padding: "[(1, 0), (0, 2)]", input: "3x3", kernel: "2x2", pads: [[1, 0], [0, 2]]),
        PaddingCase(padding: "[(1,0),(1,0)]", input: "3x3", kernel: "2x2", pads: [[1, 0], [1, 0]]),
        PaddingCase(padding: "[(2, 1)]", input: "4", kernel: "3", pads: [[2, 1]]),
    ]

    @Test(arguments: cases)
    func resolvedPads(_ padding: PaddingCase) throws {
        let spec = try evaluateSpec(padding.body)
        #expect(pads(spec) == padding.pads)
    }

    @Test func defaultIsValid() throws {
        let spec = try evaluateSpec("x : 4x4 = ones\nw : 3x3 = ones")
        #expect(pads(spec) == [[0, 0], [0, 0]])
        #expect(shape(spec, .y) == [2, 2])
    }

    @Test func sameKeepsCeilOfInputOverStride() throws {
        let spec = try evaluateSpec("x : 7x7 = ones\nw : 3x3 = ones\npadding = same\nstride = 2")
        #expect(spec.geometry.outputSize == [4, 4])
        #expect(shape(spec, .y) == [4, 4])
    }

    @Test func paddedInputShowsPads() throws {
        let spec = try evaluateSpec("x = [1 2; 3 4]\nw : 1x1 = ones\npadding = top 1 right 1")
        #expect(shape(spec, .paddedInput) == [3, 3])
        #expect(entries(spec, .paddedInput) == integers([0, 0, 0, 1, 2, 0, 3, 4, 0]))
    }

    @Test func parsedForms() throws {
        let forms: [(String, PaddingSpec)] = [
            ("valid", .rule(.valid)),
            ("full", .rule(.full)),
            ("same", .rule(.same)),
            ("same-start", .rule(.sameStart)),
            ("2", .uniform(2)),
            ("(1, 2)", .perDimension([1, 2])),
            ("top 1 left 2", .sides(["top": 1, "left": 2])),
            ("[(1, 0), (0, 1)]", .pairs([PadPair(begin: 1, end: 0), PadPair(begin: 0, end: 1)])),
        ]
        for (text, expected) in forms {
            let (spec, diagnostics) = parseSpec("padding = " + text)
            #expect(diagnostics.isEmpty, "padding = \(text)")
            #expect(spec.padding?.value == expected, "padding = \(text)")
        }
    }

    @Test func strideTuple() throws {
        let spec = try evaluateSpec("x : 5x6 = ones\nw : 2x2 = ones\nstride = (2, 3)")
        #expect(spec.geometry.stride == [2, 3])
        #expect(spec.geometry.outputSize == [2, 2])
        #expect(shape(spec, .y) == [2, 2])
    }

    @Test func singleStrideAppliesToEveryAxis() throws {
        let spec = try evaluateSpec("x : 5x5 = ones\nw : 1x1 = ones\nstride = 2")
        #expect(spec.geometry.stride == [2, 2])
        #expect(shape(spec, .y) == [3, 3])
    }

    @Test func dilationTuple() throws {
        let spec = try evaluateSpec("x : 5x5 = ones\nw : 2x2 = ones\ndilation = (2, 1)")
        #expect(spec.geometry.dilation == [2, 1])
        #expect(shape(spec, .y) == [3, 4])
    }

    @Test(arguments: [
        ("x : 5 = ones\nw : 3 = ones", 1, [3]),
        ("x : 5x5 = ones\nw : 3x3 = ones", 2, [3, 3]),
        ("x : 2x5x5 = ones\nw : 2x3x3 = ones", 2, [1, 3, 3]),
        ("x : 2x5x5 = ones\nw : 4x2x3x3 = ones", 2, [4, 3, 3]),
        ("x : 1x2x5x5 = ones\nw : 4x2x3x3 = ones", 2, [1, 4, 3, 3]),
        ("x : 1x1x4x4x4 = ones\nw : 1x1x2x2x2 = ones", 3, [1, 1, 3, 3, 3]),
        ("x : 2x5 = ones\nw : 2x3 = ones\ndims = 1", 1, [1, 3]),
        ("x : 3x5 = ones\nw : 2x3x3 = ones\ndims = 1", 1, [2, 3]),
    ])
    func dimensionsFromKernelRank(body: String, dimensions: Int, outputShape: [Int]) throws {
        let spec = try evaluateSpec(body)
        #expect(spec.geometry.dimensions == dimensions)
        #expect(shape(spec, .y) == outputShape)
    }
}
