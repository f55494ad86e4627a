import SourceDiagnostics
import Testing
@testable import NoteMarkdown

/// The byte-level readers of note text must give what the scalar-level code gives.
@Suite struct ScalarDecodingTests {
    static let texts = [
        "", "a", "plain ASCII\nlines\n", "é", "日本語", "emoji 🧮 and ∂L/∂x", "\u{FEFF}bom",
        "cr\ronly", "crlf\r\nline", "\r\n\r\n", "\n\r", "ends with cr\r", "mixed é\r\n日\r🧮\n",
        "\u{E000}m0\u{E001} token", "a\u{301}\u{302}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
    ]

    @Test(arguments: texts)
    func scalarsMatchUnicodeScalars(text: String) {
        #expect(SourceText.scalars(of: text) == Array(text.unicodeScalars))
    }

    @Test(arguments: texts)
    func lineStartsMatchSourceText(text: String) {
        #expect(SourceText.lineStarts(of: text) == SourceText(Array(text.unicodeScalars)).lineStarts)
    }

    @Test(arguments: texts)
    func scalarCountMatchesUnicodeScalars(text: String) {
        #expect(text.unicodeScalarCount == text.unicodeScalars.count)
        #expect(text.dropFirst().unicodeScalarCount == text.dropFirst().unicodeScalars.count)
    }

    @Test func walkerMatchesLocation() {
        let source = SourceText(Array("ab\ncd\r\nef\rg\n\nh".unicodeScalars))
        var walker = LocationWalker(source, from: 1)
        for offset in 1...source.count {
            #expect(walker.location(offset) == source.location(offset))
        }
    }

    @Test func crlfFrontMatterKeepsLineNumbers() throws {
        let (note, diagnostics) = NoteParser.parse("---\r\ntitle: T\r\n---\r\n\r\nText {{ x\r\nmore $y$\u{0}.\r\n")
        let unterminated = try #require(diagnostics.first { $0.id == "placeholder.unterminated" })

        #expect(unterminated.range?.start == SourceLocation(line: 5, column: 6))
        #expect(note.maths.first?.location == SourceLocation(line: 6, column: 6))
        #expect(note.lines.count == 7)
        #expect(note.frontMatter.value("title") == "T")
    }

    @Test func linkDestinationRestoresMath() {
        let (note, _) = NoteParser.parse("See [x]($a$) and $b$.\n")
        guard case .paragraph(let inlines, _)? = note.blocks.first else {
            Issue.record("expected a paragraph")
            return
        }
        let destinations = inlines.compactMap { inline -> String? in
            if case .link(let destination, _, _) = inline { return destination }
            return nil
        }

        #expect(destinations == ["$a$"])
        #expect(inlines.contains { if case .math(1) = $0 { true } else { false } })
    }
}
