import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct TensorLiteralTests {
    @Test(arguments: [
        ("[1 2 3]", [3], [1, 2, 3]),
        ("[1, 2, 3]", [3], [1, 2, 3]),
        ("[1,2,3]", [3], [1, 2, 3]),
        ("[ 1  ,  2 ,3 ]", [3], [1, 2, 3]),
        ("[7]", [1], [7]),
        ("[1 2; 3 4]", [2, 2], [1, 2, 3, 4]),
        ("[1, 2; 3, 4]", [2, 2], [1, 2, 3, 4]),
        ("[1 2 3; 4 5 6]", [2, 3], [1, 2, 3, 4, 5, 6]),
        ("[1; 2; 3]", [3, 1], [1, 2, 3]),
        ("[1 2; 3 4;]", [2, 2], [1, 2, 3, 4]),
        ("[[1, 2], [3, 4]]", [2, 2], [1, 2, 3, 4]),
        ("[[1, 2], [3, 4], [5, 6]]", [3, 2], [1, 2, 3, 4, 5, 6]),
        ("[[1 2; 3 4], [5 6; 7 8]]", [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]),
        ("[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]", [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]),
        ("[[[1]], [[2]]]", [2, 1, 1], [1, 2]),
        ("[[1 2; 3 4]]", [1, 2, 2], [1, 2, 3, 4]),
        ("[1 -1]", [2], [1, -1]),
        ("[-1 -2; -3 4]", [2, 2], [-1, -2, -3, 4]),
    ])
    func integerLiteral(text: String, shape: [Int], values: [Int]) throws {
        let literal = try parseLiteral(text)
        #expect(literal.shape == shape)
        #expect(exactEntries(literal) == integers(values))
    }

    @Test func rowsOnSeparateLines() throws {
        let (spec, diagnostics) = parseSpec("""
            x = [1 2 3
                 4 5 6
                 7 8 9]
            """)
        #expect(diagnostics.isEmpty)
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(literal.shape == [3, 3])
        #expect(exactEntries(literal) == integers(Array(1...9)))
    }

    @Test func blankLineBetweenRows() throws {
        let (spec, diagnostics) = parseSpec("x = [1 2\n\n     3 4]")
        #expect(diagnostics.isEmpty)
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(literal.shape == [2, 2])
    }

    @Test func commentInsideRows() throws {
        let (spec, diagnostics) = parseSpec("""
            x = [1 2   # the first row
                 3 4]  # the second row
            """)
        #expect(diagnostics.isEmpty)
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(literal.shape == [2, 2])
        #expect(exactEntries(literal) == integers([1, 2, 3, 4]))
    }

    @Test func stackOnSeparateLines() throws {
        let (spec, diagnostics) = parseSpec("""
            x = [[1 2
                  3 4],
                 [5 6
                  7 8]]
            """)
        #expect(diagnostics.isEmpty)
        guard case .literal(let literal)? = spec.tensors[.x]?.value.source else {
            Issue.record("x is not a literal")
            return
        }
        #expect(literal.shape == [2, 2, 2])
        #expect(exactEntries(literal) == integers(Array(1...8)))
    }

    @Test func scalarValueIsRankZero() throws {
        let literal = try parseLiteral("5")
        #expect(literal.shape == [])
        #expect(exactEntries(literal) == integers([5]))
    }

    @Test func fractionsAndDecimals() throws {
        let literal = try parseLiteral("[3/4 -1/2 0.25 .5 1.5 2.50 1e3 2.5e-1 6/4]")
        #expect(literal.shape == [9])
        #expect(exactEntries(literal) == [
            fraction(3, 4), fraction(-1, 2), fraction(1, 4), fraction(1, 2), fraction(3, 2),
            fraction(5, 2), Polynomial(1000), fraction(1, 4), fraction(3, 2),
        ])
    }

    @Test func largestInteger() throws {
        let literal = try parseLiteral("[9223372036854775807 -9223372036854775807]")
        #expect(exactEntries(literal) == integers([Int.max, -Int.max]))
    }

    @Test func smallestInteger() throws {
        let literal = try parseLiteral("[-9223372036854775808 -9223372036854775808.0 -92233720368547758.08e2]")
        #expect(exactEntries(literal) == integers([Int.min, Int.min, Int.min]))
    }

    @Test func minusBindsLooserThanPower() throws {
        // The sign joins the number it precedes, except before ^, so -2^2 stays -(2^2).
        let literal = try parseLiteral("[-2^2 -2a -2a^2 -(3) -.5 (a - 2^2) (1 - 2(a + 1))]")
        #expect(exactEntries(literal) == [
            Polynomial(-4), Polynomial(-2) * symbol("a"), Polynomial(-2) * symbol("a") * symbol("a"), Polynomial(-3),
            fraction(-1, 2), symbol("a") - Polynomial(4), Polynomial(-1) - Polynomial(2) * symbol("a"),
        ])
    }

    @Test func smallestIntegerInSums() throws {
        let literal = try parseLiteral("[(b - 9223372036854775808a) -9223372036854775808a (b - 9223372036854775808*a)]")
        let term = Polynomial(Int.min) * symbol("a")
        #expect(exactEntries(literal) == [symbol("b") + term, term, symbol("b") + term])
    }

    @Test func magnitudeOfSmallestIntegerOverflows() throws {
        let diagnostic = try onlyDiagnostic("x = [9223372036854775808]")
        #expect(diagnostic.id == "spec.number-out-of-range")
        #expect(start(diagnostic) == "2:6")
    }

    @Test func belowSmallestIntegerOverflows() throws {
        let diagnostic = try onlyDiagnostic("x = [-9223372036854775809]")
        #expect(diagnostic.id == "spec.number-out-of-range")
        #expect(diagnostic.message == "-9223372036854775809 cannot be held exactly: numerator and denominator must fit in 64 bits")
        #expect(start(diagnostic) == "2:6")
    }

    @Test func trailingZerosAfterPointFit() throws {
        let literal = try parseLiteral("[9223372036854775807.000 1.50]")
        #expect(exactEntries(literal) == [Polynomial(Int.max), fraction(3, 2)])
    }

    @Test func symbolEntries() throws {
        let literal = try parseLiteral("[a w_1 x_11 alpha Omega]")
        #expect(exactEntries(literal) == ["a", "w_1", "x_11", "alpha", "Omega"].map(symbol))
    }

    @Test func coefficientBeforeSymbol() throws {
        let literal = try parseLiteral("[2a -3b 0.5d 1/2*c 3x_11]")
        #expect(exactEntries(literal) == [
            Polynomial(2) * symbol("a"),
            Polynomial(-3) * symbol("b"),
            fraction(1, 2) * symbol("d"),
            fraction(1, 2) * symbol("c"),
            Polynomial(3) * symbol("x_11"),
        ])
    }

    @Test func parenthesizedExpression() throws {
        let literal = try parseLiteral("[(a + 2b)/3 3(a - b) (a*b) a^2 -a]")
        #expect(literal.shape == [5])
        #expect(exactEntries(literal)[0] == fraction(1, 3) * symbol("a") + fraction(2, 3) * symbol("b"))
        #expect(exactEntries(literal)[1] == Polynomial(3) * symbol("a") - Polynomial(3) * symbol("b"))
        #expect(exactEntries(literal)[2] == symbol("a") * symbol("b"))
        #expect(exactEntries(literal)[3] == symbol("a") * symbol("a"))
        #expect(exactEntries(literal)[4] == -symbol("a"))
    }

    @Test func expressionsCancel() throws {
        let literal = try parseLiteral("[(a - a) (2a - a) (1/3 + 2/3)]")
        #expect(exactEntries(literal) == [.zero, symbol("a"), .one])
    }

    @Test func greekNamesRenderAsGreek() throws {
        let literal = try parseLiteral("[alpha (alpha + 2beta)/3 w_1 x_10_2 Delta]")
        let descriptions = literal.entries.map(\.description)
        #expect(descriptions == ["α", "1/3·α + 2/3·β", "w₁", "x₁₀,₂", "Δ"])
    }

    @Test func symbolNamedLikeGreekPrefixStaysLatin() throws {
        let literal = try parseLiteral("[alphabet]")
        #expect(literal.entries[0].description == "alphabet")
    }
}
