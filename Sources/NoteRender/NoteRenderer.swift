import NoteMarkdown
import SourceDiagnostics

/// A note rendered to both outputs.
public struct RenderedNote: Sendable, Codable {
    public var html: String
    public var markdown: String
    public var title: String
    public var summary: String
    public var diagnostics: [Diagnostic]
    /// Relative links to other notes (`other.md`, `sub/other.md#part`), for checking that
    /// their targets exist.
    public var noteLinks: [NoteLink] = []
    /// The figures' SVG documents, written beside the Markdown file that links them.
    public var figures: [Figure] = []
}

/// A link from a note to another note, and where the note writes it.
public struct NoteLink: Sendable, Codable, Equatable {
    public var destination: String
    public var location: SourceLocation
}

/// Renders a parsed note with its analysed spec blocks into an HTML page and GitHub Markdown.
public struct NoteRenderer: Sendable {
    /// Written into each page's generator meta tag.
    public var generator: String

    /// Whether raw HTML in notes reaches the outputs (`--allow-raw-html`).
    public var allowsRawHTML: Bool

    public init(generator: String, allowsRawHTML: Bool = false) {
        self.generator = generator
        self.allowsRawHTML = allowsRawHTML
    }

    /// Renders a note. `specs` lists the outcome of every spec block in document order,
    /// with the line each block starts on.
    public func render(_ note: MarkdownNote, specs: [(outcome: SpecOutcome, line: Int)], fileStem: String = "note") -> RenderedNote {
        var resolver = NoteResolver(note: note, specs: specs, fileStem: fileStem)
        let blocks = resolver.resolve()

        // An empty title counts as none, and the front matter parser warns about it.
        let frontMatterTitle = nonBlank(note.frontMatter.value("title"))
        let title = frontMatterTitle ?? nonBlank(firstHeading(blocks)) ?? fileStem
        let summary = note.frontMatter.value("summary") ?? ""

        var html = HTMLWriter()
        html.allowsRawHTML = allowsRawHTML
        if frontMatterTitle != nil, firstHeading(blocks) == nil {
            html.write([.heading(level: 1, [.text(title)], anchor: PageAnchors.unused("title", in: blocks))])
        }
        // The contents go after the title, which is the first block when the note has one.
        let leading = blocks.first.map { block -> Int in
            if case .heading(1, _, _) = block { return 1 }
            return 0
        } ?? 0
        html.write(Array(blocks.prefix(leading)))
        html.writeContents(of: blocks)
        html.write(Array(blocks.dropFirst(leading)))
        var markdown = MarkdownWriter()
        markdown.allowsRawHTML = allowsRawHTML
        markdown.write(blocks)

        return RenderedNote(
            html: PageTemplate.page(title: title, summary: summary, body: html.output, generator: generator),
            markdown: markdown.output + "\n",
            title: title, summary: summary, diagnostics: resolver.diagnostics, noteLinks: resolver.noteLinks,
            figures: resolver.figures)
    }

    private func firstHeading(_ blocks: [PageBlock]) -> String? {
        for block in blocks {
            if case .heading(1, let inlines, _) = block { return PlainText.of(inlines) }
        }
        return nil
    }

    /// Returns the text, or nil when it is empty or only white space.
    private func nonBlank(_ text: String?) -> String? {
        text.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
    }
}

extension NoteRenderer {
    /// Wraps a body in the standard page, for pages that are not notes, such as the index.
    public static func page(title: String, summary: String, body: String, generator: String) -> String {
        PageTemplate.page(title: title, summary: summary, body: body, generator: generator)
    }

    /// Escapes text for HTML content or a double-quoted attribute.
    public static func escapeHTML(_ text: String) -> String {
        HTMLEscaping.text(text)
    }
}
