import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// The worked example of the note format: a 3x3 input, a 2x2 kernel, `same-start` padding
/// and an upstream gradient of ones, numerically and symbolically.
@Suite struct AcceptanceTests {
    static let numeric = """
        x = [1 2 3
             4 5 6
             7 8 9]
        w = [1 2
             3 4]
        padding = same-start
        dL/dy = ones
        """

    static let symbolic = """
        x : 3x3 = symbols(x)
        w = [a b
             c d]
        padding = same-start
        dL/dy = ones
        """

    @Test func numericPadding() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(pads(spec) == [[1, 0], [1, 0]])
        #expect(spec.isSymbolic == false)
    }

    @Test func numericOutput() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(shape(spec, .y) == [3, 3])
        #expect(entries(spec, .y) == integers([4, 11, 18, 18, 37, 47, 36, 67, 77]))
    }

    @Test func numericWeightGradient() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(shape(spec, .weightGradient) == [2, 2])
        #expect(entries(spec, .weightGradient) == integers([12, 21, 27, 45]))
    }

    @Test func numericInputGradient() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(shape(spec, .inputGradient) == [3, 3])
        #expect(entries(spec, .inputGradient) == integers([10, 10, 6, 10, 10, 6, 7, 7, 4]))
    }

    @Test func numericRoutesAgree() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(!spec.report.comparisons.isEmpty)
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
        #expect(spec.report.firstInvalidEntry == nil)
    }

    @Test func numericIntermediates() throws {
        let spec = try evaluateSpec(Self.numeric)
        #expect(shape(spec, .paddedInput) == [4, 4])
        #expect(entries(spec, .paddedInput) == integers([0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9]))
        #expect(entries(spec, .flippedKernel) == integers([4, 3, 2, 1]))
        #expect(shape(spec, .columns) == [4, 9])
        #expect(shape(spec, .inputJacobian) == [9, 9])
        #expect(shape(spec, .weightJacobian) == [9, 4])
    }

    @Test func symbolicOutputCorner() throws {
        let spec = try evaluateSpec(Self.symbolic)
        #expect(spec.isSymbolic)
        let y = entries(spec, .y)
        #expect(y.count == 9)
        #expect(y[0] == symbol("d") * symbol("x_11"))
        #expect(y[0].description == "d·x₁₁")
    }

    @Test func symbolicOutputInterior() throws {
        let spec = try evaluateSpec(Self.symbolic)
        let y = entries(spec, .y)
        let expected = symbol("a") * symbol("x_11") + symbol("b") * symbol("x_12")
            + symbol("c") * symbol("x_21") + symbol("d") * symbol("x_22")
        #expect(y[4] == expected)
    }

    @Test func symbolicInputGradient() throws {
        let spec = try evaluateSpec(Self.symbolic)
        let dx = entries(spec, .inputGradient)
        #expect(dx.count == 9)
        #expect(dx[0] == symbol("a") + symbol("b") + symbol("c") + symbol("d"))
        #expect(dx[2] == symbol("b") + symbol("d"))
        #expect(dx[8] == symbol("d"))
        #expect(dx[0].description == "a + b + c + d")
        #expect(dx[2].description == "b + d")
        #expect(dx[8].description == "d")
    }

    @Test func symbolicWeightGradient() throws {
        let spec = try evaluateSpec(Self.symbolic)
        let dw = entries(spec, .weightGradient)
        // dL/dw[2,2] pairs every output with the input at its own position.
        let all = ["x_11", "x_12", "x_13", "x_21", "x_22", "x_23", "x_31", "x_32", "x_33"].map(symbol)
        #expect(dw[3] == all.reduce(Polynomial.zero, +))
        // dL/dw[1,1] reaches only the inputs above and left of some output.
        let topLeft = ["x_11", "x_12", "x_21", "x_22"].map(symbol)
        #expect(dw[0] == topLeft.reduce(Polynomial.zero, +))
    }

    @Test func symbolicMatchesNumeric() throws {
        // Substituting x = 1...9 and (a, b, c, d) = (1, 2, 3, 4) in dL/dx gives the numbers.
        let spec = try evaluateSpec(Self.symbolic)
        let sums = entries(spec, .inputGradient).map { polynomial in
            polynomial.terms.reduce(0) { total, term in
                let weight = ["a": 1, "b": 2, "c": 3, "d": 4][term.monomial.factors[0].symbol] ?? 0
                return total + weight * term.coefficient.numerator
            }
        }
        #expect(sums == [10, 10, 6, 10, 10, 6, 7, 7, 4])
    }

    @Test func symbolicRoutesAgree() throws {
        let spec = try evaluateSpec(Self.symbolic)
        for comparison in spec.report.comparisons {
            #expect(comparison.agrees, "\(comparison.quantity.rawValue): \(String(describing: comparison.mismatch))")
        }
    }

    @Test func expectationsOfTheExample() throws {
        let spec = try evaluateSpec(Self.symbolic + """

            expect y[1,1] = (d*x_11)
            expect dL/dx[1,1] = (a + b + c + d)
            expect dL/dx[1,3] = (b + d)
            expect dL/dx[3,3] = d
            """)
        #expect(spec.spec.expectations.count == 4)
        for expectation in spec.spec.expectations {
            #expect(spec.check(expectation) == nil, "\(expectation.reference.text)")
        }
    }
}
