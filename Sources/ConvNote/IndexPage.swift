import NoteRender

/// `output/index.html`: every note with its title and summary.
enum IndexPage {
    static func html(_ entries: [(stem: String, title: String, summary: String)], generator: String) -> String {
        var body = "<h1 id=\"notes\">Notes</h1>\n<ul class=\"note-index\">\n"
        for entry in entries {
            body += "<li><a href=\"\(escape(percentEncoded(entry.stem + ".html")))\">\(escape(entry.title))</a>"
            if !entry.summary.isEmpty { body += "<br>\n<span class=\"summary\">\(escape(entry.summary))</span>" }
            body += "</li>\n"
        }
        body += "</ul>\n"
        return NoteRenderer.page(title: "Notes", summary: "", body: body, generator: generator)
    }

    /// Percent-encodes a relative path for a link, keeping `/` between its segments, so that
    /// a note named `x#1.md` or `what?.md` links to its own page.
    static func percentEncoded(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/".contains(character) {
                encoded.append(character)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    private static func escape(_ text: String) -> String {
        NoteRenderer.escapeHTML(text)
    }
}
