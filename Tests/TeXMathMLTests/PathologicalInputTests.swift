import Testing
import TeXMathML

/// A formula built by repeating `unit` between `prefix` and `suffix`, and the error offset
/// it must give, or nil when the formula must convert.
struct RepeatedInput: Sendable, CustomTestStringConvertible {
    var prefix = ""
    var unit: String
    var suffix = ""
    var errorOffset: Int?

    var testDescription: String { "\(prefix)\(unit)…\(suffix)" }

    /// Returns the formula with as many units as fit in `length` scalars.
    func formula(length: Int) -> String {
        let fixedLength = prefix.unicodeScalars.count + suffix.unicodeScalars.count
        let count = (length - fixedLength) / unit.unicodeScalars.count
        return prefix + String(repeating: unit, count: count) + suffix
    }
}

/// Inputs built to make a careless parser recurse without bound or take quadratic time.
@Suite(.serialized) struct PathologicalInputTests {
    static let repeatedInputs: [RepeatedInput] = [
        // The 101st brace is one level too deep.
        RepeatedInput(unit: "{", errorOffset: 100),
        RepeatedInput(unit: "}", errorOffset: 0),
        // x^x^ is a double superscript at the second ^.
        RepeatedInput(unit: "x^", errorOffset: 3),
        // Each bare \frac argument is one level, so the 102nd \frac is too deep.
        RepeatedInput(unit: #"\frac"#, errorOffset: 505),
        RepeatedInput(unit: "a_", errorOffset: 3),
        RepeatedInput(unit: #"\left("#, errorOffset: 600),
        RepeatedInput(unit: "a", errorOffset: nil),
        RepeatedInput(unit: "x_{i}+", errorOffset: nil),
        RepeatedInput(unit: #"\frac{a}{b}"#, errorOffset: nil),
        RepeatedInput(unit: #"\sin x \cdot \mathrm{dx} "#, errorOffset: nil),
        RepeatedInput(
            prefix: #"\begin{matrix}"#, unit: #"a & b \\"#, suffix: #"\end{matrix}"#,
            errorOffset: nil),
    ]

    @Test(arguments: repeatedInputs)
    func fullLengthInputFinishes(_ input: RepeatedInput) throws {
        let tex = input.formula(length: 100_000)
        #expect(tex.unicodeScalars.count <= 100_000)
        #expect(tex.unicodeScalars.count > 99_900)

        let error = conversionError(tex)
        if let expectedOffset = input.errorOffset {
            #expect(error?.offset == expectedOffset)
        } else {
            #expect(error == nil)
        }
    }

    /// Compares run times at 10 000 and 100 000 scalars. Linear time gives a ratio near 10,
    /// quadratic time near 100. Each size takes the fastest of several runs to damp noise
    /// from other work on the machine.
    @Test(arguments: repeatedInputs)
    func timeGrowsLinearly(_ input: RepeatedInput) {
        let small = fastestConversion(of: input.formula(length: 10_000), runs: 5)
        let large = fastestConversion(of: input.formula(length: 100_000), runs: 3)

        let ratio = large / max(small, 1e-9)
        #expect(ratio < 40, "100 000 scalars took \(ratio) times as long as 10 000")
    }

    @Test func longInputOfRepeatedUnitsHitsLengthLimit() {
        let error = conversionError(String(repeating: "x^", count: 100_000))
        #expect(error?.offset == 100_000)
        #expect(error?.length == 100_000)
    }

    /// Every construct that recurses, nested to the limit, which must convert without
    /// exhausting the stack, and one level deeper, which must throw.
    @Test(arguments: [
        (#"{"#, #"}"#),
        (#"\left("#, #"\right)"#),
        (#"\frac{"#, #"}{b}"#),
        (#"\sqrt{"#, #"}"#),
        (#"\begin{bmatrix}"#, #"\end{bmatrix}"#),
        (#"\begin{aligned} a &= "#, #"\end{aligned}"#),
        (#"\sqrt["#, #"]{x}"#),
        (#"x^{"#, #"}"#),
        (#"\text{"#, #"}"#),
        (#"\mathbf{"#, #"}"#),
    ])
    func nestingToLimitConverts(open: String, close: String) throws {
        func nested(_ depth: Int) -> String {
            String(repeating: open, count: depth) + "y" + String(repeating: close, count: depth)
        }

        let output = try TeXMathML.convert(nested(100), display: .block)
        #expect(output.hasPrefix(#"<math display="block">"#))

        let error = conversionError(nested(101))
        #expect(error?.message.hasPrefix("formula nests deeper than 100 levels") == true)
    }

    @Test func bareCommandChainStopsAtNestingLimit() {
        let error = conversionError(String(repeating: #"\hat"#, count: 1_000) + "x")
        #expect(error?.offset == 404)
        #expect(error?.message.hasPrefix("formula nests deeper than 100 levels") == true)
    }

    @Test func manyStyleSwitchesStayFlat() throws {
        let tex = String(repeating: #"\displaystyle x \textstyle y "#, count: 2_000)
        let output = try TeXMathML.convert(tex, display: .inline)
        let styleCount = output.ranges(of: "<mstyle").count
        #expect(styleCount == 4_000)
    }

    @Test func longPrimeRunIsOneSuperscript() throws {
        let output = try TeXMathML.convert("f" + String(repeating: "'", count: 50_000), display: .inline)
        #expect(output.ranges(of: "<msup>").count == 1)
    }

    private func fastestConversion(of tex: String, runs: Int) -> Double {
        let clock = ContinuousClock()
        var fastest = Double.infinity
        for _ in 0..<runs {
            let duration = clock.measure {
                _ = try? TeXMathML.convert(tex, display: .block)
            }
            let seconds = Double(duration.components.seconds)
                + Double(duration.components.attoseconds) * 1e-18
            fastest = min(fastest, seconds)
        }
        return fastest
    }
}
