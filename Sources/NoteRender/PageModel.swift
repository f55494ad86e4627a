import NoteMarkdown

/// A note ready to write: every formula resolved to TeX and MathML, every directive
/// expanded. The HTML and the Markdown writer both render this model.
public indirect enum PageBlock: Sendable {
    case paragraph([PageInline])
    case heading(level: Int, [PageInline], anchor: String)
    case code(info: String, literal: String)
    /// A spec block: its source and what it resolved to.
    case spec(SpecCard)
    case displayMath(Formula)
    case quote([PageBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[PageBlock]])
    case table(alignments: [TableAlignment], header: [[PageInline]], rows: [[[PageInline]]])
    case figure(Figure)
    case rule
    /// Raw HTML from the note, which pages leave out.
    case rawHTML(String)
}

/// An inline element of a page.
public indirect enum PageInline: Sendable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case emphasis([PageInline])
    case strong([PageInline])
    case link(destination: String, title: String, [PageInline])
    case image(destination: String, title: String, alt: String)
    case math(Formula)
    /// Raw HTML from the note, which pages leave out.
    case rawHTML(String)
}

/// A formula as TeX (for Markdown) and MathML (for HTML).
public struct Formula: Sendable {
    public var tex: String
    public var mathML: String
    public var display: Bool
}
