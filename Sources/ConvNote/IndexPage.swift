import NoteRender

/// `output/index.html`: every note with its title and summary.
enum IndexPage {
    static func html(_ entries: [(stem: String, title: String, summary: String)], generator: String) -> String {
        var body = "<h1 id=\"notes\">Notes</h1>\n<ul class=\"note-index\">\n"
        for entry in entries {
            body += "<li><a href=\"\(escape(entry.stem)).html\">\(escape(entry.title))</a>"
            if !entry.summary.isEmpty { body += "<br>\n<span class=\"summary\">\(escape(entry.summary))</span>" }
            body += "</li>\n"
        }
        body += "</ul>\n"
        return NoteRenderer.page(title: "Notes", summary: "", body: body, generator: generator)
    }

    private static func escape(_ text: String) -> String {
        NoteRenderer.escapeHTML(text)
    }
}
