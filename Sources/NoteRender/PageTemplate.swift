/// The standalone HTML page around a note: typography, dark mode and print styles, and no
/// script of any kind.
enum PageTemplate {
    static func page(title: String, summary: String, body: String, generator: String) -> String {
        // The body is most of the page, so the page is sized once and each piece appended
        // in place, without an interpolated copy of the body.
        var page = ""
        page.reserveCapacity(body.utf8.count + stylesheet.utf8.count + title.utf8.count + summary.utf8.count + 512)
        page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\""
        page += HTMLEscaping.text(generator)
        page += "\">\n"
        if !summary.isEmpty {
            page += "<meta name=\"description\" content=\""
            page += HTMLEscaping.text(summary)
            page += "\">\n"
        }
        page += "<title>"
        page += HTMLEscaping.text(title)
        page += "</title>\n<style>\n"
        page += stylesheet
        page += "</style>\n</head>\n<body>\n<main class=\"note\">\n"
        page += body
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    static let stylesheet = """
    :root { color-scheme: light dark; --text: #1d1d1f; --muted: #5f6368; --background: #fdfdfc;
      --code-background: #f3f3f1; --border: #d9d9d6; --accent: #2557a7; }
    @media (prefers-color-scheme: dark) {
      :root { --text: #e8e8e6; --muted: #a0a4a8; --background: #161718; --code-background: #232427;
        --border: #3a3b3e; --accent: #8ab4f8; }
    }
    html { font-size: 100%; }
    body { margin: 0; background: var(--background); color: var(--text);
      font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif; line-height: 1.6; }
    .note { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1 { font-size: 2rem; margin-top: 0.5rem; }
    a { color: var(--accent); }
    a.anchor { visibility: hidden; text-decoration: none; color: var(--muted); font-weight: normal; }
    h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor { visibility: visible; }
    code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
    code { background: var(--code-background); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
    /* A formula cannot wrap, so a paragraph with one wider than a phone scrolls sideways. */
    .note p { overflow-x: auto; overflow-y: hidden; padding: 0.15em 0 0.25em; }
    .note li > span.item { display: block; overflow-x: auto; overflow-y: hidden; padding-bottom: 0.2em; }
    pre { background: var(--code-background); padding: 0.9rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
    pre code { background: none; padding: 0; overflow-wrap: normal; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--border); color: var(--muted); }
    math { font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", "Libertinus Math", "STIX Math", "DejaVu Math TeX Gyre", math; font-size: 1.05em; }
    .display-math { overflow-x: auto; overflow-y: hidden; margin: 1rem 0; padding: 0.25rem 0; }
    math[display="block"] { margin: 0; }
    figure.spec { margin: 1.5rem 0; border: 1px solid var(--border); border-radius: 6px; overflow-x: auto; }
    figure.spec figcaption { padding: 0.5rem 1rem; font-size: 0.9rem; color: var(--muted);
      border-bottom: 1px solid var(--border); }
    figure.spec .spec-name { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: bold; color: var(--text); }
    figure.spec pre { margin: 0; border-radius: 0; }
    table.spec-table { border: none; margin: 0; width: 100%; font-size: 0.9rem; }
    table.spec-table th, table.spec-table td { border: none; border-top: 1px solid var(--border); padding: 0.3rem 1rem; }
    table.spec-table th { width: 6rem; font-weight: normal; color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; }
    .table { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; font-size: 0.92rem; }
    th, td { border: 1px solid var(--border); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
    nav.contents { margin: 1rem 0 2rem; padding: 0.75rem 1rem; border: 1px solid var(--border); border-radius: 6px; font-size: 0.95rem; }
    nav.contents .contents-title { margin: 0 0 0.25rem; font-weight: bold; }
    nav.contents ul { margin: 0; padding-left: 1.2rem; }
    nav.contents li.level-3 { margin-left: 1rem; }
    hr { border: none; border-top: 1px solid var(--border); margin: 2rem 0; }
    img { max-width: 100%; }
    figure.drawing { margin: 1.25rem 0; }
    figure.drawing svg { max-width: 100%; height: auto; }
    figure.drawing figcaption { font-size: 0.9rem; color: var(--muted); }
    @media print {
      body { background: white; color: black; }
      .note { max-width: none; padding: 0; }
      a.anchor { display: none; }
      pre, .display-math, .table { overflow: visible; white-space: pre-wrap; }
    }

    """
}
