import SourceDiagnostics
import Testing
@testable import NoteMarkdown

@Suite struct SourcePositionTests {
    @Test func mathAfterBlankLine() {
        let (note, _) = parseNote("Text\n\nA $x$ b")
        #expect(note.maths.first?.location == location(3, 3))
        #expect(note.maths.first?.tex.location(0) == location(3, 4))
    }

    @Test(arguments: [
        ("é $a$", 3),
        ("日本語 $a$", 5),
        ("𝑥 $a$", 3),
        ("👩‍👩‍👧 $a$", 7),
        ("a\t$b$", 3),
    ])
    func columnsCountScalars(text: String, column: Int) {
        let (note, _) = parseNote(text)
        #expect(note.maths.first?.location == location(1, column))
    }

    @Test func codeSpanAfterWideCharacters() {
        // cmark reports byte columns, but "é" (2 bytes) and "𝑥" (4 bytes) are one column each.
        let (note, _) = parseNote("é𝑥 `$a$` $b$")
        #expect(texts(note) == ["b"])
        #expect(note.maths.first?.location == location(1, 10))
    }

    @Test func texLocationsFollowLines() {
        let (note, _) = parseNote("Intro\n\n$$\na_1 +\n  b\n$$")
        let tex = note.maths[0].tex
        #expect(tex.string == "\na_1 +\n  b\n")
        #expect(tex.location(1) == location(4, 1))
        #expect(tex.location(7) == location(5, 1))
        #expect(tex.location(9) == location(5, 3))
    }

    @Test func positionsAfterMultiLineDisplayMath() {
        let (note, _) = parseNote("$$\na\nb\n$$ and $c$\n\nSee {{ y }}.\n\n# Head $d$\n")
        #expect(texts(note) == ["\na\nb\n", "c", "d"])
        #expect(note.maths.map(\.location) == [location(1, 1), location(4, 8), location(8, 8)])
        #expect(note.placeholders.first?.location == location(6, 5))
        #expect(blockLocations(note).map(\.line) == [1, 6, 8])
    }

    @Test func blockAfterMultiLineInlineMath() {
        let (note, _) = parseNote("$a +\nb$ text\n\nNext $c$\n\n- item\n")
        #expect(blockLocations(note).map(\.line) == [1, 4, 6])
        #expect(note.maths[1].location == location(4, 6))
    }

    @Test func headingAfterDisplayBlock() {
        let (note, _) = parseNote("$$\nx\ny\nz\n$$\n\n## After\n")
        guard case .heading(_, _, let headingLocation)? = note.blocks.last else {
            Issue.record("the last block is not a heading")
            return
        }
        #expect(headingLocation == location(7, 1))
    }

    @Test func positionsAfterFrontMatter() {
        let (note, _) = parseNote("---\ntitle: T\nsummary: S\n---\n$a$ text\n\n{{ y }}\n")
        #expect(note.maths.first?.location == location(5, 1))
        #expect(note.placeholders.first?.location == location(7, 1))
        #expect(blockLocations(note).map(\.line) == [5, 7])
    }

    @Test func positionsWithCRLF() {
        let (note, _) = parseNote("A $x$\r\nB $y$\r\n\r\n{{ z }}\r\n")
        #expect(note.maths.map(\.location) == [location(1, 3), location(2, 3)])
        #expect(texts(note) == ["x", "y"])
        #expect(note.placeholders.first?.location == location(4, 1))
        #expect(blockLocations(note).map(\.line) == [1, 4])
    }

    @Test func linesKeepFrontMatter() {
        let (note, _) = parseNote("---\ntitle: T\n---\nBody  \n")
        #expect(note.lines == ["---", "title: T", "---", "Body", ""])
    }
}
