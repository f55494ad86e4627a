import SourceDiagnostics

// Public initializers for the rendered-note types, so that a note read back from a build
// cache in another module can be put together again without decoding JSON. The memberwise
// initializers that Swift synthesizes are internal to this module.

extension RenderedNote {
    /// Creates a rendered note without diagnostics and with empty pages and figures' SVG, for
    /// a caller that keeps the pages as bytes elsewhere.
    public init(title: String, summary: String, noteLinks: [NoteLink], figures: [Figure]) {
        self.init(html: "", markdown: "", title: title, summary: summary, diagnostics: [], noteLinks: noteLinks, figures: figures)
    }
}

extension NoteLink {
    public init(_ destination: String, at location: SourceLocation) {
        self.init(destination: destination, location: location)
    }
}

extension Figure {
    /// Creates a figure whose SVG is empty.
    public init(title: String, fileName: String) {
        self.init(svg: "", title: title, fileName: fileName)
    }
}
