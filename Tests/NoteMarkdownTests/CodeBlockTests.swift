import SourceDiagnostics
import Testing
@testable import NoteMarkdown

@Suite struct CodeBlockTests {
    /// Returns `line:column text` for every content line of the note's only code block.
    func contentLines(_ text: String) throws -> [String] {
        let (note, _) = parseNote(text)
        let blocks = codeBlocks(note)
        try #require(blocks.count == 1, "code blocks: \(blocks.count)")
        return blocks[0].lines.map { "\($0.location) \($0.text)" }
    }

    @Test func specBlockLines() throws {
        let text = "Intro\n\n```conv seed\nx = [1 2\n     3 4]\nw = [1]\n```\n"
        let (note, _) = parseNote(text)
        let block = try #require(codeBlocks(note).first)
        #expect(block.info == "conv seed")
        #expect(block.literal == "x = [1 2\n     3 4]\nw = [1]\n")
        #expect(block.location == location(3, 1))
        #expect(block.lines.map(\.text) == ["x = [1 2", "     3 4]", "w = [1]"])
        #expect(block.lines.map(\.location) == [location(4, 1), location(5, 1), location(6, 1)])
    }

    @Test func insideListItem() throws {
        let lines = try contentLines("- item\n\n  ```conv seed\n  x = 1\n    w = 2\n  ```\n")
        #expect(lines == ["4:3 x = 1", "5:3   w = 2"])
    }

    @Test func insideOrderedListItem() throws {
        let lines = try contentLines("1. ```conv\n   x = [1 2\n        3 4]\n   ```\n")
        #expect(lines == ["2:4 x = [1 2", "3:4      3 4]"])
    }

    @Test func insideBlockQuote() throws {
        let lines = try contentLines("> ```conv q\n> x = 1\n> w = 2\n> ```\n")
        #expect(lines == ["2:3 x = 1", "3:3 w = 2"])
    }

    @Test func insideQuoteInsideList() throws {
        let lines = try contentLines("- a\n\n  > ```conv\n  > x = 1\n  > ```\n")
        #expect(lines == ["4:5 x = 1"])
    }

    @Test func indentedFence() throws {
        let lines = try contentLines("  ```conv\n  x = 1\n   y = 2\n z = 3\n  ```\n")
        #expect(lines == ["2:3 x = 1", "3:3  y = 2", "4:2 z = 3"])
    }

    @Test func tildeFence() throws {
        let (note, _) = parseNote("~~~conv t\nx = 1\n~~~\n")
        let block = try #require(codeBlocks(note).first)
        #expect(block.info == "conv t")
        #expect(block.lines.map(\.location) == [location(2, 1)])
    }

    @Test func blankLinesInside() throws {
        let lines = try contentLines("```conv\nx = 1\n\nw = 2\n```\n")
        #expect(lines == ["2:1 x = 1", "3:1 ", "4:1 w = 2"])
    }

    @Test func unclosedFenceRunsToEnd() throws {
        let lines = try contentLines("```conv\nx = 1\nw = 2")
        #expect(lines == ["2:1 x = 1", "3:1 w = 2"])
    }

    @Test func crlfLines() throws {
        let lines = try contentLines("```conv\r\nx = 1\r\n  w = 2\r\n```\r\n")
        #expect(lines == ["2:1 x = 1", "3:1   w = 2"])
    }

    @Test func afterFrontMatterAndDisplayMath() throws {
        let lines = try contentLines("---\ntitle: T\n---\n$$\na\nb\n$$\n\n```conv s\nx = 1\n```\n")
        #expect(lines == ["10:1 x = 1"])
    }

    @Test func afterPlaceholdersAndMathOnOneLine() throws {
        let (note, _) = parseNote("{{ a }} $b$ {{ c }}\n\n```conv s\nx = 1\n```\n")
        let block = try #require(codeBlocks(note).first)
        #expect(block.location == location(3, 1))
        #expect(block.lines.map(\.location) == [location(4, 1)])
    }

    @Test func wideCharactersInListItem() throws {
        let lines = try contentLines("- ```conv\n  é𝑥 = 1\n  ```\n")
        #expect(lines == ["2:3 é𝑥 = 1"])
    }

    @Test func contentIsUntouched() throws {
        let (note, diagnostics) = parseNote("```conv\nexpect y = $a$ {{ b\nw = \\{x\\} *c*\n```\n")
        #expect(diagnostics.isEmpty)
        #expect(note.maths.isEmpty)
        #expect(note.placeholders.isEmpty)
        let block = try #require(codeBlocks(note).first)
        #expect(block.literal == "expect y = $a$ {{ b\nw = \\{x\\} *c*\n")
    }

    @Test func fenceWithoutInfo() throws {
        let (note, _) = parseNote("Text\n\n```\nabc\n```\n")
        let block = try #require(codeBlocks(note).first)
        #expect(block.info == "")
        #expect(block.location == location(3, 1))
        #expect(block.lines.map(\.location) == [location(4, 1)])
    }

    @Test func indentedCodeBlock() throws {
        let lines = try contentLines("Text\n\n    abc\n      def\n")
        #expect(lines == ["3:5 abc", "4:5   def"])
    }

    @Test func severalBlocksInOrder() {
        let (note, _) = parseNote("```conv a\nx = 1\n```\n\n- ```conv b\n  x = 2\n  ```\n\n> ```python\n> print()\n> ```\n")
        #expect(codeBlocks(note).map(\.info) == ["conv a", "conv b", "python"])
        #expect(codeBlocks(note).map { $0.lines.first?.location } == [location(2, 1), location(6, 3), location(10, 3)])
    }
}
