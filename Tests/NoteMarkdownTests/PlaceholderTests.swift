import SourceDiagnostics
import Testing
@testable import NoteMarkdown

@Suite struct PlaceholderTests {
    @Test func placeholderInProse() {
        let (note, diagnostics) = parseNote("See {{ y }} here.")
        #expect(diagnostics.isEmpty)
        #expect(note.placeholders.map(\.content.string) == ["y"])
        #expect(note.placeholders[0].location == location(1, 5))
        #expect(note.placeholders[0].content.location(0) == location(1, 8))
        #expect(note.placeholders[0].texRange == nil)
        #expect(paragraphs(note) == ["See ⟨p0⟩ here."])
    }

    @Test(arguments: [
        ("{{y}}", "y"),
        ("{{ seed.dL/dx[1,:] | sum }}", "seed.dL/dx[1,:] | sum"),
        ("{{   explain forward   }}", "explain forward"),
        ("{{ figure window y[2,2] }}", "figure window y[2,2]"),
        ("{{ a_b*c }}", "a_b*c"),
    ])
    func placeholderContent(text: String, content: String) {
        let (note, _) = parseNote(text)
        #expect(note.placeholders.map(\.content.string) == [content])
        #expect(paragraphs(note) == ["⟨p0⟩"])
    }

    @Test func twoPlaceholdersOnOneLine() {
        let (note, _) = parseNote("{{ a }} and {{ b }}")
        #expect(note.placeholders.map(\.content.string) == ["a", "b"])
        #expect(note.placeholders.map(\.location) == [location(1, 1), location(1, 13)])
        #expect(paragraphs(note) == ["⟨p0⟩ and ⟨p1⟩"])
    }

    @Test func placeholderInsideMath() {
        let (note, diagnostics) = parseNote("Here $a = {{ seed.y }} + 1$.")
        #expect(diagnostics.isEmpty)
        #expect(note.placeholders.isEmpty)
        #expect(texts(note) == ["a = {{ seed.y }} + 1"])
        let inner = note.maths[0].placeholders
        #expect(inner.map(\.content.string) == ["seed.y"])
        #expect(inner.first?.texRange == 4..<16)
        #expect(inner.first?.location == location(1, 11))
        #expect(inner.first?.content.location(0) == location(1, 14))
    }

    @Test func placeholderInsideDisplayMath() {
        let (note, _) = parseNote("$$\ny = {{ y }}\n$$")
        #expect(note.maths[0].display)
        #expect(note.maths[0].placeholders.map(\.content.string) == ["y"])
        #expect(note.maths[0].placeholders.first?.location == location(2, 5))
    }

    @Test(arguments: ["$x^{{a}}$", "$\\frac{{a}}{b}$", "${{x}}$"])
    func texGroupsStayTeX(text: String) {
        let (note, diagnostics) = parseNote(text)
        #expect(diagnostics.isEmpty)
        #expect(note.placeholders.isEmpty)
        #expect(note.maths.count == 1)
        #expect(note.maths.first?.placeholders.isEmpty == true)
        #expect(texts(note) == [String(text.dropFirst().dropLast())])
    }

    @Test func unterminatedPlaceholder() throws {
        let (note, diagnostics) = parseNote("Text {{ y\nmore }}")
        #expect(note.placeholders.isEmpty)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "placeholder.unterminated")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == SourceRange(start: location(1, 6), end: location(1, 8)))
        #expect(diagnostic.message == "this {{ has no closing }} on the same line")
        #expect(paragraphs(note) == ["Text {{ y⏎more }}"])
    }

    @Test func unterminatedAfterFrontMatter() throws {
        let (_, diagnostics) = parseNote("---\ntitle: T\n---\n\nA é {{ b\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.range?.start == location(5, 5))
    }

    @Test func unterminatedThenClosedOnLaterLine() {
        let (note, diagnostics) = parseNote("A {{ b\n\nC {{ d }}")
        #expect(diagnostics.map(\.range?.start) == [location(1, 3)])
        #expect(note.placeholders.map(\.content.string) == ["d"])
        #expect(note.placeholders.first?.location == location(3, 3))
    }

    @Test func escapedBraceIsLiteral() {
        let (note, diagnostics) = parseNote("\\{{ y }}")
        #expect(note.placeholders.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func escapedBackslashBeforePlaceholder() {
        let (note, _) = parseNote("\\\\{{ y }}")
        #expect(note.placeholders.map(\.content.string) == ["y"])
        #expect(note.placeholders.first?.location == location(1, 3))
        #expect(paragraphs(note) == ["\\⟨p0⟩"])
    }

    @Test func placeholderInEmphasisAndLink() {
        let (note, _) = parseNote("*{{ a }}* and [{{ b }}](https://example.org)")
        #expect(note.placeholders.map(\.content.string) == ["a", "b"])
        #expect(paragraphs(note) == ["⟨em:⟨p0⟩⟩ and ⟨link https://example.org:⟨p1⟩⟩"])
    }

    @Test(arguments: ["`{{ y }}`", "`{{ y`", "```\n{{ y\n```", "    {{ y"])
    func noPlaceholderInCode(text: String) {
        let (note, diagnostics) = parseNote(text)
        #expect(note.placeholders.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func placeholderInListAndQuote() {
        let (note, _) = parseNote("- {{ a }}\n\n> {{ b }}")
        #expect(note.placeholders.map(\.content.string) == ["a", "b"])
        #expect(note.placeholders.map(\.location) == [location(1, 3), location(3, 3)])
        #expect(paragraphs(note) == ["⟨p0⟩", "⟨p1⟩"])
    }

    @Test func directiveIsItsOwnParagraph() {
        let (note, _) = parseNote("Intro.\n\n{{ explain forward }}\n\nOutro.")
        #expect(paragraphs(note) == ["Intro.", "⟨p0⟩", "Outro."])
    }
}
