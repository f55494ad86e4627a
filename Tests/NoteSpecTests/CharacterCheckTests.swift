import ConvolutionEngine
import SourceDiagnostics
import Testing
@testable import NoteSpec

/// Characters that text copied from web pages and PDFs brings into spec blocks: each is named
/// by code point at its line and column, with what to write instead.
@Suite struct CharacterCheckTests {
    @Test(arguments: [
        ("x = [1\u{00A0}2 3]\nw = [1 1]", "2:7", "invalid character U+00A0 NO-BREAK SPACE, which looks like a space",
         "write an ordinary space instead"),
        ("x = [1 \u{2212}2 3]\nw = [1 1]", "2:8", "invalid character U+2212 MINUS SIGN (\u{2212}), which looks like a hyphen-minus",
         "write a hyphen-minus, -, instead"),
        ("x = [1 2 3]\nw = [1 \u{2013}1]", "3:8", "invalid character U+2013 EN DASH (\u{2013}), which looks like a hyphen-minus",
         "write a hyphen-minus, -, instead"),
        ("x : 3\u{00D7}3 = ones\nw = [1 1]", "2:6", "invalid character U+00D7 MULTIPLICATION SIGN (\u{00D7}), which looks like x or *",
         "write x in a shape, as in 3x3, or * for a product, as in (2 * a)"),
        ("x = [1 2 3]\nw = [1\u{200B} 1]", "3:7", "invalid character U+200B ZERO WIDTH SPACE",
         "delete it, because it is invisible and has no meaning in a spec"),
        ("x = [1 2 3]\nw = [\u{03B1} 1]", "3:6", "invalid character U+03B1 GREEK SMALL LETTER ALPHA (\u{03B1})",
         "write the letter's name, alpha, which convnote shows as \u{03B1}"),
        ("x = [1 2 3]\nw = [1 1]\nstride = \u{FF12}", "4:10", "invalid character U+FF12 FULLWIDTH DIGIT TWO (\u{FF12}), which looks like 2",
         "write the ASCII character 2 instead"),
        ("x = [1 2 3]\nw = [1\u{000B}1]", "3:7", "invalid character U+000B, a control character",
         "delete it or retype it in ASCII"),
        ("x\u{00A0}= [1 2 3]\nw = [1 1]", "2:2", "invalid character U+00A0 NO-BREAK SPACE, which looks like a space",
         "write an ordinary space instead"),
    ])
    func characterIsNamed(body: String, location: String, message: String, advice: String) throws {
        let diagnostic = try onlyDiagnostic(body)

        #expect(diagnostic.id == "spec.invalid-character")
        #expect(start(diagnostic) == location)
        #expect(diagnostic.message == message)
        #expect(diagnostic.notes.first == advice)
    }

    @Test func everyCharacterReportedTogether() {
        let diagnostics = specDiagnostics("x = [1\u{00A0}2\u{00A0}3]\nw = [1 \u{2212}1]")

        #expect(diagnostics.map(start) == ["2:7", "2:9", "3:8"])
        #expect(diagnostics.allSatisfy { $0.id == "spec.invalid-character" })
    }

    @Test func reportsAreCapped() {
        let spaces = String(repeating: "1\u{00A0}", count: 30)
        let diagnostics = specDiagnostics("x = [\(spaces)1]\nw = [1 1]")

        #expect(diagnostics.count == maximumCharacterErrors)
    }

    @Test func bracketErrorKeepsCharacterErrors() {
        let diagnostics = specDiagnostics("x = [1 2 3\u{FF09}]\nw = [1 1])")

        #expect(diagnostics.map(\.id) == ["spec.invalid-character", "spec.unbalanced-bracket"])
        #expect(diagnostics.first?.message.contains("U+FF09 FULLWIDTH RIGHT PARENTHESIS") == true)
    }

    @Test func commentsMayContainAnyCharacter() throws {
        let spec = try evaluateSpec("# y = w \u{22C6} x, with x\u{00A0}\u{2212}1\nx = [1 2 3] # \u{2212}2 \u{2013} \u{00A0}\nw = [1 1]")

        #expect(entries(spec, .y) == integers([3, 5]))
    }

    @Test func whiteSpaceInPlaceholderIsNamed() throws {
        let text = LocatedText("seed.y[1,\u{00A0}2]", at: SourceLocation(line: 1, column: 1))

        #expect(throws: DiagnosticError.self) { try parseQuantityReference(text) }
        do {
            _ = try parseQuantityReference(text)
        } catch {
            #expect(error.diagnostics.first?.message.contains("U+00A0 NO-BREAK SPACE") == true,
                    "\(error.diagnostics.map(\.message))")
            #expect(error.diagnostics.first?.message.contains("the end of the value") == false)
        }
    }
}
