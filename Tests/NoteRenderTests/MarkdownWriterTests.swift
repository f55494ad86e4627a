import NoteMarkdown
import Testing
@testable import NoteRender

@Suite struct MarkdownWriterTests {
    @Test(arguments: [
        ("a*b", "a\\*b"),
        ("snake_case", "snake\\_case"),
        ("[x]", "\\[x\\]"),
        ("<y>", "\\<y\\>"),
        ("a|b", "a\\|b"),
        ("~c~", "\\~c\\~"),
        ("#h", "\\#h"),
        ("`tick`", "\\`tick\\`"),
        ("back\\slash", "back\\\\slash"),
        ("costs $5", "costs \\$5"),
        ("$x$ stays text", "\\$x\\$ stays text"),
    ])
    func textEscapesPunctuation(_ text: String, _ expected: String) {
        #expect(markdown([.paragraph([.text(text)])]) == expected)
    }

    @Test func noteTextEscapesEndToEnd() {
        let note = render("# Escapes\n\nPrice \\$5 and a\\*b\\_c \\[x\\] &lt;y&gt; a|b \\#h \\`tick\\` back\\\\slash.\n")

        #expect(note.markdown == "# Escapes\n\nPrice \\$5 and a\\*b\\_c \\[x\\] \\<y\\> a\\|b \\#h \\`tick\\` back\\\\slash.\n")
    }

    @Test(arguments: [
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("= not a heading underline", "\\= not a heading underline"),
        ("1. not a list", "1\\. not a list"),
        ("12) not a list", "12\\) not a list"),
    ])
    func lineStartsAreProtected(_ text: String, _ expected: String) {
        #expect(markdown([.paragraph([.text("first"), .softBreak, .text(text)])]) == "first\n" + expected)
    }

    @Test func displayMathSplitsParagraph() {
        let note = render("# Split\n\nBefore $$a+b$$ after.\n")

        #expect(note.markdown == "# Split\n\nBefore\n\n```math\na+b\n```\n\nafter.\n")
    }

    @Test func displayMathAloneIsFence() {
        let blocks: [PageBlock] = [.paragraph([.math(formula("x^2", display: true))])]

        #expect(markdown(blocks) == "```math\nx^2\n```")
    }

    @Test func inlineMathUsesDollarBackticks() {
        let note = render("# Inline\n\nLet $x_{11}$ and\n$\\frac{a}{b}$ be given.\n")

        #expect(note.markdown == "# Inline\n\nLet $`x_{11}`$ and\n$`\\frac{a}{b}`$ be given.\n")
    }

    @Test func multiLineDisplayMathKeepsLines() {
        let note = render("# Lines\n\n$$a +\nb$$\n")

        #expect(note.markdown == "# Lines\n\n```math\na +\nb\n```\n")
    }

    @Test func nestedListsAreKept() {
        let note = render("# Lists\n\n- one\n  - nested\n    1. deep\n- two\n")

        #expect(note.markdown == "# Lists\n\n- one\n  - nested\n    1. deep\n- two\n")
    }

    @Test func looseListKeepsBlankLines() {
        let note = render("# Loose\n\n3. three\n\n   more\n\n4. four\n")

        #expect(note.markdown == "# Loose\n\n3. three\n\n   more\n\n4. four\n")
    }

    @Test func blockQuotesAreKept() {
        let note = render("# Quotes\n\n> quote line\n>\n> - in quote\n>\n> > inner\n")

        #expect(note.markdown == "# Quotes\n\n> quote line\n>\n> - in quote\n>\n> > inner\n")
    }

    @Test func mathInsideQuoteIsPrefixed() {
        let note = render("# Quote math\n\n> See $$y = x$$ here.\n")

        #expect(note.markdown == "# Quote math\n\n> See\n>\n> ```math\n> y = x\n> ```\n>\n> here.\n")
    }

    @Test func codeFenceOutgrowsBackticks() {
        let note = render("# Code\n\n~~~text\nuse ``` to fence\n~~~\n")

        #expect(note.markdown == "# Code\n\n````text\nuse ``` to fence\n````\n")
    }

    @Test func unsafeLinksKeepOnlyText() {
        let note = render("# Links\n\n[bad](javascript:alert(1)) and [ok](other.md#part).\n")

        #expect(note.markdown == "# Links\n\nbad and [ok](other.md#part).\n")
    }

    @Test func rawHTMLIsLeftOut() {
        let note = render("# Raw\n\n<script>alert(1)</script>\n\nInline <b>bold</b> text.\n")

        #expect(!note.markdown.contains("<script"))
        #expect(!note.markdown.contains("<b>"))
        #expect(note.markdown.contains("Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> text."))
    }

    @Test func specBlockKeepsSourceAndSummary() {
        let note = render("# Spec\n\n```conv numbers\nx = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\npadding = same-start\n```\n")

        #expect(note.markdown == """
            # Spec

            ```conv numbers
            x = [1 2 3; 4 5 6; 7 8 9]
            w = [1 2; 3 4]
            padding = same-start
            ```

            *numbers: all routes agree*

            | input | value |
            | --- | --- |
            | x | 3 × 3 $`\\begin{bmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\end{bmatrix}`$ |
            | w | 2 × 2 $`\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}`$ |
            | padding | (1, 0), (1, 0) from same-start |
            | operation | cross-correlation |
            | numbers | exact rationals |
            | y | 3 × 3 |

            """)
    }
}

/// CommonMark counts backticks byte by byte, so a backtick that a combining mark follows
/// still ends a run. The writer counts the same way, and its code spans and fences are
/// longer than any run inside them, or cmark would close them early.
@Suite struct BacktickRunTests {
    @Test func codeSpanOutgrowsARunEndingInACombiningMark() {
        #expect(markdown([.paragraph([.code("x`\u{301}")])]) == "``x`\u{301}``")
    }

    @Test func fenceOutgrowsARunEndingInACombiningMark() {
        let written = markdown([.code(info: "", literal: "a ```\u{301} b\n")])
        #expect(written == "````\na ```\u{301} b\n````")
    }
}
