import ConvolutionEngine
import Foundation
import Testing
@testable import NoteRender

private func symbol(_ name: String) -> Polynomial {
    Polynomial(symbol: name)
}

private func rational(_ numerator: Int, _ denominator: Int) throws -> Rational {
    try #require(Rational(numerator: numerator, denominator: denominator))
}

/// A matrix of the integers 1, 2, 3, ... in row-major order.
private func counting(_ shape: [Int]) -> QuantityValue {
    QuantityValue(shape: shape) { .exact(Polynomial($0 + 1)) }
}

@Suite struct TeXWriterTests {
    @Test func rationals() throws {
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(-11, 2)))) == "-\\tfrac{11}{2}")
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(3, 4)))) == "\\tfrac{3}{4}")
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(6, 4)))) == "\\tfrac{3}{2}")
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(8, -4)))) == "-2")
        #expect(TeXWriter.scalar(.exact(Polynomial(-3))) == "-3")
        #expect(TeXWriter.scalar(.exact(Polynomial(0))) == "0")
        #expect(TeXWriter.scalar(.exact(.zero)) == "0")
    }

    /// The smallest Int64 has no positive counterpart, so its sign is written without
    /// negating it.
    @Test func smallestIntegerCoefficient() {
        #expect(TeXWriter.scalar(.exact(Polynomial(Int.min))) == "-9223372036854775808")
        #expect(TeXWriter.scalar(.exact(Polynomial(Int.min) * symbol("a"))) == "-9223372036854775808a")
        #expect(TeXWriter.scalar(.exact(symbol("a") + Polynomial(Int.min))) == "a - 9223372036854775808")
    }

    @Test(arguments: [
        ("x_11", "x_{11}"),
        ("x_10_2", "x_{10,2}"),
        ("x_00", "x_{00}"),
        ("w_1", "w_{1}"),
        ("alpha", "\\alpha"),
        ("Gamma", "\\Gamma"),
        ("alpha_12", "\\alpha_{12}"),
        ("a", "a"),
        ("foo", "\\mathit{foo}"),
        ("x_ab", "x_{\\mathit{ab}}"),
        // Names next to the ASCII fast path's edges, which must read as the long way does.
        ("x1", "\\mathit{x1}"),
        ("X_3_0_7", "X_{3,0,7}"),
        ("x_1a", "x_{\\mathit{1a}}"),
        ("x_a", "x_{a}"),
        ("x_", "\\mathit{x\\_}"),
        ("x__1", "\\mathit{x\\_\\_1}"),
        ("_1", "\\mathit{\\_1}"),
        ("é_1", "é_{1}"),
        ("x_١", "x_{١}"),
    ])
    func symbols(_ name: String, _ expected: String) {
        #expect(TeXWriter.symbol(name) == expected)
        #expect(TeXWriter.scalar(.exact(symbol(name))) == expected)
    }

    @Test func polynomials() throws {
        #expect(TeXWriter.scalar(.exact(symbol("d") * symbol("x_11"))) == "d \\cdot x_{11}")
        #expect(TeXWriter.scalar(.exact(symbol("x_11") * symbol("d"))) == "d \\cdot x_{11}")
        #expect(TeXWriter.scalar(.exact(symbol("a") + symbol("b") + symbol("c") + symbol("d"))) == "a + b + c + d")
        #expect(TeXWriter.scalar(.exact(symbol("d") + symbol("b"))) == "b + d")
        #expect(TeXWriter.scalar(.exact(symbol("a") - symbol("b"))) == "a - b")
        #expect(TeXWriter.scalar(.exact(-symbol("a"))) == "-a")
        #expect(TeXWriter.scalar(.exact(Polynomial(2) * symbol("a"))) == "2a")
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(1, 2)) * symbol("a"))) == "\\tfrac{1}{2} a")
        #expect(TeXWriter.scalar(.exact(Polynomial(try rational(-3, 2)) * symbol("a") + Polynomial(1))) == "-\\tfrac{3}{2} a + 1")
        #expect(TeXWriter.scalar(.exact(symbol("a") * symbol("a"))) == "a^{2}")
        #expect(TeXWriter.scalar(.exact(symbol("alpha") * symbol("x_10_2"))) == "\\alpha \\cdot x_{10,2}")
        #expect(TeXWriter.scalar(.exact(.invalid)) == "\\text{overflow}")
    }

    @Test func matrices() {
        #expect(TeXWriter.tensor(counting([])) == "1")
        #expect(TeXWriter.tensor(counting([3])) == "\\begin{bmatrix} 1 & 2 & 3 \\end{bmatrix}")
        #expect(TeXWriter.tensor(counting([2, 2])) == "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}")
        #expect(TeXWriter.tensor(counting([2, 1, 2]))
            == "\\begin{bmatrix} \\begin{bmatrix} 1 & 2 \\end{bmatrix} & \\begin{bmatrix} 3 & 4 \\end{bmatrix} \\end{bmatrix}")
    }

    @Test func symbolicMatrix() {
        let names = ["a", "b", "c", "d"]
        let kernel = QuantityValue(shape: [2, 2]) { .exact(Polynomial(symbol: names[$0])) }

        #expect(TeXWriter.tensor(kernel) == "\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}")
    }

    @Test func sixteenRowsShownWhole() {
        let tex = TeXWriter.tensor(counting([16, 2]))

        #expect(!tex.contains("\\vdots"))
        #expect(tex.components(separatedBy: " \\\\ ").count == 16)
        #expect(tex.hasSuffix("31 & 32 \\end{bmatrix}"))
        #expect(!TeXWriter.isCutDown([16, 16]))
    }

    @Test func tallMatrixCutWithVdots() {
        let tex = TeXWriter.tensor(counting([20, 3]))

        #expect(tex == "\\begin{bmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\\\ 10 & 11 & 12 \\\\ 13 & 14 & 15 \\\\ 16 & 17 & 18 \\\\ \\vdots & \\vdots & \\vdots \\\\ 55 & 56 & 57 \\\\ 58 & 59 & 60 \\end{bmatrix}")
        #expect(TeXWriter.isCutDown([20, 3]))
        #expect(TeXWriter.isCutDown([17, 1]))
    }

    @Test func wideVectorCutWithCdots() {
        let tex = TeXWriter.tensor(counting([20]))

        #expect(tex == "\\begin{bmatrix} 1 & 2 & 3 & 4 & 5 & 6 & \\cdots & 19 & 20 \\end{bmatrix}")
    }

    @Test func largeMatrixCutBothWays() {
        let tex = TeXWriter.tensor(counting([17, 17]))
        let rows = tex.dropFirst("\\begin{bmatrix} ".count).dropLast(" \\end{bmatrix}".count)
            .components(separatedBy: " \\\\ ")

        #expect(rows.count == 9)
        #expect(rows.first == "1 & 2 & 3 & 4 & 5 & 6 & \\cdots & 16 & 17")
        #expect(rows[6] == "\\vdots & \\vdots & \\vdots & \\vdots & \\vdots & \\vdots & \\ddots & \\vdots & \\vdots")
        #expect(rows.last == "273 & 274 & 275 & 276 & 277 & 278 & \\cdots & 288 & 289")
    }

    @Test func entryNamesAndShapes() {
        #expect(TeXWriter.entryName(.y, [1, 2]) == "y_{12}")
        #expect(TeXWriter.entryName(.x, [10, 2]) == "x_{10,2}")
        #expect(TeXWriter.entryName(.inputGradient, [1, 1]) == "\\frac{\\partial L}{\\partial x_{11}}")
        #expect(TeXWriter.entryName(.paddedInput, [1, 1]) == "\\left(x_{\\text{pad}}\\right)_{11}")
        #expect(TeXWriter.subscriptIndices([0, 0]) == "00")
        #expect(TeXWriter.subscriptIndices([1, 10]) == "1,10")
        #expect(TeXWriter.shape([3, 3]) == "3 \\times 3")
        #expect(TeXWriter.shape([]) == "1")
    }
}

/// A quantity computed in rationals is written from its rationals directly. The TeX must be
/// what the general path writes for the same entries as polynomials.
@Suite struct RationalTensorTeXTests {
    @Test func rationalEntriesMatchThePolynomialPath() throws {
        let entries: [Rational] = [
            Rational(0), Rational(-3), Rational(7), try rational(7, 2), try rational(-1, 3),
            Rational(Int.min), Rational(Int.max), .invalid,
        ]
        let tensor = Tensor(shape: [2, 4], scalars: entries)
        let direct = QuantityValue(tensor)
        let general = QuantityValue(shape: [2, 4]) { .exact(Polynomial(entries[$0])) }

        #expect(direct.readRational != nil)
        #expect(TeXWriter.tensor(direct) == TeXWriter.tensor(general))
        #expect(TeXWriter.tensor(direct) == "\\begin{bmatrix} 0 & -3 & 7 & \\tfrac{7}{2} \\\\ "
            + "-\\tfrac{1}{3} & -9223372036854775808 & 9223372036854775807 & \\text{overflow} \\end{bmatrix}")
    }

    @Test func otherScalarsKeepTheGeneralPath() {
        #expect(QuantityValue(Tensor(shape: [1], scalars: [1.5])).readRational == nil)
        #expect(QuantityValue(Tensor(shape: [1], scalars: [Polynomial(symbol: "a")])).readRational == nil)
    }
}
