import Foundation
import NoteMarkdown
import Testing
@testable import NoteRender

/// The byte-level paths of the writers must give what the string-level code gives.
@Suite struct ByteWriterTests {
    @Test(arguments: [
        "", "$", "a$b$c", "$x$ and $y$", "é$ü$", "$\u{301}x$y", "x $\u{20DD} y", "日本$語",
        "matrix $\\begin{bmatrix} −1 & 2 \\end{bmatrix}$ done", "\u{600}$x$",
    ])
    func dollarPiecesMatchPieces(text: String) {
        #expect(text.piecesAtDollars() == text.pieces(separatedBy: UInt8(ascii: "$")))
    }

    @Test(arguments: [
        "Hello World", "  Padded\ttitle\t ", "Section 2.1: Results!", "snake_case and-hyphen", "\t", "",
        "UPPER lower 09", "a\r\nb", "tab\tinside",
    ])
    func asciiSlugMatchesSlug(title: String) {
        #expect(AnchorNames.asciiSlug(title) == AnchorNames.slug(title))
    }

    @Test func nonASCIITitleHasNoASCIISlug() {
        #expect(AnchorNames.asciiSlug("Größe") == nil)
    }

    @Test(arguments: [0.1, -2.5e-7, 123456789.0, 1e300, -0.000123456, 5e-324, 2.0 / 3.0, 99999.5])
    func floatMatchesFormat(number: Double) {
        for digits in [0, 1, 4, 17, 40] {
            #expect(TeXWriter.formatted(number, digits: digits) == String(format: "%.\(digits)g", number))
        }
    }

    @Test func leadingSpaceBeforeCombiningMarkStays() {
        // " \u{301}" is one character that is not a space, so the paragraph keeps it.
        #expect(markdown([.paragraph([.text(" \u{301}a ")])]) == " \u{301}a")
    }

    @Test func trailingCRLFStays() {
        #expect(markdown([.paragraph([.text("a\r\n")])]) == "a\r\n")
    }

    @Test func threeTickCodeSpanSkipsLineStarts() {
        // A part that opens with ``` is taken for a fence and left as it is.
        let blocks: [PageBlock] = [.paragraph([.code("a``b"), .softBreak, .text("- item")])]

        #expect(markdown(blocks) == "```a``b```\n- item")
    }

    @Test func tableWithoutColumns() {
        #expect(markdown([.table(alignments: [], header: [], rows: [])]) == "|  |\n||")
    }

    @Test func headingKeepsLineFeedAfterCarriageReturn() {
        let blocks: [PageBlock] = [.heading(level: 2, [.text("a\r\nb\nc")], anchor: "a")]

        #expect(markdown(blocks) == "## a\r\nb c")
    }

    @Test func nestedQuoteAndListPrefixLines() {
        let blocks: [PageBlock] = [.quote([.list(ordered: true, start: 3, tight: false, items: [
            [.paragraph([.text("one")]), .paragraph([.text("two")])],
            [.paragraph([.text("three")])],
        ])])]

        #expect(markdown(blocks) == "> 3. one\n>\n>    two\n>\n> 4. three")
    }
}
