import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct GeneratorTests {
    @Test func onesAndZeros() throws {
        let spec = try evaluateSpec("x : 2x3 = ones\nw = zeros(1x2)")
        #expect(shape(spec, .x) == [2, 3])
        #expect(entries(spec, .x) == integers(Array(repeating: 1, count: 6)))
        #expect(shape(spec, .w) == [1, 2])
        #expect(entries(spec, .w) == integers([0, 0]))
        #expect(entries(spec, .y) == integers(Array(repeating: 0, count: 4)))
    }

    @Test func shapeArgumentAndExplicitShapeAgree() throws {
        let spec = try evaluateSpec("x : 2x2 = ones(2x2)\nw : 1x1 = ones")
        #expect(shape(spec, .x) == [2, 2])
    }

    @Test func arangeFromOne() throws {
        let spec = try evaluateSpec("x : 2x3 = arange(start: 1)\nw : 1x1 = ones")
        #expect(entries(spec, .x) == integers([1, 2, 3, 4, 5, 6]))
    }

    @Test func arangeWithStep() throws {
        let spec = try evaluateSpec("x : 5 = arange(start: 0, step: 2)\nw = [1]")
        #expect(entries(spec, .x) == integers([0, 2, 4, 6, 8]))
    }

    @Test func arangeDefaultsAndFractions() throws {
        let plain = try evaluateSpec("x = arange(4)\nw = [1]")
        #expect(entries(plain, .x) == integers([0, 1, 2, 3]))
        let fractional = try evaluateSpec("x = arange(3, start: 1/2, step: -1/4)\nw = [1]")
        #expect(entries(fractional, .x) == [fraction(1, 2), fraction(1, 4), .zero])
    }

    @Test func arangeIsRowMajor() throws {
        let spec = try evaluateSpec("x : 2x2x2 = arange(start: 1)\nw : 2x1x1 = ones")
        #expect(shape(spec, .x) == [2, 2, 2])
        #expect(entries(spec, .x) == integers(Array(1...8)))
    }

    @Test func symbolsFromIndexOne() throws {
        let spec = try evaluateSpec("x : 3x3 = symbols(x)\nw : 1x1 = ones")
        let names = ["x_11", "x_12", "x_13", "x_21", "x_22", "x_23", "x_31", "x_32", "x_33"]
        #expect(entries(spec, .x) == names.map(symbol))
        #expect(entries(spec, .x).map(\.description) == ["x₁₁", "x₁₂", "x₁₃", "x₂₁", "x₂₂", "x₂₃", "x₃₁", "x₃₂", "x₃₃"])
    }

    @Test func symbolsFromIndexZero() throws {
        let spec = try evaluateSpec("x : 2x2 = symbols(x)\nw : 1x1 = ones", indexBase: 0)
        #expect(entries(spec, .x) == ["x_00", "x_01", "x_10", "x_11"].map(symbol))
        #expect(entries(spec, .x).map(\.description) == ["x₀₀", "x₀₁", "x₁₀", "x₁₁"])
    }

    @Test func symbolsOfVector() throws {
        let spec = try evaluateSpec("x : 3 = symbols(u)\nw = [1]")
        #expect(entries(spec, .x) == ["u_1", "u_2", "u_3"].map(symbol))
    }

    @Test func symbolsWithTwoDigitIndex() throws {
        let spec = try evaluateSpec("x : 11x2 = symbols(x)\nw : 1x1 = ones")
        let values = entries(spec, .x)
        #expect(values.count == 22)
        #expect(values[0] == symbol("x_11"))
        #expect(values[17] == symbol("x_92"))
        #expect(values[18] == symbol("x_10_1"))
        #expect(values[19] == symbol("x_10_2"))
        #expect(values[20] == symbol("x_11_1"))
        #expect(values[19].description == "x₁₀,₂")
    }

    @Test func symbolsWithTwoDigitIndexFromZero() throws {
        let spec = try evaluateSpec("x : 2x11 = symbols(x)\nw : 1x1 = ones", indexBase: 0)
        let values = entries(spec, .x)
        #expect(values[9] == symbol("x_09"))
        #expect(values[10] == symbol("x_0_10"))
        #expect(values[21] == symbol("x_1_10"))
    }

    @Test(arguments: [
        ([1, 1], "x_11"),
        ([0, 0], "x_00"),
        ([9, 9, 9], "x_999"),
        ([10, 2], "x_10_2"),
        ([2, 10], "x_2_10"),
        ([7], "x_7"),
        ([12], "x_12"),
        ([1, 0, 1], "x_101"),
    ])
    func generatedName(indices: [Int], name: String) {
        #expect(generatedSymbolName(base: "x", indices: indices) == name)
    }

    @Test func randomIsDeterministic() throws {
        let first = try evaluateSpec("x : 3x3 = random(seed: 7, min: -3, max: 3)\nw : 1x1 = ones")
        let second = try evaluateSpec("x : 3x3 = random(seed: 7, min: -3, max: 3)\nw : 1x1 = ones")
        #expect(entries(first, .x) == entries(second, .x))
        // Values from an independent Python SplitMix64 with the same rejection sampling.
        #expect(entries(first, .x) == integers([-1, 0, -3, 0, 2, 3, 2, -3, 3]))
    }

    @Test func randomStaysInRange() throws {
        let spec = try evaluateSpec("x : 40x40 = random(seed: 11, min: -2, max: 5)\nw : 1x1 = ones")
        let values = entries(spec, .x).map { $0.constantValue }
        #expect(values.allSatisfy { $0?.isInteger == true })
        let numbers = values.compactMap { $0?.numerator }
        #expect(numbers.count == 1600)
        #expect(numbers.min() == -2)
        #expect(numbers.max() == 5)
        #expect(Set(numbers).count == 8)
    }

    @Test func randomSeedChangesValues() throws {
        let seven = try evaluateSpec("x : 4x4 = random(seed: 7)\nw : 1x1 = ones")
        let eight = try evaluateSpec("x : 4x4 = random(seed: 8)\nw : 1x1 = ones")
        #expect(entries(seven, .x) != entries(eight, .x))
    }

    @Test func randomWithEqualBounds() throws {
        let spec = try evaluateSpec("x : 2x2 = random(seed: 3, min: 4, max: 4)\nw : 1x1 = ones")
        #expect(entries(spec, .x) == integers([4, 4, 4, 4]))
    }

    @Test func splitMix64PublishedVector() {
        var generator = SplitMix64(seed: 1_234_567)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(outputs == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test func splitMix64FullRange() {
        var generator = SplitMix64(seed: 1_234_567)
        let value = generator.nextInteger(in: Int.min...Int.max)
        #expect(value == Int(bitPattern: 6_457_827_717_110_365_317))
    }

    @Test func splitMix64NegativeRange() {
        var generator = SplitMix64(seed: 99)
        let values = (0..<500).map { _ in generator.nextInteger(in: -10 ... -5) }
        #expect(values.allSatisfy { (-10 ... -5).contains($0) })
        #expect(Set(values).count == 6)
    }

    @Test func bAndUpstreamTakeShapeFromConv() throws {
        let spec = try evaluateSpec("x : 3x3 = ones\nw = [1 1; 1 1]\nb = 1\ndL/dy = arange(start: 1)")
        #expect(shape(spec, .upstream) == [2, 2])
        #expect(entries(spec, .upstream) == integers([1, 2, 3, 4]))
        #expect(shape(spec, .b) == [])
        #expect(entries(spec, .y) == integers([5, 5, 5, 5]))
        #expect(entries(spec, .biasGradient) == integers([10]))
    }

    @Test func upstreamDefaultsToOnes() throws {
        let spec = try evaluateSpec("x : 3x3 = ones\nw = [1 1; 1 1]")
        #expect(entries(spec, .upstream) == integers([1, 1, 1, 1]))
    }
}
