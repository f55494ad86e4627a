import NoteMarkdown

/// Writes page blocks as HTML. Raw HTML from notes is left out, links with a script
/// scheme are dropped, and relative links to `.md` notes point to their `.html` pages.
struct HTMLWriter {
    private(set) var output = ""
    /// Whether raw HTML from the note is written as it is; by default it is left out, so a
    /// note cannot inject markup or script into its page.
    var allowsRawHTML = false

    /// Starts with room for 256 KiB of HTML. A page is mostly MathML and often tens of
    /// kilobytes long, and growing the string from empty copies it a dozen times.
    init() {
        output.reserveCapacity(1 << 18)
    }

    mutating func write(_ blocks: [PageBlock]) {
        for block in blocks { write(block) }
    }

    /// The smallest number of section headings (levels 2 and 3) for which a page gets a
    /// table of contents.
    static let contentsThreshold = 4

    /// Writes a table of contents linking the top-level section headings, when there are
    /// enough of them to need one.
    mutating func writeContents(of blocks: [PageBlock]) {
        let sections = blocks.compactMap { block -> (level: Int, title: [PageInline], anchor: String)? in
            guard case .heading(let level, let title, let anchor) = block, level == 2 || level == 3 else { return nil }
            return (level, title, anchor)
        }
        guard sections.count >= Self.contentsThreshold else { return }
        output += "<nav class=\"contents\" aria-label=\"Contents\">\n<p class=\"contents-title\">Contents</p>\n<ul>\n"
        for section in sections {
            output += "<li class=\"level-\(section.level)\"><a href=\"#\(HTMLEscaping.text(section.anchor))\">"
            write(section.title)
            output += "</a></li>\n"
        }
        output += "</ul>\n</nav>\n"
    }

    private mutating func write(_ block: PageBlock) {
        switch block {
        case .paragraph(let inlines):
            output += "<p>"
            write(inlines)
            output += "</p>\n"
        case .heading(let level, let inlines, let anchor):
            output += "<h\(level) id=\"\(HTMLEscaping.text(anchor))\">"
            write(inlines)
            output += " <a class=\"anchor\" href=\"#\(HTMLEscaping.text(anchor))\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        case .code(let info, let literal):
            let language = info.split(separator: " ").first.map { " class=\"language-\(HTMLEscaping.text(String($0)))\"" } ?? ""
            output += "<pre><code\(language)>\(HTMLEscaping.text(literal))</code></pre>\n"
        case .spec(let card):
            output += "<figure class=\"spec\" id=\"\(HTMLEscaping.text(card.anchor))\">\n"
            output += "<figcaption><span class=\"spec-name\">\(HTMLEscaping.text(card.name))</span> \(HTMLEscaping.text(card.status))</figcaption>\n"
            output += "<pre><code class=\"language-conv\">\(HTMLEscaping.text(card.literal))</code></pre>\n"
            if !card.rows.isEmpty {
                output += "<table class=\"spec-table\">\n"
                for row in card.rows {
                    output += "<tr><th scope=\"row\">\(HTMLEscaping.text(row.label))</th><td>"
                    write(row.value)
                    output += "</td></tr>\n"
                }
                output += "</table>\n"
            }
            output += "</figure>\n"
        case .displayMath(let formula):
            output += "<div class=\"display-math\">\(formula.mathML)</div>\n"
        case .quote(let children):
            output += "<blockquote>\n"
            write(children)
            output += "</blockquote>\n"
        case .list(let ordered, let start, let tight, let items):
            let tag = ordered ? "ol" : "ul"
            output += ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n"
            for item in items {
                output += "<li>"
                writeItem(item, tight: tight)
                output += "</li>\n"
            }
            output += "</\(tag)>\n"
        case .table(let alignments, let header, let rows):
            output += "<div class=\"table\"><table>\n<thead><tr>"
            for (column, cell) in header.enumerated() {
                output += "<th\(alignmentStyle(alignments, column))>"
                write(cell)
                output += "</th>"
            }
            output += "</tr></thead>\n<tbody>\n"
            for row in rows {
                output += "<tr>"
                for (column, cell) in row.enumerated() {
                    output += "<td\(alignmentStyle(alignments, column))>"
                    write(cell)
                    output += "</td>"
                }
                output += "</tr>\n"
            }
            output += "</tbody>\n</table></div>\n"
        case .figure(let figure):
            output += "<figure class=\"drawing\">\n\(figure.svg)\n<figcaption>\(HTMLEscaping.text(figure.title))</figcaption>\n</figure>\n"
        case .rule:
            output += "<hr>\n"
        case .rawHTML(let html):
            output += allowsRawHTML ? html : "<!-- raw HTML omitted -->\n"
        }
    }

    private func alignmentStyle(_ alignments: [TableAlignment], _ column: Int) -> String {
        guard column < alignments.count else { return "" }
        switch alignments[column] {
        case .none: return ""
        case .left: return " style=\"text-align: left\""
        case .center: return " style=\"text-align: center\""
        case .right: return " style=\"text-align: right\""
        }
    }

    /// Writes a list item's blocks. In a tight list, paragraphs lose their `<p>`, as
    /// CommonMark specifies.
    private mutating func writeItem(_ blocks: [PageBlock], tight: Bool) {
        for (index, block) in blocks.enumerated() {
            if tight, case .paragraph(let inlines) = block {
                // A span that can scroll sideways, for formulas wider than a phone; the item
                // itself cannot scroll without hiding its bullet.
                if index > 0 { output += "\n" }
                output += "<span class=\"item\">"
                write(inlines)
                output += "</span>"
            } else {
                if index == 0 || tight { output += "\n" }
                write(block)
            }
        }
    }

    private mutating func write(_ inlines: [PageInline]) {
        for inline in inlines { write(inline) }
    }

    private mutating func write(_ inline: PageInline) {
        switch inline {
        case .text(let text):
            output += HTMLEscaping.text(text)
        case .softBreak:
            output += "\n"
        case .lineBreak:
            output += "<br>\n"
        case .code(let code):
            output += "<code>\(HTMLEscaping.text(code))</code>"
        case .emphasis(let children):
            output += "<em>"
            write(children)
            output += "</em>"
        case .strong(let children):
            output += "<strong>"
            write(children)
            output += "</strong>"
        case .link(let destination, let title, let children):
            guard let href = LinkPolicy.safeDestination(destination, rewriteNotes: true) else {
                write(children)
                return
            }
            output += "<a href=\"\(HTMLEscaping.text(LinkPolicy.percentEncoded(href)))\""
            if !title.isEmpty { output += " title=\"\(HTMLEscaping.text(title))\"" }
            output += ">"
            write(children)
            output += "</a>"
        case .image(let destination, let title, let alt):
            guard let source = LinkPolicy.safeDestination(destination, rewriteNotes: false) else {
                output += HTMLEscaping.text(alt)
                return
            }
            output += "<img src=\"\(HTMLEscaping.text(LinkPolicy.percentEncoded(source)))\" alt=\"\(HTMLEscaping.text(alt))\""
            if !title.isEmpty { output += " title=\"\(HTMLEscaping.text(title))\"" }
            output += ">"
        case .math(let formula):
            output += formula.mathML
        case .rawHTML(let html):
            output += allowsRawHTML ? html : "<!-- raw HTML omitted -->"
        }
    }
}

/// The rules for link destinations: which a page may carry, and how links between notes
/// are rewritten.
enum LinkPolicy {
    /// Returns the destination to write, or nil for a script or file scheme.
    static func safeDestination(_ destination: String, rewriteNotes: Bool) -> String? {
        let lowered = destination.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControl }
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
            let isImageData = scheme == "data:" && !rewriteNotes
                && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
            if !isImageData { return nil }
        }
        guard rewriteNotes, !lowered.contains(":") else { return destination }
        return noteLinkAsPage(destination)
    }

    /// Percent-encodes, as UTF-8 bytes, every character that RFC 3986 does not allow in a URL:
    /// spaces, control and non-ASCII characters, the ASCII characters " < > \ ^ ` { | }, a `#`
    /// after the first, and `[` or `]` outside the host of an absolute URL. A `%` that starts
    /// a valid `%XX` escape is kept, so a destination the note already encoded stays as it is.
    static func percentEncoded(_ destination: String) -> String {
        let bytes = Array(destination.utf8)
        let hostRange = authorityRange(bytes)
        var result = ""
        var seenFragment = false
        for (index, byte) in bytes.enumerated() {
            let isKept: Bool
            switch byte {
            case UInt8(ascii: "%"):
                isKept = index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
            case UInt8(ascii: "#"):
                isKept = !seenFragment
                seenFragment = true
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                isKept = hostRange?.contains(index) ?? false
            default:
                isKept = byte < 0x80 && allowedBytes[Int(byte)]
            }
            if isKept {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// The ASCII bytes RFC 3986 allows anywhere in a URL: unreserved characters and the
    /// delimiters other than `%`, `#`, `[` and `]`, which `percentEncoded` checks by position.
    private static let allowedBytes: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "-._~:/?@!$&'()*+,;=".unicodeScalars.contains(scalar)
    }

    /// Returns the byte offsets of the authority in `scheme://authority/...`, or nil when the
    /// destination has none.
    private static func authorityRange(_ bytes: [UInt8]) -> Range<Int>? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              bytes[..<colon].allSatisfy({ isSchemeByte($0) }),
              bytes.count >= colon + 3, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else {
            return nil
        }
        let start = colon + 3
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return start..<(end ?? bytes.count)
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        let scalar = Unicode.Scalar(byte)
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "+" || scalar == "-" || scalar == "."
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        let scalar = Unicode.Scalar(byte)
        return ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// Rewrites `other.md` and `other.md#part` to `other.html` and `other.html#part`.
    static func noteLinkAsPage(_ destination: String) -> String {
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = parts.first, path.hasSuffix(".md") else { return destination }
        let page = path.dropLast(3) + ".html"
        return parts.count == 2 ? page + "#" + parts[1] : String(page)
    }
}

extension String {
    /// Returns the string with zeros in front, up to `length` characters.
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

extension Character {
    var isASCIIControl: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii < 0x20 || ascii == 0x7F
    }
}
