import SourceDiagnostics
import Testing
@testable import NoteMarkdown

@Suite struct FrontMatterTests {
    @Test func knownKeys() {
        let (note, diagnostics) = parseNote("""
            ---
            title: Convolution, forward and backward
            summary: Why the backward pass is a convolution.
            index-base: 0
            ---
            # Heading
            """)
        #expect(diagnostics.isEmpty)
        let frontMatter = note.frontMatter
        #expect(frontMatter.value("title") == "Convolution, forward and backward")
        #expect(frontMatter.value("summary") == "Why the backward pass is a convolution.")
        #expect(frontMatter.value("index-base") == "0")
        #expect(frontMatter.entries.map(\.key) == ["title", "summary", "index-base"])
        #expect(frontMatter.lineCount == 5)
        #expect(frontMatter.entry("title")?.location == location(2, 1))
        #expect(frontMatter.entry("title")?.valueLocation == location(2, 8))
        #expect(frontMatter.entry("index-base")?.valueLocation == location(4, 13))
        #expect(paragraphs(note) == ["Heading"])
    }

    @Test(arguments: [
        ("title: \"A: quoted\"", "A: quoted"),
        ("title: 'single'", "single"),
        ("title: \"\"", ""),
        ("title: \"unbalanced", "\"unbalanced"),
        ("title: 'mixed\"", "'mixed\""),
        ("title:   spaced out  ", "spaced out"),
        ("title:\tTabbed", "Tabbed"),
        ("title: a: b", "a: b"),
        ("title:", ""),
    ])
    func values(line: String, value: String) {
        let (note, diagnostics) = parseNote("---\n\(line)\n---\n")
        #expect(diagnostics.map(\.id) == (value.isEmpty ? ["front-matter.empty-title"] : []))
        #expect(note.frontMatter.value("title") == value)
    }

    @Test func lastDuplicateWins() {
        let (note, _) = parseNote("---\ntitle: First\ntitle: Second\n---\n")
        #expect(note.frontMatter.value("title") == "Second")
        #expect(note.frontMatter.entries.count == 2)
    }

    @Test func duplicateKeyWarnsAtSecond() throws {
        let (_, diagnostics) = parseNote("---\ntitle: First\nsummary: S\ntitle: Second\n---\n")

        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "front-matter.duplicate-key")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range == SourceRange(start: location(4, 1), end: location(4, 6)))
        #expect(diagnostic.message == "front matter key 'title' is set twice, so this value replaces the one on line 2")
        #expect(diagnostic.notes == ["remove one of the two lines"])
    }

    @Test func thirdDuplicateNamesLatest() {
        let (_, diagnostics) = parseNote("---\nindex-base: 0\nindex-base: 1\nindex-base: 0\n---\n")

        #expect(diagnostics.map(\.message) == [
            "front matter key 'index-base' is set twice, so this value replaces the one on line 2",
            "front matter key 'index-base' is set twice, so this value replaces the one on line 3",
        ])
        #expect(diagnostics.map(\.range?.start) == [location(3, 1), location(4, 1)])
    }

    @Test(arguments: ["title:", "title:   ", "title: \"\"", "title: ''"])
    func emptyTitleWarns(_ line: String) throws {
        let (_, diagnostics) = parseNote("---\n\(line)\n---\n# Heading\n")

        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "front-matter.empty-title")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range == SourceRange(start: location(2, 1), end: location(2, 6)))
        #expect(diagnostic.message
            == "the front matter title is empty, so the page takes its title from the first level-1 heading or the file name")
    }

    @Test func commentsAndBlankLinesSkipped() {
        let (note, diagnostics) = parseNote("---\n# a comment\n\n   \ntitle: T\n---\n")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.entries.map(\.key) == ["title"])
    }

    @Test func unknownKeySuggests() throws {
        let (note, diagnostics) = parseNote("---\nsummry: x\n---\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "front-matter.unknown-key")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "unknown front matter key 'summry'")
        #expect(diagnostic.range == SourceRange(start: location(2, 1), end: location(2, 7)))
        #expect(diagnostic.notes == ["did you mean 'summary'?"])
        #expect(note.frontMatter.value("summry") == "x")
    }

    @Test func unknownKeyListsKeys() throws {
        let (_, diagnostics) = parseNote("---\nauthor: me\n---\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.notes == ["the keys are title, summary and index-base"])
    }

    @Test func malformedLine() throws {
        let (_, diagnostics) = parseNote("---\ntitle: T\njust text\n---\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.id == "front-matter.malformed")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range?.start == location(3, 1))
        #expect(diagnostic.message == "expected 'key: value' in the front matter, found 'just text'")
    }

    @Test func missingClosingFence() throws {
        let (note, diagnostics) = parseNote("---\ntitle: T\n\nText $a$\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.id == "front-matter.unterminated")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == SourceRange(start: location(1, 1), end: location(1, 4)))
        #expect(note.frontMatter.entries.isEmpty)
        #expect(note.frontMatter.lineCount == 0)
        #expect(note.maths.first?.location == location(4, 6))
    }

    @Test func crlfLineEndings() {
        let (note, diagnostics) = parseNote("---\r\ntitle: T\r\nindex-base: 1\r\n---\r\nText $a$\r\n")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.value("title") == "T")
        #expect(note.frontMatter.value("index-base") == "1")
        #expect(note.frontMatter.lineCount == 4)
        #expect(texts(note) == ["a"])
        #expect(note.maths.first?.location == location(5, 6))
        #expect(paragraphs(note) == ["Text ⟨m0⟩"])
    }

    @Test func byteOrderMark() {
        let (note, diagnostics) = parseNote("\u{FEFF}---\ntitle: T\n---\n$a$\n")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.value("title") == "T")
        #expect(note.maths.first?.location == location(4, 1))
    }

    @Test func byteOrderMarkWithoutFrontMatter() {
        let (note, _) = parseNote("\u{FEFF}$a$ b")
        #expect(note.frontMatter.entries.isEmpty)
        #expect(note.maths.first?.location == location(1, 1))
        #expect(paragraphs(note) == ["⟨m0⟩ b"])
    }

    @Test func byteOrderMarkWithCRLF() {
        let (note, diagnostics) = parseNote("\u{FEFF}---\r\ntitle: T\r\n---\r\n")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.value("title") == "T")
    }

    @Test func trailingSpaceOnFences() {
        let (note, diagnostics) = parseNote("---  \ntitle: T\n--- \t\nBody")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.value("title") == "T")
        #expect(paragraphs(note) == ["Body"])
    }

    @Test func frontMatterIsNotMarkdown() {
        let (note, diagnostics) = parseNote("---\ntitle: $a$ and {{ b\nsummary: `code`\n---\nBody\n")
        #expect(diagnostics.isEmpty)
        #expect(note.maths.isEmpty)
        #expect(note.placeholders.isEmpty)
        #expect(note.frontMatter.value("title") == "$a$ and {{ b")
        #expect(paragraphs(note) == ["Body"])
    }

    @Test func fenceMustOpenTheNote() {
        let (note, diagnostics) = parseNote("\n---\ntitle: T\n---\n")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.entries.isEmpty)
        #expect(note.frontMatter.lineCount == 0)
    }

    @Test func noFrontMatter() {
        let (note, diagnostics) = parseNote("# Title\n\nText.")
        #expect(diagnostics.isEmpty)
        #expect(note.frontMatter.entries.isEmpty)
        #expect(note.frontMatter.lineCount == 0)
    }
}
