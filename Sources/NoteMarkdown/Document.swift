import SourceDiagnostics

/// A block of a note, converted from cmark's tree so that no caller sees a C pointer.
public indirect enum Block: Sendable {
    case paragraph([Inline], SourceLocation)
    case heading(level: Int, [Inline], SourceLocation)
    /// A fenced or indented code block. `lines` are its content lines with their positions
    /// in the note; `info` is the fence's info string.
    case codeBlock(info: String, literal: String, lines: [LocatedLine], SourceLocation)
    case htmlBlock(String, SourceLocation)
    case blockQuote([Block])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
    /// A GitHub pipe table: one alignment per column, the header cells and the body rows.
    case table(alignments: [TableAlignment], header: [[Inline]], rows: [[[Inline]]])
    case thematicBreak
}

/// How a table column is aligned, from the colons of its delimiter row.
public enum TableAlignment: Sendable, Equatable {
    case none, left, center, right
}

/// An inline element of a paragraph or heading.
public indirect enum Inline: Sendable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline])
    case image(destination: String, title: String, [Inline])
    /// A `$...$` or `$$...$$` span, by index into `MarkdownNote.maths`.
    case math(Int)
    /// A `{{ ... }}` placeholder in prose, by index into `MarkdownNote.placeholders`.
    case placeholder(Int)
}

/// One line of a code block and the location of its first character in the note.
public struct LocatedLine: Sendable {
    public var text: String
    public var location: SourceLocation
}

/// A TeX formula as the note wrote it, without its dollar signs.
public struct MathSpan: Sendable {
    public var tex: LocatedText
    public var display: Bool
    /// The location of the opening `$`.
    public var location: SourceLocation
    /// The `{{ ... }}` placeholders inside the formula.
    public var placeholders: [PlaceholderSpan]
}

/// A `{{ ... }}` placeholder: its content without the braces, trimmed, and where it stands.
public struct PlaceholderSpan: Sendable {
    public var content: LocatedText
    public var location: SourceLocation
    /// Where the placeholder sits inside its formula's TeX, in Unicode scalars, including
    /// the braces; nil in prose.
    public var texRange: Range<Int>?
}

/// A parsed note: front matter, blocks, and the math and placeholders taken out of the text
/// before cmark ran.
public struct MarkdownNote: Sendable {
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    public var maths: [MathSpan]
    public var placeholders: [PlaceholderSpan]
    /// The note's lines, for diagnostics that quote their source line.
    public var lines: [String]
}
