import SourceDiagnostics
import Testing
@testable import NoteMarkdown

@Suite struct MathProtectionTests {
    @Test(arguments: [
        ("$a$", ["a"]),
        ("text $x^2$ more", ["x^2"]),
        ("$a$ and $b$", ["a", "b"]),
        ("$x$ 5", ["x"]),
        ("$x$, then", ["x"]),
        ("($x$)", ["x"]),
        ("$a\\$b$", ["a\\$b"]),
        ("\\\\$a$", ["a"]),
        ("$a\nb$", ["a\nb"]),
        ("$5 and 6$ dollars", ["5 and 6"]),
        ("<span>$a$</span>", ["a"]),
        ("[see $a$](https://example.org)", ["a"]),
        ("**$a$**", ["a"]),
        ("*$a$*", ["a"]),
        ("$a$b", ["a"]),
    ])
    func inlineMath(text: String, formulas: [String]) {
        let (note, diagnostics) = parseNote(text)
        #expect(texts(note) == formulas)
        #expect(note.maths.allSatisfy { !$0.display })
        #expect(diagnostics.isEmpty)
    }

    @Test(arguments: [
        "$ a$",
        "$a $",
        "$ a $",
        "$5 and $6",
        "$20,000 and $30,000",
        "$x$5",
        "\\$a$",
        "\\$a\\$",
        "$",
        "$$",
        "$$$$",
        "$a\n\nb$",
        "$a\n   \nb$",
        "$$\na\n\nb\n$$",
        "$$a\n\t\nb$$",
        "`$a$`",
        "``$a$ ` $b$``",
        "```\n$a$\n```",
        "~~~\n$$a$$\n~~~",
        "    $a$",
        "Para\n\n    $a$ indented",
        "<div>\n$a$\n</div>",
        "&#36;a&#36;",
    ])
    func notMath(text: String) {
        let (note, _) = parseNote(text)
        #expect(texts(note) == [])
    }

    @Test(arguments: [
        ("$$x$$", "x"),
        ("$$ x $$", " x "),
        ("$$\n\\sum_i a_i\n$$", "\n\\sum_i a_i\n"),
        ("$$a\nb$$", "a\nb"),
    ])
    func displayMath(text: String, formula: String) {
        let (note, _) = parseNote(text)
        #expect(texts(note) == [formula])
        #expect(note.maths.first?.display == true)
    }

    @Test func dollarsStayInText() {
        let (note, _) = parseNote("It costs $5 and $6, or \\$7.")
        #expect(paragraphs(note) == ["It costs $5 and $6, or $7."])
    }

    @Test func escapedDollarIsLiteral() {
        let (note, _) = parseNote("\\$a$ b")
        #expect(texts(note) == [])
        #expect(paragraphs(note) == ["$a$ b"])
    }

    @Test func closingDollarBeforeDigitIsSkipped() {
        // The $ before 5 cannot close, so the formula runs to the next $.
        let (note, _) = parseNote("$x$5 and $y$")
        #expect(texts(note) == ["x$5 and $y"])
    }

    @Test func markdownCharactersSurvive() {
        let (note, _) = parseNote("$a_1 * b_2 \\\\ \\{x\\} *c* _d_ \\_ [e](f) &amp; h&i$")
        #expect(texts(note) == ["a_1 * b_2 \\\\ \\{x\\} *c* _d_ \\_ [e](f) &amp; h&i"])
        #expect(paragraphs(note) == ["⟨m0⟩"])
    }

    @Test func underscoresAcrossFormulas() {
        // Without protection, cmark would read _1$ and $b_ as emphasis.
        let (note, _) = parseNote("$a_1$ and $b_2$")
        #expect(texts(note) == ["a_1", "b_2"])
        #expect(paragraphs(note) == ["⟨m0⟩ and ⟨m1⟩"])
    }

    @Test func displayMathMidParagraph() {
        let (note, _) = parseNote("before $$x_1$$ after")
        #expect(texts(note) == ["x_1"])
        #expect(note.maths[0].display)
        #expect(paragraphs(note) == ["before ⟨m0⟩ after"])
    }

    @Test func displayThenInline() {
        let (note, _) = parseNote("$$a$$ and $b$")
        #expect(texts(note) == ["a", "b"])
        #expect(note.maths.map(\.display) == [true, false])
    }

    @Test func mathInListItems() {
        let (note, _) = parseNote("- $a_1$ first\n- second $b^*$\n  - nested $c$\n")
        #expect(texts(note) == ["a_1", "b^*", "c"])
        #expect(paragraphs(note) == ["⟨m0⟩ first", "second ⟨m1⟩", "nested ⟨m2⟩"])
    }

    @Test func mathInBlockQuote() {
        let (note, _) = parseNote("> quoted $x^2$\n>\n> $$y$$\n")
        #expect(texts(note) == ["x^2", "y"])
        #expect(paragraphs(note) == ["quoted ⟨m0⟩", "⟨m1⟩"])
        guard case .blockQuote(let children)? = note.blocks.first else {
            Issue.record("the first block is not a block quote")
            return
        }
        #expect(children.count == 2)
    }

    @Test func multiLineMathInBlockQuote() {
        // The quote marker of the second line belongs to Markdown, not to the formula.
        let (note, _) = parseNote("> $a +\n> b$\n")
        #expect(texts(note).count == 1)
        #expect(texts(note).first?.contains(">") == false, "TeX: \(texts(note))")
    }

    @Test func mathInHeading() {
        let (note, _) = parseNote("# The $\\partial L$ term\n")
        #expect(texts(note) == ["\\partial L"])
        guard case .heading(let level, let inlines, _)? = note.blocks.first else {
            Issue.record("the first block is not a heading")
            return
        }
        #expect(level == 1)
        #expect(transcript(inlines) == "The ⟨m0⟩ term")
    }

    @Test func comparisonsThatLookLikeTags() {
        // cmark reads "<b c>" as an inline HTML tag, but the dollar before it opened a formula.
        let (note, _) = parseNote("$a<b c>d$")
        #expect(texts(note) == ["a<b c>d"])
    }

    @Test func codeSpanBeforeMath() {
        let (note, _) = parseNote("`$x` and $y$")
        #expect(texts(note) == ["y"])
        #expect(paragraphs(note) == ["⟨code:$x⟩ and ⟨m0⟩"])
    }

    @Test func mathBetweenCodeSpans() {
        let (note, _) = parseNote("`a$` $b$ `$c`")
        #expect(texts(note) == ["b"])
        #expect(paragraphs(note) == ["⟨code:a$⟩ ⟨m0⟩ ⟨code:$c⟩"])
    }

    @Test func codeBlockKeepsDollars() {
        let (note, _) = parseNote("```\n$a$ and $$b$$\n```\n\n$c$")
        #expect(texts(note) == ["c"])
        #expect(codeBlocks(note).first?.literal == "$a$ and $$b$$\n")
    }

    @Test func mathInsideLinkDestinationIsRestored() {
        let (note, _) = parseNote("[x](https://example.org/$a$b)")
        let links = allInlines(note).compactMap { inline -> String? in
            guard case .link(let destination, _, _) = inline else { return nil }
            return destination
        }
        #expect(links == ["https://example.org/$a$b"])
    }

    @Test func privateUseTokenCharactersAreKept() {
        // The protection tokens use U+E000 and U+E001. A note that contains those characters
        // must not forge a token, and must keep them.
        let (note, _) = parseNote("\u{E000}m0\u{E001} $a$ \\\u{E000}")
        #expect(texts(note) == ["a"])
        #expect(paragraphs(note) == ["\u{E000}m0\u{E001} ⟨m0⟩ \\\u{E000}"])
    }

    @Test func privateUseTokenCharactersSurviveInCode() {
        let (note, _) = parseNote("Code `a\u{E000}b\u{E001}c` here.\n\n```\nx\u{E000}y\n```\n")
        let spans = allInlines(note).compactMap { inline -> String? in
            guard case .code(let code) = inline else { return nil }
            return code
        }
        #expect(spans == ["a\u{E000}b\u{E001}c"])
        #expect(codeBlocks(note).map(\.literal) == ["x\u{E000}y\n"])
    }
}
