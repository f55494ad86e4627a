import SourceDiagnostics
import Testing
@testable import NoteRender

/// cmark ends a fenced code block without a closing fence at the end of the note, or of its
/// block quote or list item. For a spec block the renderer warns at the opening fence.
@Suite struct UnclosedFenceTests {
    /// Renders a note and returns its warnings about unclosed spec fences.
    private func fenceWarnings(_ note: String) -> [Diagnostic] {
        render(note).diagnostics.filter { $0.id == "spec.unclosed-fence" }
    }

    @Test func fenceOpenToEndOfNote() throws {
        let note = """
            # Open

            ```conv
            x = [1 2; 3 4]
            w = [[1]]

            The output is $y$.

            """

        let warnings = fenceWarnings(note)

        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.range == SourceRange(at: SourceLocation(line: 3, column: 1), length: 3))
        #expect(warning.message == "the fence ``` that opens this spec block is never closed, so the block runs to the end of the note")
        #expect(warning.notes == ["add a line with ``` after the last statement of the spec block"])
    }

    @Test func fenceOpenToEndOfQuote() throws {
        let note = """
            # Quote

            > ````conv
            > x = [1 2; 3 4]
            > w = [[1]]

            After.
            """

        let warning = try #require(fenceWarnings(note).first)

        #expect(warning.range == SourceRange(at: SourceLocation(line: 3, column: 3), length: 4))
        #expect(warning.message
            == "the fence ```` that opens this spec block is never closed, so the block runs to line 5, where its block quote or list item ends")
    }

    @Test(arguments: [
        "```conv\nx = [1 2; 3 4]\nw = [[1]]\n```\n",
        "```conv\nx = [1 2; 3 4]\nw = [[1]]\n`````  \n\nAfter.\n",
        "~~~conv seed\nx = [1 2; 3 4]\n\nw = [[1]]\n~~~\n",
        "> ```conv\n> x = [1 2; 3 4]\n> w = [[1]]\n> ```\n",
        "- ```conv\n  x = [1 2; 3 4]\n  w = [[1]]\n  ```\n- next\n",
        "```conv\n```\n",
        "```python\nprint(1)\n",
    ])
    func closedFenceHasNoWarning(_ note: String) {
        #expect(fenceWarnings(note).isEmpty)
    }
}
