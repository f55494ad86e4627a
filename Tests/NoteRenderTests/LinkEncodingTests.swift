import Testing
@testable import NoteRender

/// Link and image destinations are percent-encoded in HTML attributes and in Markdown, so
/// that spaces and other characters that URLs do not allow reach the browser encoded.
@Suite struct LinkEncodingTests {
    @Test(arguments: [
        ("with space.md", "with%20space.md"),
        ("über.md", "%C3%BCber.md"),
        ("a%20b.md", "a%20b.md"),
        ("100%.md", "100%25.md"),
        ("50%2x.md", "50%252x.md"),
        ("a\"b<c>d.md", "a%22b%3Cc%3Ed.md"),
        ("back\\slash`{x}|^.md", "back%5Cslash%60%7Bx%7D%7C%5E.md"),
        ("tab\there.md", "tab%09here.md"),
        ("sub/[draft].md", "sub/%5Bdraft%5D.md"),
        ("page.md#part#two", "page.md#part%23two"),
        ("http://[::1]:8080/a b?q=1&r=(2)#top", "http://[::1]:8080/a%20b?q=1&r=(2)#top"),
        ("https://example.org/~user/x-y_z.html?a=b;c=d,e*f+g!h$i'j@k", "https://example.org/~user/x-y_z.html?a=b;c=d,e*f+g!h$i'j@k"),
        ("", ""),
    ])
    func percentEncoding(_ destination: String, _ expected: String) {
        #expect(LinkPolicy.percentEncoded(destination) == expected)
    }

    @Test func noteLinkWithSpaceInHTML() {
        let page = render("# Links\n\n[j](<with space.md>) and [k](<dir/ü ber.md#a b>).\n").html

        #expect(body(ofPage: page).contains("<a href=\"with%20space.html\">j</a>"))
        #expect(body(ofPage: page).contains("<a href=\"dir/%C3%BC%20ber.html#a%20b\">k</a>"))
    }

    @Test func queryAmpersandIsEscapedOnce() {
        let output = html([.paragraph([.link(destination: "https://example.org/a b?x=1&y=2", title: "", [.text("q")])])])

        #expect(output == "<p><a href=\"https://example.org/a%20b?x=1&amp;y=2\">q</a></p>\n")
    }

    @Test func imageSourceIsEncoded() {
        let output = html([.paragraph([.image(destination: "my image.png", title: "", alt: "i")])])

        #expect(output == "<p><img src=\"my%20image.png\" alt=\"i\"></p>\n")
    }

    @Test func noteLinkWithSpaceInMarkdown() {
        let note = render("# Links\n\n[j](<with space.md>) and ![i](<my image.png>).\n")

        #expect(note.markdown == "# Links\n\n[j](with%20space.md) and ![i](my%20image.png).\n")
    }

    @Test func parenthesesKeepAngleBrackets() {
        let note = render("# Links\n\n[p](<a (1).md>).\n")

        #expect(note.markdown == "# Links\n\n[p](<a%20(1).md>).\n")
    }

    @Test func figureFileNameIsEncoded() {
        let blocks: [PageBlock] = [.figure(Figure(svg: "<svg></svg>", title: "Flip", fileName: "my note-figure-1.svg"))]

        #expect(markdown(blocks) == "![Flip](my%20note-figure-1.svg)")
    }
}
