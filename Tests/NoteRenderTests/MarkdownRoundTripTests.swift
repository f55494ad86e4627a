import NoteMarkdown
import Testing
@testable import NoteRender

/// Reads generated Markdown back with the project's own parser, which runs libcmark, to show
/// that it means what the writer intended.
@Suite struct MarkdownRoundTripTests {
    static let note = """
        # Round trip

        Alone:

        $$y = w \\star x$$

        Inside a paragraph $$a + b$$ and after.

        > Quoted $$c^2$$

        - item $$\\frac{1}{2}$$

        ```conv numbers
        x = [1 2 3; 4 5 6; 7 8 9]
        w = [1 2; 3 4]
        padding = same-start
        ```

        The output is {{ y }}.

        """

    @Test func mathFencesReadAsCodeBlocks() {
        let generated = render(Self.note).markdown

        let blocks = codeBlocks(generated)
        let math = blocks.filter { $0.info == "math" }.map(\.literal)

        #expect(math == ["y = w \\star x\n", "a + b\n", "c^2\n", "\\frac{1}{2}\n"])
        #expect(!flattenedBlocks(generated).contains { block in
            if case .paragraph(let inlines, _) = block { return inlines.contains { if case .math = $0 { true } else { false } } }
            return false
        })
    }

    @Test func specBlockReadsBackUnchanged() {
        let generated = render(Self.note).markdown

        let specs = codeBlocks(generated).filter { $0.info == "conv numbers" }

        #expect(specs.count == 1)
        #expect(specs.first?.literal == "x = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\npadding = same-start\n")
    }

    @Test func generatedDisplayMathReadsBack() {
        let generated = render(Self.note + "\n{{ explain forward }}\n").markdown

        let math = codeBlocks(generated).filter { $0.info == "math" }.map(\.literal)

        #expect(math.contains("y = \\begin{bmatrix} 4 & 11 & 18 \\\\ 18 & 37 & 47 \\\\ 36 & 67 & 77 \\end{bmatrix}\n"))
        #expect(math.contains { $0.hasPrefix("x_{\\text{pad}} = \\begin{bmatrix} 0 & 0 & 0 & 0 \\\\ 0 & 1 & 2 & 3") })
    }

    @Test func inlineMathReadsAsCodeSpan() throws {
        let generated = render("# Inline\n\nLet $x_{11} * y$ be.\n").markdown

        let paragraph = try #require(NoteParser.parse(generated).note.blocks.dropFirst().first)
        guard case .paragraph(let inlines, _) = paragraph else {
            Issue.record("expected a paragraph, got \(paragraph)")
            return
        }
        let pieces = inlines.map { inline -> String in
            switch inline {
            case .text(let text): "text(\(text))"
            case .code(let code): "code(\(code))"
            default: "other"
            }
        }
        #expect(pieces == ["text(Let $)", "code(x_{11} * y)", "text($ be.)"])
    }

    /// Text that the writer escapes must read back as the same text.
    @Test(arguments: [
        "Price \\$5 and a\\*b\\_c \\[x\\] &lt;y&gt; a|b \\#h \\`tick\\` back\\\\slash.",
        "AT&amp;T and &amp;copy; and &amp;#65; stay as written.",
        "A line\n\\- that starts with a dash.",
        "A line\n1\\. that starts with a number.",
    ])
    func escapedTextReadsBack(_ source: String) throws {
        let original = try #require(paragraphText(source))
        let generated = render("# Text\n\n\(source)\n").markdown

        let body = String(generated.dropFirst("# Text\n\n".count))

        #expect(paragraphText(body) == original, "generated: \(body)")
    }

    /// Code spans must keep their content, including backticks and the spaces around it.
    @Test(arguments: [
        "Run `convnote build` now.",
        "Ticks `` a`b `` inside.",
        "Ticks `` `tick` `` around.",
        "Spaces `  padded  ` around.",
    ])
    func codeSpanReadsBack(_ source: String) throws {
        let original = try #require(paragraphText(source))
        let generated = render("# Code\n\n\(source)\n").markdown

        let body = String(generated.dropFirst("# Code\n\n".count))

        #expect(paragraphText(body) == original, "generated: \(body)")
    }

    /// Block structure, without math, that must survive a trip through the writer.
    @Test(arguments: [
        "- one\n  - nested\n    1. deep\n- two\n",
        "> quote\n>\n> - in quote\n>\n> > inner\n",
        "3. three\n\n   more\n\n4. four\n",
        "- item\n\n  ```swift\n  let x = 1\n\n  print(x)\n  ```\n",
        "Setext\n------\n\n***\n\nText\n",
        "> ```\n> code\n> ```\n>\n> after\n",
        "* star\n* list\n\n---\n\n- dash\n",
        "- a\n- b\n+ c\n",
        "1. one\n2) two\n",
    ])
    func blockStructureReadsBack(_ source: String) {
        let generated = render(source).markdown

        #expect(structure(NoteParser.parse(generated).note.blocks) == structure(NoteParser.parse(source).note.blocks),
                "generated:\n\(generated)")
    }

    /// Describes block nesting, list kinds and tightness in one string.
    private func structure(_ blocks: [Block]) -> String {
        blocks.map { block -> String in
            switch block {
            case .paragraph: "p"
            case .heading(let level, _, _): "h\(level)"
            case .codeBlock(let info, let literal, _, _): "code(\(info)|\(literal))"
            case .htmlBlock: "html"
            case .blockQuote(let children): "quote[\(structure(children))]"
            case .list(let ordered, let start, let tight, let items):
                "\(ordered ? "ol(\(start))" : "ul")\(tight ? "" : " loose")[" + items.map { "[\(structure($0))]" }.joined() + "]"
            case .table(_, let header, let rows): "table(\(header.count)x\(rows.count))"
            case .thematicBreak: "hr"
            }
        }.joined(separator: " ")
    }

    /// The plain text of the first block, which must be a paragraph, with soft breaks as spaces.
    private func paragraphText(_ markdown: String) -> String? {
        guard case .paragraph(let inlines, _)? = NoteParser.parse(markdown).note.blocks.first else { return nil }
        return inlines.map { inline -> String in
            switch inline {
            case .text(let text): text
            case .code(let code): "`" + code + "`"
            case .softBreak: " "
            default: "?"
            }
        }.joined()
    }
}
