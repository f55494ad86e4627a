import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct SpecTextTests {
    @Test(arguments: [
        (Polynomial(3), "3"),
        (Polynomial(-7), "-7"),
        (fraction(-11, 2), "-11/2"),
        (Polynomial.zero, "0"),
        (symbol("a"), "a"),
        (symbol("x_11"), "x_11"),
        (-symbol("a"), "(-a)"),
        (Polynomial(2) * symbol("a"), "(2*a)"),
        (symbol("d") * symbol("x_11"), "(d*x_11)"),
        (symbol("a") + symbol("b"), "(a + b)"),
        (symbol("a") - symbol("b"), "(a - b)"),
        (symbol("a") * symbol("a"), "(a^2)"),
        (fraction(1, 2) * symbol("a") + Polynomial(3), "(1/2*a + 3)"),
    ])
    func scalarText(value: Polynomial, text: String) {
        #expect(SpecText.scalar(.exact(value)) == text)
    }

    @Test func tensorText() throws {
        let spec = try evaluateSpec(AcceptanceTests.numeric)
        #expect(SpecText.tensor(spec.report.value(of: .y)) == "[4 11 18; 18 37 47; 36 67 77]")
        let row = try spec.value(of: try parseQuantityReference(LocatedText("y[2,:]", at: SourceLocation(line: 1, column: 1))))
        #expect(SpecText.tensor(row) == "[18 37 47]")
    }

    @Test func stackText() throws {
        let spec = try evaluateSpec("x = [[1 2; 3 4], [5 6; 7 8]]\nw : 2x1x1 = ones")
        #expect(SpecText.tensor(spec.report.value(of: .x)) == "[[1 2; 3 4], [5 6; 7 8]]")
    }

    /// Writes every quantity of a spec as text and parses it back as an expectation, which
    /// must then hold.
    func roundTrip(_ body: String) throws {
        let spec = try evaluateSpec(body)
        for quantity in Quantity.allCases where quantity != .b {
            let value = spec.report.value(of: quantity)
            let text = SpecText.tensor(value)
            let checked = try evaluateSpec(body + "\nexpect \(quantity.rawValue) = \(text)")
            let expectation = try #require(checked.spec.expectations.last)
            let failure = checked.check(expectation)
            #expect(failure == nil, "\(quantity.rawValue) = \(text): \(failure?.diagnostic.message ?? "")")
        }
    }

    @Test func numericRoundTrip() throws {
        try roundTrip(AcceptanceTests.numeric)
    }

    @Test func symbolicRoundTrip() throws {
        try roundTrip(AcceptanceTests.symbolic)
    }

    @Test func fractionalRoundTrip() throws {
        try roundTrip("x = [1/2 -3/4 5; 0.25 -1 2/3]\nw = [[(a + 2b)/3 -c]]\ndL/dy = [1 -1/2; 2 0]\nb = 1/7")
    }

    @Test func stackedRoundTrip() throws {
        try roundTrip("x : 1x2x3x3 = arange(start: -4)\nw : 3x2x2x2 = random(seed: 5)\nstride = 2\npadding = same")
    }

    @Test func literalParsesBackToSameEntries() throws {
        let values = [
            symbol("alpha") * symbol("x_10_2") - fraction(5, 3),
            symbol("w_1") * symbol("w_1") * symbol("b"),
            fraction(-1, 9) * symbol("a"),
            Polynomial(Int.max),
            Polynomial(Int.min),
            Polynomial(Int.min) * symbol("a"),
            symbol("b") + Polynomial(Int.min) * symbol("a") * symbol("a"),
            symbol("a") - symbol("b"),
        ]
        for value in values {
            let text = SpecText.scalar(.exact(value))
            let literal = try parseLiteral("[\(text)]")
            #expect(exactEntries(literal) == [value], "\(text)")
        }
    }
}

extension SpecTextTests {
    /// A matrix with one row must not be written like a vector, or `--fix` would write a
    /// value whose shape the expectation then rejects.
    @Test func singleRowMatrixRoundTrip() throws {
        let spec = try evaluateSpec("x : 1x3 = arange(start: 1)\nw : 1x1 = ones")
        let value = spec.report.value(of: .x)
        #expect(value.shape == [1, 3])
        let literal = try parseLiteral(SpecText.tensor(value))
        #expect(literal.shape == [1, 3])
    }
}
