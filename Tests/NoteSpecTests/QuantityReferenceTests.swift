import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

@Suite struct QuantityReferenceTests {
    func reference(_ text: String, column: Int = 1) throws -> QuantityReference {
        try parseQuantityReference(LocatedText(text, at: SourceLocation(line: 4, column: column)))
    }

    func referenceError(_ text: String) -> Diagnostic? {
        do {
            _ = try parseQuantityReference(LocatedText(text, at: SourceLocation(line: 4, column: 1)))
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func blockSelectorAndFilter() throws {
        let parsed = try reference("seed.dL/dx[1,:] | sum", column: 10)
        #expect(parsed.block == "seed")
        #expect(parsed.quantity == .inputGradient)
        #expect(parsed.selector == [.index(1), .all])
        #expect(parsed.filter == .sum)
        #expect(parsed.blockRange?.start == SourceLocation(line: 4, column: 10))
        #expect(parsed.quantityRange.start == SourceLocation(line: 4, column: 15))
        #expect(parsed.selectorRange?.start == SourceLocation(line: 4, column: 20))
        #expect(parsed.selectorRange?.end == SourceLocation(line: 4, column: 25))
        #expect(parsed.text == "seed.dL/dx[1,:] | sum")
    }

    @Test(arguments: Quantity.allCases)
    func everyQuantityName(_ quantity: Quantity) throws {
        let parsed = try reference(quantity.rawValue)
        #expect(parsed.quantity == quantity)
        #expect(parsed.block == nil)
    }

    @Test(arguments: [
        ("X_col^T", Quantity.columnsTransposed),
        ("X_col", .columns),
        ("dL/dy_pad", .paddedUpstream),
        ("dL/dy_dilated[1,1]", .dilatedUpstream),
        ("x_pad", .paddedInput),
        ("seed.x_pad", .paddedInput),
        ("stride_two.w_flip", .flippedKernel),
    ])
    func longestNameWins(text: String, quantity: Quantity) throws {
        #expect(try reference(text).quantity == quantity)
    }

    @Test func spacesInSelector() throws {
        let parsed = try reference("J_x[ : , 5 ]|expand")
        #expect(parsed.selector == [.all, .index(5)])
        #expect(parsed.filter == .expand)
    }

    @Test func negativeSelectorParses() throws {
        #expect(try reference("y[-1,2]").selector == [.index(-1), .index(2)])
    }

    @Test func unknownQuantitySuggests() throws {
        let diagnostic = try #require(referenceError("dL/dz"))
        #expect(diagnostic.id == "spec.unknown-quantity")
        #expect(diagnostic.notes == ["did you mean 'dL/dy'?"])
    }

    @Test func unknownQuantityListsNames() throws {
        let diagnostic = try #require(referenceError("banana"))
        #expect(diagnostic.message == "unknown quantity 'banana'")
        #expect(diagnostic.notes.first?.hasPrefix("the quantities are x, w, b, dL/dy") == true)
    }

    @Test func malformedSelector() throws {
        let diagnostic = try #require(referenceError("y[1;2]"))
        #expect(diagnostic.id == "spec.malformed-selector")
        #expect(diagnostic.message == "expected , or ] in the selector, found ';2]'")
        #expect(start(diagnostic) == "4:2")
    }

    @Test func trailingText() throws {
        let diagnostic = try #require(referenceError("y[1,1] extra"))
        #expect(diagnostic.id == "spec.trailing-text")
        #expect(start(diagnostic) == "4:8")
    }

    @Test(arguments: [
        ("conv", nil as String?),
        ("conv seed", "seed"),
        ("conv  stride_two ", "stride_two"),
        ("conv\tx1", "x1"),
    ])
    func specBlockNames(info: String, name: String?) throws {
        let result = try #require(specBlockName(info: info, at: SourceLocation(line: 3, column: 1)))
        #expect(result.name == name)
        #expect(result.error == nil)
    }

    @Test(arguments: ["python", "conventional", "", "math"])
    func otherCodeBlocks(info: String) {
        #expect(specBlockName(info: info, at: SourceLocation(line: 3, column: 1)) == nil)
    }

    @Test(arguments: [
        ("conv 2x", "'2x' is not a valid spec block name"),
        ("conv seed extra", "a spec block takes one name after conv, but found 'seed extra'"),
        ("conv dL/dy", "'dL/dy' is not a valid spec block name"),
    ])
    func badBlockNames(info: String, message: String) throws {
        let result = try #require(specBlockName(info: info, at: SourceLocation(line: 3, column: 4)))
        #expect(result.name == nil)
        let error = try #require(result.error)
        #expect(error.message == message)
        #expect(start(error) == "3:4")
    }
}
