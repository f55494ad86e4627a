import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct ExpectationTests {
    /// The numeric worked example. A line appended to it is line 9 of the note.
    static let example = AcceptanceTests.numeric + "\n"

    /// Evaluates the example with one expectation line and checks it.
    func check(_ line: String, indexBase: Int = 1) throws -> ExpectationFailure? {
        let spec = try evaluateSpec(Self.example + line, indexBase: indexBase)
        let expectation = try #require(spec.spec.expectations.first)
        return spec.check(expectation)
    }

    @Test(arguments: [
        "expect y = [4 11 18; 18 37 47; 36 67 77]",
        "expect y[1,1] = 4",
        "expect y[3,3] = 77",
        "expect y[2,:] = [18 37 47]",
        "expect y[:,1] = [4 18 36]",
        "expect y[:,:] = [4 11 18; 18 37 47; 36 67 77]",
        "expect dL/dw = [12 21; 27 45]",
        "expect dL/dx = [10 10 6; 10 10 6; 7 7 4]",
        "expect dL/dx[1,:] = [10, 10, 6]",
        "expect y | shape = 3x3",
        "expect X_col | shape = 4x9",
        "expect J_x | shape = 9x9",
        "expect y[2,:] | shape = 3",
        "expect y | sum = 315",
        "expect dL/dx | sum = 70",
        "expect dL/dw | sum = 105",
        "expect y[2,:] | sum = 102",
        "expect x_pad[1,:] = [0 0 0 0]",
        "expect w_flip = [4 3; 2 1]",
        "expect y[1,1] = 8/2",
        "expect y[1,1] = (2 + 2)",
    ])
    func passingExpectation(line: String) throws {
        let failure = try check(line)
        #expect(failure == nil, "\(failure?.diagnostic.message ?? "")")
    }

    @Test func indexBaseZeroSelectors() throws {
        #expect(try check("expect y[0,0] = 4", indexBase: 0) == nil)
        #expect(try check("expect y[2,2] = 77", indexBase: 0) == nil)
        #expect(try check("expect y[1,:] = [18 37 47]", indexBase: 0) == nil)
    }

    @Test func wrongEntryNamesAllValues() throws {
        let failure = try #require(try check("expect y = [4 11 18; 18 37 47; 36 67 78]"))
        #expect(failure.diagnostic.id == "check.expectation")
        #expect(failure.diagnostic.severity == .error)
        #expect(failure.diagnostic.message == "y at [3,3] is 77, but the note states 78")
        #expect(start(failure.diagnostic) == "9:12")
        #expect(failure.diagnostic.notes == ["computed: [4 11 18; 18 37 47; 36 67 77]"])
        #expect(failure.computedText == "[4 11 18; 18 37 47; 36 67 77]")
    }

    @Test func wrongScalar() throws {
        let failure = try #require(try check("expect dL/dx[1,1] = 11"))
        #expect(failure.diagnostic.message == "dL/dx[1,1] is 10, but the note states 11")
        #expect(start(failure.diagnostic) == "9:21")
        #expect(failure.diagnostic.range?.end == SourceLocation(line: 9, column: 23))
        #expect(failure.computedText == "10")
    }

    @Test func wrongEntryInIndexBaseZero() throws {
        let failure = try #require(try check("expect y[0,:] = [4 11 19]", indexBase: 0))
        #expect(failure.diagnostic.message == "y[0,:] at [2] is 18, but the note states 19")
    }

    @Test func firstWrongEntryIsReported() throws {
        let failure = try #require(try check("expect dL/dw = [12 0; 0 45]"))
        #expect(failure.diagnostic.message == "dL/dw at [1,2] is 21, but the note states 0")
    }

    @Test func wrongShapeOfValue() throws {
        let failure = try #require(try check("expect y = [4 11; 18 37]"))
        #expect(failure.diagnostic.message == "y has shape 3x3, but the stated value has shape 2x2")
        #expect(start(failure.diagnostic) == "9:12")
    }

    @Test func wrongShapeFilter() throws {
        let failure = try #require(try check("expect y | shape = 2x2"))
        #expect(failure.diagnostic.message == "y | shape is 3x3, but the note states 2x2")
        #expect(start(failure.diagnostic) == "9:20")
        #expect(failure.computedText == "3x3")
    }

    @Test func wrongSum() throws {
        let failure = try #require(try check("expect dL/dx | sum = 71"))
        #expect(failure.diagnostic.message == "dL/dx | sum is 70, but the note states 71")
        #expect(failure.computedText == "70")
    }

    @Test func wrongRowSelection() throws {
        let failure = try #require(try check("expect y[2,:] = [18 37 48]"))
        #expect(failure.diagnostic.message == "y[2,:] at [3] is 47, but the note states 48")
        #expect(failure.computedText == "[18 37 47]")
    }

    @Test func wrongSymbolicValue() throws {
        let spec = try evaluateSpec(AcceptanceTests.symbolic + "\nexpect y[1,1] = (c*x_11)")
        let failure = try #require(spec.check(spec.spec.expectations[0]))
        #expect(failure.diagnostic.message == "y[1,1] is d·x₁₁, but the note states c·x₁₁")
        #expect(failure.computedText == "(d*x_11)")
        #expect(start(failure.diagnostic) == "7:17")
    }

    @Test func selectorOutOfRange() throws {
        let failure = try #require(try check("expect y[4,1] = 1"))
        #expect(failure.diagnostic.id == "spec.index-out-of-range")
        #expect(failure.diagnostic.message == "index 4 on axis 1 of y is out of range 1...3")
        #expect(start(failure.diagnostic) == "9:9")
    }

    @Test func selectorZeroInBaseOne() throws {
        let failure = try #require(try check("expect y[1,0] = 1"))
        #expect(failure.diagnostic.message == "index 0 on axis 2 of y is out of range 1...3")
    }

    @Test func selectorOutOfRangeInBaseZero() throws {
        let failure = try #require(try check("expect dL/dw[2,0] = 1", indexBase: 0))
        #expect(failure.diagnostic.message == "index 2 on axis 1 of dL/dw is out of range 0...1")
        #expect(start(failure.diagnostic) == "9:13")
    }

    @Test func selectorAtIntMinimum() throws {
        // -9223372036854775808 fits in Int64, and subtracting the index base from it must not trap.
        let failure = try #require(try check("expect y[-9223372036854775808,1] = 1"))
        #expect(failure.diagnostic.id == "spec.index-out-of-range")
        #expect(failure.diagnostic.message == "index -9223372036854775808 on axis 1 of y is out of range 1...3")
        #expect(start(failure.diagnostic) == "9:9")
    }

    @Test func selectorAtIntMaximumInBaseZero() throws {
        let failure = try #require(try check("expect y[9223372036854775807,0] = 1", indexBase: 0))
        #expect(failure.diagnostic.message == "index 9223372036854775807 on axis 1 of y is out of range 0...2")
    }

    @Test func selectorWithWrongRank() throws {
        let failure = try #require(try check("expect y[1] = 4"))
        #expect(failure.diagnostic.id == "spec.selector-rank")
        #expect(failure.diagnostic.message == "y has shape 3x3, so a selector needs 2 indices, not 1")
        #expect(start(failure.diagnostic) == "9:9")
    }

    @Test func selectorOnScalar() throws {
        let spec = try evaluateSpec(Self.example + "b = 1\nexpect dL/db[1] = 9")
        #expect(shape(spec, .biasGradient) == [])
        let failure = try #require(spec.check(spec.spec.expectations[0]))
        #expect(failure.diagnostic.message == "dL/db has shape scalar, so a selector needs 0 indices, not 1")
        #expect(failure.diagnostic.notes == ["dL/db is a scalar; leave out the selector"])
    }

    @Test func valueOfReference() throws {
        let spec = try evaluateSpec(Self.example + "expect dL/dx[:,3] | sum = 16")
        let reference = spec.spec.expectations[0].reference
        let value = try spec.value(of: reference)
        #expect(value.shape == [])
        #expect(exactEntries(value) == integers([16]))
    }

    @Test func scalarShapeIsAccepted() throws {
        let spec = try evaluateSpec("x = [1 2 3]\nw = [1 1]\nb = 1\nexpect dL/db | shape = scalar\nexpect y[1] | shape = scalar")

        #expect(spec.spec.expectations.count == 2)
        for expectation in spec.spec.expectations {
            let failure = spec.check(expectation)
            #expect(failure == nil, "\(failure?.diagnostic.message ?? "")")
        }
    }

    @Test func scalarShapeMismatchIsReported() throws {
        let failure = try #require(try check("expect y | shape = scalar"))

        #expect(failure.diagnostic.message == "y | shape is 3x3, but the note states scalar")
        #expect(failure.computedText == "3x3")
    }

    @Test func malformedShapeMentionsScalar() throws {
        let diagnostic = try onlyDiagnostic("x = [1 2 3]\nw = [1 1]\nexpect y | shape = scalars")

        #expect(diagnostic.id == "spec.malformed-shape")
        #expect(diagnostic.notes.contains { $0.hasPrefix("write scalar for the shape of a single number") })
    }

    @Test(arguments: [
        ("expect y = [0 0]", "y at [1] is 3.0, but the note states 0"),
        ("expect y[2] = 5.50", "y[2] is 5.0, but the note states 5.50"),
        ("expect y = [3 1e-3]", "y at [2] is 5.0, but the note states 1e-3"),
        ("expect y = [[3 5]; [3 (1 + 1/2)]] ", "y has shape 2, but the stated value has shape 2x2"),
        ("expect y = [3 (1 + 1/2)]", "y at [2] is 5.0, but the note states (1 + 1/2)"),
    ])
    func floatStatedValueAsWritten(line: String, message: String) throws {
        let spec = try evaluateSpec("numbers = float\nx = [1 2 3]\nw = [1 1]\n" + line)
        let expectation = try #require(spec.spec.expectations.first)
        let failure = try #require(spec.check(expectation))

        #expect(failure.diagnostic.message == message)
    }
}
