import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// One way of writing the tensors of a `kind = transpose` spec: which optional axes x and w
/// carry, their lengths, groups and the form of b.
struct TransposeLayoutCase: CustomTestStringConvertible, Sendable {
    enum Bias: String, CaseIterable, Sendable {
        case none, scalar, one = "[1]", two = "[1 2]"
    }

    var dimensions: Int
    /// 0, 1 or 2 axes before x's spatial ones: none, (C, ...) or (N, C, ...).
    var inputExtraAxes: Int
    /// 0, 1 or 2 axes before w's spatial ones: none, (C_in, ...) or (C_in, C_out/groups, ...).
    var kernelExtraAxes: Int
    var batch: Int
    var inputChannels: Int
    /// w's first and second leading axes, when it has them.
    var kernelLeading: [Int]
    var groups: Int
    var bias: Bias

    var inputShape: [Int] {
        var shape: [Int] = []
        if inputExtraAxes == 2 { shape.append(batch) }
        if inputExtraAxes >= 1 { shape.append(inputChannels) }
        return shape + Array(repeating: 3, count: dimensions)
    }

    var kernelShape: [Int] {
        Array(kernelLeading.prefix(kernelExtraAxes)) + Array(repeating: 2, count: dimensions)
    }

    var body: String {
        var lines = [
            "dims = \(dimensions)",
            "x : \(formatShape(inputShape)) = arange(start: 1)",
            "w : \(formatShape(kernelShape)) = arange(start: -2)",
            "kind = transpose",
            "groups = \(groups)",
            "dL/dy = arange(start: 1)",
        ]
        switch bias {
        case .none: break
        case .scalar: lines.append("b = 1")
        case .one, .two: lines.append("b = \(bias.rawValue)")
        }
        return lines.joined(separator: "\n")
    }

    var testDescription: String { body.replacingOccurrences(of: "\n", with: "; ") }

    /// Every layout of x and w for 1 to 3 spatial axes, with 1 or 2 channels on each side,
    /// groups 1 or 2, batch 1 or 2 and each form of b.
    static let all: [TransposeLayoutCase] = {
        var cases: [TransposeLayoutCase] = []
        for dimensions in 1...3 {
            for inputExtraAxes in 0...2 {
                for kernelExtraAxes in 0...2 {
                    for batch in inputExtraAxes == 2 ? [1, 2] : [1] {
                        for inputChannels in inputExtraAxes >= 1 ? [1, 2] : [1] {
                            for first in kernelExtraAxes >= 1 ? [1, 2] : [1] {
                                for second in kernelExtraAxes == 2 ? [1, 2] : [1] {
                                    for groups in [1, 2] {
                                        for bias in Bias.allCases {
                                            cases.append(TransposeLayoutCase(
                                                dimensions: dimensions, inputExtraAxes: inputExtraAxes,
                                                kernelExtraAxes: kernelExtraAxes, batch: batch,
                                                inputChannels: inputChannels, kernelLeading: [first, second],
                                                groups: groups, bias: bias))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return cases
    }()
}

/// `kind = transpose` with every rank of x and w: each spec either evaluates to the values of
/// the same spec written with full ranks, or gets a diagnostic at a line and column.
@Suite struct TransposeLayoutTests {
    @Test func sweepCoversEveryLayout() {
        #expect(TransposeLayoutCase.all.count > 1000)
    }

    @Test(arguments: TransposeLayoutCase.all)
    func layoutEvaluatesOrIsDiagnostic(_ layout: TransposeLayoutCase) throws {
        let (parsed, parseDiagnostics) = parseSpec(layout.body)
        try #require(parseDiagnostics.isEmpty, "parse diagnostics: \(parseDiagnostics.map(\.message))")

        let spec: EvaluatedSpec
        do {
            spec = try SpecEvaluator(indexBase: 1).evaluate(parsed)
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.range != nil, "no location: \(diagnostic.message)")
            #expect(!diagnostic.id.contains("internal"), "\(diagnostic.id): \(diagnostic.message)")
            return
        }

        let full = try evaluateSpec(Self.fullRankBody(layout, spec))
        for quantity in [Quantity.y, .upstream, .weightGradient, .inputGradient, .w, .x] {
            #expect(entries(spec, quantity) == entries(full, quantity), "\(quantity.rawValue)")
        }
        if layout.bias != .scalar {
            #expect(entries(spec, .biasGradient) == entries(full, .biasGradient))
        }
        #expect(shape(spec, .w) == layout.kernelShape)
        #expect(shape(spec, .weightGradient) == layout.kernelShape)
        #expect(shape(spec, .x) == layout.inputShape)
        #expect(shape(spec, .inputGradient) == layout.inputShape)
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    /// Writes the same spec with x as (N, C, ...), w as (C_in, C_out/groups, ...) and b as one
    /// entry per output channel, the layout that the differential cases check against JAX.
    private static func fullRankBody(_ layout: TransposeLayoutCase, _ spec: EvaluatedSpec) -> String {
        let geometry = spec.geometry
        let spatial = Array(repeating: 3, count: layout.dimensions)
        let kernel = [geometry.outputChannels, geometry.inputChannelsPerGroup] + Array(repeating: 2, count: layout.dimensions)
        var lines = [
            "dims = \(layout.dimensions)",
            "x : \(formatShape([geometry.batch, geometry.outputChannels] + spatial)) = arange(start: 1)",
            "w : \(formatShape(kernel)) = arange(start: -2)",
            "kind = transpose",
            "groups = \(layout.groups)",
            "dL/dy = arange(start: 1)",
        ]
        switch layout.bias {
        case .none: break
        case .scalar: lines.append("b = [" + Array(repeating: "1", count: geometry.inputChannels).joined(separator: " ") + "]")
        case .one, .two: lines.append("b = \(layout.bias.rawValue)")
        }
        return lines.joined(separator: "\n")
    }

    // Values by hand from PyTorch's definition: y[o, i·stride + k] += x[c, i] · w[c, o mod
    // (C_out/groups), k] for every input channel c in o's group.

    @Test func twoChannelsOnesValues() throws {
        let spec = try evaluateSpec("x : 2x2x2 = ones\nw : 2x2x2 = ones\nkind = transpose")

        #expect(shape(spec, .y) == [1, 3, 3])
        #expect(entries(spec, .y) == integers([2, 4, 2, 4, 8, 4, 2, 4, 2]))
        #expect(shape(spec, .weightGradient) == [2, 2, 2])
        #expect(entries(spec, .weightGradient) == integers(Array(repeating: 4, count: 8)))
        #expect(entries(spec, .inputGradient) == integers(Array(repeating: 4, count: 8)))
    }

    @Test func twoChannelsOneDimensionValues() throws {
        let spec = try evaluateSpec("dims = 1\nx = [1 2; 3 4]\nw = [1 2; 3 -1]\nb = 5\ndL/dy = [[1 2 3]]\nkind = transpose")

        #expect(shape(spec, .y) == [1, 3])
        #expect(entries(spec, .y) == integers([15, 18, 5]))
        #expect(entries(spec, .inputGradient) == integers([5, 8, 1, 3]))
        #expect(entries(spec, .weightGradient) == integers([5, 8, 11, 18]))
        #expect(entries(spec, .biasGradient) == integers([6]))
    }

    @Test func groupedOneDimensionValues() throws {
        let spec = try evaluateSpec("dims = 1\nx : 2x3 = arange\nw = [1 1; 1 -1]\ngroups = 2\nb = [1 2]\nkind = transpose")

        #expect(shape(spec, .y) == [2, 4])
        #expect(entries(spec, .y) == integers([1, 2, 4, 3, 5, 3, 3, -3]))
        #expect(entries(spec, .weightGradient) == integers([3, 3, 12, 12]))
        #expect(entries(spec, .inputGradient) == integers([2, 2, 2, 0, 0, 0]))
        #expect(entries(spec, .biasGradient) == integers([4, 4]))
    }

    @Test func groupedFlippedKernelKeepsGroups() throws {
        let spec = try evaluateSpec("dims = 1\nx : 2x3 = arange\nw = [1 2; 3 4]\ngroups = 2\nkind = transpose")

        #expect(shape(spec, .flippedKernel) == [2, 1, 2])
        #expect(entries(spec, .flippedKernel) == integers([2, 1, 4, 3]))
    }

    @Test func singleFilterWithChannelsIsDiagnostic() throws {
        let diagnostic = try onlyDiagnostic("x : 2x3x3 = ones\nw : 2x2 = ones\nkind = transpose")

        #expect(diagnostic.id == "spec.channel-mismatch")
        #expect(start(diagnostic) == "3:11")
        #expect(diagnostic.message == "x has 2 channels, but w of shape 2x2 is a single transposed filter, which takes 1 input channel")
        #expect(diagnostic.notes.contains { $0.contains("shape 2x2x2") })
    }

    @Test func kernelChannelMismatchNamesLayout() throws {
        let diagnostic = try onlyDiagnostic("x : 2x3x3 = ones\nw : 3x2x2 = ones\nkind = transpose")

        #expect(diagnostic.id == "spec.channel-mismatch")
        #expect(start(diagnostic) == "3:13")
        #expect(diagnostic.message.contains("is read as a transposed kernel (C_in, kernel...) with C_in = 3"))
    }

    @Test func groupsDiagnosticNamesTransposedChannels() throws {
        let diagnostic = try onlyDiagnostic("x : 3x3 = ones\nw : 1x2x2 = ones\nkind = transpose\ngroups = 2")

        #expect(diagnostic.id == "spec.invalid-groups")
        #expect(diagnostic.message.contains("the input channels (1) and the output channels (2)"))
    }
}
