import Foundation
import NoteMarkdown
import Testing
@testable import NoteRender

@Suite struct HTMLWriterTests {
    @Test func textIsEscaped() {
        #expect(html([.paragraph([.text("a < b & \"c\" > d")])]) == "<p>a &lt; b &amp; &quot;c&quot; &gt; d</p>\n")
    }

    @Test func noteTextIsEscaped() {
        let page = render("# Fish &amp; Chips\n\nAT&amp;T &lt;tag&gt; and \"quotes\".\n").html

        #expect(body(ofPage: page).contains("<p>AT&amp;T &lt;tag&gt; and &quot;quotes&quot;.</p>"))
        #expect(page.contains("<title>Fish &amp; Chips</title>"))
        #expect(body(ofPage: page).hasPrefix("<h1 id=\"fish--chips\">Fish &amp; Chips "))
    }

    @Test func emptyTitleFallsBackToHeading() {
        let rendered = render("---\ntitle:\n---\n# Heading text\n\nText.\n")

        #expect(rendered.title == "Heading text")
        #expect(rendered.html.contains("<title>Heading text</title>"))
        #expect(!rendered.html.contains("<h1 id=\"title\">"))
    }

    @Test func emptyTitleFallsBackToFileName() throws {
        let (note, _) = NoteParser.parse("---\ntitle: \"\"\n---\nText.\n")

        let rendered = NoteRenderer(generator: "convnote test").render(note, specs: [], fileStem: "stride-notes")

        #expect(rendered.title == "stride-notes")
        #expect(rendered.html.contains("<title>stride-notes</title>"))
        #expect(!rendered.html.contains("<h1"))
    }

    @Test func untitledNoteUsesFileName() {
        let (note, _) = NoteParser.parse("Only text.\n")

        let rendered = NoteRenderer(generator: "convnote test").render(note, specs: [], fileStem: "plain")

        #expect(rendered.title == "plain")
        #expect(rendered.html.contains("<title>plain</title>"))
    }

    @Test func titleAndSummaryAreEscaped() {
        let page = render("---\ntitle: A <b> & \"c\"\nsummary: x < y\n---\n\nText.\n").html

        #expect(page.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(page.contains("<meta name=\"description\" content=\"x &lt; y\">"))
        #expect(body(ofPage: page).hasPrefix("<h1 id=\"title\">A &lt;b&gt; &amp; &quot;c&quot; "))
    }

    @Test func codeIsEscaped() {
        let blocks: [PageBlock] = [
            .code(info: "html extra", literal: "<a href=\"x\">&</a>\n"),
            .paragraph([.code("<b>")]),
        ]

        #expect(html(blocks) == """
            <pre><code class="language-html">&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;
            </code></pre>
            <p><code>&lt;b&gt;</code></p>

            """)
    }

    @Test func codeInfoCannotBreakAttribute() {
        let output = html([.code(info: "\"><script>", literal: "x\n")])

        #expect(output == "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x\n</code></pre>\n")
    }

    @Test(arguments: [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
    ])
    func scriptLinksAreDropped(_ destination: String) {
        let output = html([.paragraph([.link(destination: destination, title: "", [.text("click")])])])

        #expect(output == "<p>click</p>\n")
    }

    @Test func scriptLinkInNoteIsDropped() {
        let page = render("# Links\n\n[bad](javascript:alert(1)) and [bad2](<JavaScript :alert(1)>).\n").html

        #expect(body(ofPage: page).contains("<p>bad and bad2.</p>"))
        #expect(!page.lowercased().contains("javascript"))
    }

    @Test(arguments: [
        ("other.md", "other.html"),
        ("other.md#x", "other.html#x"),
        ("sub/deeper/note.md#part-1", "sub/deeper/note.html#part-1"),
        ("../up.md", "../up.html"),
        ("#local", "#local"),
        ("notes.mdx", "notes.mdx"),
        ("https://example.org/readme.md", "https://example.org/readme.md"),
        ("picture.png", "picture.png"),
    ])
    func noteLinksPointToPages(_ destination: String, _ expected: String) {
        let output = html([.paragraph([.link(destination: destination, title: "", [.text("see")])])])

        #expect(output == "<p><a href=\"\(expected)\">see</a></p>\n")
    }

    @Test func linkTitleIsEscaped() {
        let output = html([.paragraph([.link(destination: "a.md", title: "say \"hi\" <now>", [.text("a")])])])

        #expect(output == "<p><a href=\"a.html\" title=\"say &quot;hi&quot; &lt;now&gt;\">a</a></p>\n")
    }

    @Test func imagesKeepImageDataOnly() {
        let png = html([.paragraph([.image(destination: "data:image/png;base64,AAAA", title: "", alt: "dot")])])
        let script = html([.paragraph([.image(destination: "javascript:alert(1)", title: "", alt: "x")])])

        #expect(png == "<p><img src=\"data:image/png;base64,AAAA\" alt=\"dot\"></p>\n")
        #expect(script == "<p>x</p>\n")
    }

    @Test func rawHTMLIsLeftOut() {
        let page = render("# Raw\n\n<script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n\nInline <b onclick=\"y()\">bold</b> text.\n").html

        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("onclick"))
        #expect(!page.contains("<div"))
        #expect(body(ofPage: page).contains("<p>Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> text.</p>"))
    }

    @Test func pageHasNoScript() {
        let page = render("# Page\n\nText with $x^2$ and\n\n$$\\frac{a}{b}$$\n").html

        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!page.lowercased().contains("<script"))
        #expect(page.contains("<meta name=\"generator\" content=\"convnote test\">"))
        #expect(body(ofPage: page).contains("<div class=\"display-math\"><math display=\"block\""))
    }

    @Test func nestedListsAndQuotes() {
        let page = render("# Nest\n\n- one\n  - nested\n    1. deep\n\n> quote\n>\n> > inner\n").html
        let content = body(ofPage: page)
        // Whether tight items wrap text in <p> is checked on its own below.
        let tags = content.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
            .replacingOccurrences(of: "\n", with: "")

        #expect(tags.contains("<ul><li><span class=\"item\">one</span><ul><li><span class=\"item\">nested</span><ol><li><span class=\"item\">deep</span></li></ol></li></ul></li></ul>"))
        #expect(content.contains("<blockquote>\n<p>quote</p>\n<blockquote>\n<p>inner</p>\n</blockquote>\n</blockquote>\n"))
    }

    /// CommonMark writes the paragraphs of a tight list without <p>, also in an item that
    /// contains a nested list, as `cmark` 0.30 does for "- one\n  - nested". convnote wraps
    /// the text in a span that can scroll sideways instead.
    @Test func tightListItemHasNoParagraph() {
        let page = render("# Tight\n\n- one\n  - nested\n- two\n").html

        #expect(body(ofPage: page).contains("<ul>\n<li><span class=\"item\">one</span>\n<ul>\n<li><span class=\"item\">nested</span></li>\n</ul>\n</li>\n<li><span class=\"item\">two</span></li>\n</ul>\n"))
    }

    @Test func orderedListKeepsStart() {
        let page = render("# Ordered\n\n3. three\n4. four\n").html

        #expect(body(ofPage: page).contains("<ol start=\"3\">\n<li><span class=\"item\">three</span></li>\n<li><span class=\"item\">four</span></li>\n</ol>\n"))
    }
}
