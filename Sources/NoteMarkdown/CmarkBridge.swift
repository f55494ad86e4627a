import CCmark
import SourceDiagnostics

/// The only place that talks to libcmark. Callers get Swift values, never a C pointer, and
/// every parsed tree is freed before the function that parsed it returns.
enum CmarkBridge {
    /// The deepest nesting of blocks and inlines that is converted; deeper content is
    /// flattened to its text so a pathological note cannot exhaust the stack.
    static let maximumDepth = 200

    /// Parses `text` and returns the scalar ranges of code spans, code blocks and HTML
    /// blocks, where dollars and braces are never math or placeholders.
    static func codeRegions(_ text: String, source: SourceText) -> [Range<Int>] {
        guard let document = parse(text) else { return [] }
        defer { cmark_node_free(document) }
        var regions: [Range<Int>] = []
        var columns = ByteColumnMap(source)
        walk(document) { node in
            let type = cmark_node_get_type(node)
            let startLine = Int(cmark_node_get_start_line(node))
            let endLine = Int(cmark_node_get_end_line(node))
            switch type {
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                // Whole lines, because a block's start column is not where its text starts.
                let start = startLine >= 1 && startLine <= source.lineStarts.count ? source.lineStarts[startLine - 1] : source.count
                let end = endLine < source.lineStarts.count ? source.lineStarts[endLine] : source.count
                if start < end { regions.append(start..<end) }
            case CMARK_NODE_LINK where isAutolink(node):
                let start = columns.offset(line: startLine, byteColumn: Int(cmark_node_get_start_column(node)))
                let end = columns.offset(line: endLine, endByteColumn: Int(cmark_node_get_end_column(node)))
                if start < end { regions.append(start..<end) }
            case CMARK_NODE_CODE:
                // Inline HTML is not a region: Pandoc lets math contain `<`, and a token that
                // lands in raw HTML is put back as text by `restore`.
                let start = columns.offset(line: startLine, byteColumn: Int(cmark_node_get_start_column(node)))
                let end = columns.offset(line: endLine, endByteColumn: Int(cmark_node_get_end_column(node)))
                if start < end { regions.append(start..<end) }
            default:
                break
            }
        }
        return merged(regions)
    }

    /// Parses protected text into blocks. `convert` maps a text node's string to inlines
    /// (splitting out tokens), `restore` puts original text back where tokens cannot
    /// stand (code, URLs), and `location` maps a protected line to the note's line.
    static func blocks(
        _ text: String, convert: @escaping (String) -> [Inline], restore: @escaping (String) -> String,
        noteLine: @escaping (Int) -> Int, lineText: @escaping (Int) -> String
    ) -> [Block] {
        guard let document = parse(text) else { return [] }
        defer { cmark_node_free(document) }
        // Only pipe tables need the protected lines, so most notes never split them.
        let protectedLines = LazyLines(text)
        let converter = TreeConverter(convert: convert, restore: restore, noteLine: noteLine, lineText: lineText,
                                      protectedLine: { protectedLines.line($0) })
        return converter.children(of: document, depth: 0)
    }

    /// Parses one table cell's text as inline Markdown.
    fileprivate static func cellInlines(_ text: String, converter: TreeConverter) -> [Inline] {
        guard let document = parse(text) else { return [.text(text)] }
        defer { cmark_node_free(document) }
        guard let paragraph = cmark_node_first_child(document), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              cmark_node_next(paragraph) == nil else {
            return text.isEmpty ? [] : converter.convert(text)
        }
        return converter.inlines(of: paragraph, depth: 1)
    }

    private static func parse(_ text: String) -> OpaquePointer? {
        var copy = text
        return copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                cmark_parse_document(characters.baseAddress, characters.count, CMARK_OPT_SOURCEPOS)
            }
        }
    }

    /// Calls `visit` on every node, iteratively, so that depth never grows the stack.
    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    /// Whether a link is an autolink, `<https://…>`: its only text is its destination.
    private static func isAutolink(_ node: OpaquePointer) -> Bool {
        guard let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(child), let url = cmark_node_get_url(node) else { return false }
        let text = String(cString: literal)
        let destination = String(cString: url)
        return text == destination || "mailto:" + text == destination
    }

    private static func merged(_ regions: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for region in regions.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, region.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, region.upperBound)
            } else {
                result.append(region)
            }
        }
        return result
    }
}

/// Converts cmark nodes to `Block` and `Inline` values.
private struct TreeConverter {
    let convert: (String) -> [Inline]
    let restore: (String) -> String
    let noteLine: (Int) -> Int
    let lineText: (Int) -> String
    /// A line of the protected text that cmark parsed, 1-based.
    let protectedLine: (Int) -> String

    func children(of node: OpaquePointer, depth: Int) -> [Block] {
        var blocks: [Block] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            if let block = block(current, depth: depth + 1) { blocks.append(block) }
            child = cmark_node_next(current)
        }
        return blocks
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func location(_ node: OpaquePointer) -> SourceLocation {
        SourceLocation(line: noteLine(Int(cmark_node_get_start_line(node))), column: Int(cmark_node_get_start_column(node)))
    }

    private func block(_ node: OpaquePointer, depth: Int) -> Block? {
        if depth > CmarkBridge.maximumDepth {
            return .paragraph([.text(plainText(node))], location(node))
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            if let table = table(node) { return table }
            return .paragraph(inlines(of: node, depth: depth), location(node))
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node, depth: depth), location(node))
        case CMARK_NODE_CODE_BLOCK:
            return codeBlock(node)
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(restore(literal(node)), location(node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(children(of: node, depth: depth))
        case CMARK_NODE_LIST:
            var items: [[Block]] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                items.append(children(of: current, depth: depth + 1))
                item = cmark_node_next(current)
            }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0, items: items)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        default:
            return nil
        }
    }

    /// Converts a code block with each content line located in the note. A fenced block
    /// spans more lines than its content (the fences), and its content starts one line
    /// after the opening fence; an indented block spans exactly its content lines.
    private func codeBlock(_ node: OpaquePointer) -> Block {
        let info = restore(cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "")
        let content = restore(literal(node))
        let start = location(node)
        var lines: [LocatedLine] = []
        var contentLines = content.pieces(separatedBy: UInt8(ascii: "\n")).map(String.init)
        if contentLines.last == "" { contentLines.removeLast() }
        let spannedLines = Int(cmark_node_get_end_line(node)) - Int(cmark_node_get_start_line(node)) + 1
        let firstLine = spannedLines > contentLines.count ? start.line + 1 : start.line
        for (offset, text) in contentLines.enumerated() {
            let number = firstLine + offset
            var original = lineText(number)
            if original.hasSuffix("\r") { original.removeLast() }
            let column = max(1, original.unicodeScalarCount - text.unicodeScalarCount + 1)
            lines.append(LocatedLine(text: text, location: SourceLocation(line: number, column: column)))
        }
        return .codeBlock(info: info, literal: content, lines: lines, start)
    }

    /// A paragraph whose lines form a pipe table, as a table.
    private func table(_ node: OpaquePointer) -> Block? {
        let first = Int(cmark_node_get_start_line(node))
        let last = Int(cmark_node_get_end_line(node))
        guard last > first, last - first < 10_000 else { return nil }
        let lines = (first...last).map(protectedLine)
        guard let parsed = PipeTable.parse(lines) else { return nil }
        let cell = { (text: String) in CmarkBridge.cellInlines(text, converter: self) }
        return .table(alignments: parsed.alignments, header: parsed.header.map(cell), rows: parsed.rows.map { $0.map(cell) })
    }

    func inlines(of node: OpaquePointer, depth: Int) -> [Inline] {
        var result: [Inline] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result += inline(current, depth: depth + 1)
            child = cmark_node_next(current)
        }
        return result
    }

    private func inline(_ node: OpaquePointer, depth: Int) -> [Inline] {
        if depth > CmarkBridge.maximumDepth { return [.text(plainText(node))] }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            return convert(literal(node))
        case CMARK_NODE_SOFTBREAK:
            return [.softBreak]
        case CMARK_NODE_LINEBREAK:
            return [.lineBreak]
        case CMARK_NODE_CODE:
            return [.code(restore(literal(node)))]
        case CMARK_NODE_HTML_INLINE:
            return [.html(restore(literal(node)))]
        case CMARK_NODE_EMPH:
            return [.emphasis(inlines(of: node, depth: depth))]
        case CMARK_NODE_STRONG:
            return [.strong(inlines(of: node, depth: depth))]
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let destination = restore(cmark_node_get_url(node).map { String(cString: $0) } ?? "")
            let title = restore(cmark_node_get_title(node).map { String(cString: $0) } ?? "")
            let content = inlines(of: node, depth: depth)
            return cmark_node_get_type(node) == CMARK_NODE_LINK
                ? [.link(destination: destination, title: title, content)]
                : [.image(destination: destination, title: title, content)]
        default:
            return []
        }
    }

    /// The text of a subtree, collected iteratively, for content nested too deeply.
    private func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator),
               let literal = cmark_node_get_literal(current) {
                text += restore(String(cString: literal)) + " "
            }
        }
        return text
    }
}

/// The lines of a text, split at LF, CRLF and CR as cmark splits them, on first use.
private final class LazyLines {
    private let text: String
    private var lines: [String]?

    init(_ text: String) {
        self.text = text
    }

    /// Returns line `number`, counted from 1, without its line break, or "" past the end.
    func line(_ number: Int) -> String {
        let all = lines ?? text.splitAtLineEnds()
        lines = all
        return number >= 1 && number <= all.count ? all[number - 1] : ""
    }
}
