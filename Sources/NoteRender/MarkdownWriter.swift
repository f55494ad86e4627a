import SourceDiagnostics
import NoteMarkdown

/// Writes page blocks as GitHub-flavored Markdown: inline math as $`...`$, display math as
/// ```math fences, spec blocks as code, generated tables as pipe tables.
struct MarkdownWriter {
    private(set) var output = ""
    /// Whether raw HTML from the note is written as it is, as in `HTMLWriter`.
    var allowsRawHTML = false

    mutating func write(_ blocks: [PageBlock]) {
        output = render(blocks, tight: false)
    }

    private func render(_ blocks: [PageBlock], tight: Bool) -> String {
        var previousList: (ordered: Bool, alternate: Bool)?
        var parts: [String] = []
        for block in blocks {
            if case .list(let ordered, let start, let isTight, let items) = block {
                // Two lists in a row need different markers, or Markdown reads them as one.
                let alternate = previousList.map { $0.ordered == ordered && !$0.alternate } ?? false
                parts.append(list(ordered: ordered, start: start, tight: isTight, items: items, alternate: alternate))
                previousList = (ordered, alternate)
            } else {
                parts.append(render(block))
                previousList = nil
            }
        }
        return parts.joined(separator: tight ? "\n" : "\n\n")
    }

    private func list(ordered: Bool, start: Int, tight: Bool, items: [[PageBlock]], alternate: Bool) -> String {
        items.enumerated().map { index, item in
            let delimiter = alternate ? ")" : "."
            let marker = ordered ? "\(start + index)\(delimiter) " : (alternate ? "* " : "- ")
            let indent = String(repeating: " ", count: marker.count)
            return prefixLines(render(item, tight: tight), first: marker, rest: indent)
        }.joined(separator: tight ? "\n" : "\n\n")
    }

    private func render(_ block: PageBlock) -> String {
        switch block {
        case .paragraph(let inlines):
            return paragraphs(inlines)
        case .heading(let level, let inlines, _):
            return String(repeating: "#", count: level) + " " + render(inlines).replacingNewlines(with: " ")
        case .code(let info, let literal):
            return fence(info: info, literal: literal)
        case .spec(let card):
            var text = fence(info: "conv \(card.name)", literal: card.literal) + "\n\n*" + escape(card.name) + ": " + escape(card.status) + "*"
            if !card.rows.isEmpty {
                text += "\n\n" + render(.table(alignments: [.none, .none], header: [[.text("input")], [.text("value")]],
                                              rows: card.rows.map { [[.text($0.label)], $0.value] }))
            }
            return text
        case .displayMath(let formula):
            return fence(info: "math", literal: formula.tex)
        case .quote(let children):
            return prefixLines(render(children, tight: false), first: "> ", rest: "> ")
        case .list(let ordered, let start, let tight, let items):
            return list(ordered: ordered, start: start, tight: tight, items: items, alternate: false)
        case .table(let alignments, let header, let rows):
            let delimiters = header.indices.map { column -> String in
                switch column < alignments.count ? alignments[column] : .none {
                case .none: return " --- "
                case .left: return " :-- "
                case .center: return " :-: "
                case .right: return " --: "
                }
            }
            var lines = [tableRow(header), "|" + delimiters.joined(separator: "|") + "|"]
            for row in rows { lines.append(tableRow(row)) }
            return lines.joined(separator: "\n")
        case .figure(let figure):
            return "![" + escape(figure.title) + "](" + linkDestination(LinkPolicy.percentEncoded(figure.fileName)) + ")"
        case .rule:
            return "---"
        case .rawHTML(let html):
            return allowsRawHTML ? html.trimmingSpace : "<!-- raw HTML omitted -->"
        }
    }

    /// Writes one table row. Text is already escaped, so only the pipes that code spans and
    /// math leave bare need a backslash, as GitHub reads `\|` inside them as a pipe.
    private func tableRow(_ cells: [[PageInline]]) -> String {
        "| " + cells.map { cell in
            let text = render(cell)
            // Most cells hold neither a pipe nor a line break and are kept as they are.
            guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { return text }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(text.utf8.count + 8)
            var previousWasBackslash = false
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\n") {
                    escaped.append(UInt8(ascii: " "))
                    previousWasBackslash = false
                    continue
                }
                if byte == UInt8(ascii: "|"), !previousWasBackslash { escaped.append(UInt8(ascii: "\\")) }
                previousWasBackslash = byte == UInt8(ascii: "\\") && !previousWasBackslash
                escaped.append(byte)
            }
            return String(decoding: escaped, as: UTF8.self)
        }.joined(separator: " | ") + " |"
    }

    /// Writes a paragraph, split where display math sits inside it, because a math fence
    /// must be a block of its own.
    private func paragraphs(_ inlines: [PageInline]) -> String {
        var parts: [String] = []
        var current: [PageInline] = []
        for inline in inlines {
            if case .math(let formula) = inline, formula.display {
                let text = render(current).trimmingSpace
                if !text.isEmpty { parts.append(text) }
                parts.append(fence(info: "math", literal: formula.tex))
                current = []
            } else {
                current.append(inline)
            }
        }
        let text = render(current).trimmingSpace
        if !text.isEmpty { parts.append(text) }
        return parts.map(protectLineStarts).joined(separator: "\n\n")
    }

    /// Escapes what would turn a paragraph line into a list item, heading underline or
    /// thematic break: a leading `-`, `+`, `=`, or a number followed by `.` or `)`.
    private func protectLineStarts(_ text: String) -> String {
        guard !text.hasPrefix("```") else { return text }
        let escapes = lineStartEscapes(text)
        guard !escapes.isEmpty else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + escapes.count)
        var next = 0
        for (offset, byte) in text.utf8.enumerated() {
            if next < escapes.count, escapes[next] == offset {
                bytes.append(UInt8(ascii: "\\"))
                next += 1
            }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns the byte offsets that `protectLineStarts` escapes with a backslash, in order. Most
    /// paragraphs have none and are then kept as they are.
    private func lineStartEscapes(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var escapes: [Int] = []
            var atLineStart = true
            var pendingDigits = 0
            for offset in bytes.indices {
                let byte = bytes[offset]
                if atLineStart {
                    if byte == UInt8(ascii: " ") && pendingDigits == 0 { continue }
                    if pendingDigits == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "=") {
                        escapes.append(offset)
                    } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                        pendingDigits += 1
                        continue
                    } else if pendingDigits > 0, byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")") {
                        escapes.append(offset)
                    }
                    atLineStart = false
                    pendingDigits = 0
                }
                if byte == UInt8(ascii: "\n") {
                    atLineStart = true
                    pendingDigits = 0
                }
            }
            return escapes
        }
    }

    private func render(_ inlines: [PageInline]) -> String {
        inlines.map(render).joined()
    }

    private func render(_ inline: PageInline) -> String {
        switch inline {
        case .text(let text): return escape(text)
        case .softBreak: return "\n"
        case .lineBreak: return "\\\n"
        case .code(let code): return codeSpan(code)
        case .emphasis(let children): return "*" + render(children) + "*"
        case .strong(let children): return "**" + render(children) + "**"
        case .link(let destination, let title, let children):
            guard let safe = LinkPolicy.safeDestination(destination, rewriteNotes: false) else { return render(children) }
            return "[" + render(children) + "](" + linkDestination(LinkPolicy.percentEncoded(safe)) + titlePart(title) + ")"
        case .image(let destination, let title, let alt):
            guard let safe = LinkPolicy.safeDestination(destination, rewriteNotes: false) else { return escape(alt) }
            return "![" + escape(alt) + "](" + linkDestination(LinkPolicy.percentEncoded(safe)) + titlePart(title) + ")"
        case .math(let formula):
            return "$`" + formula.tex.replacingNewlines(with: " ") + "`$"
        case .rawHTML(let html):
            return allowsRawHTML ? html.trimmingSpace : "<!-- raw HTML omitted -->"
        }
    }

    private func titlePart(_ title: String) -> String {
        title.isEmpty ? "" : " \"" + title.replacingOccurrences("\"", "\\\"") + "\""
    }

    /// Writes a destination that the caller percent-encoded, in angle brackets when it
    /// contains a parenthesis, which could otherwise close the link early.
    private func linkDestination(_ destination: String) -> String {
        destination.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" })
            ? "<" + destination.replacingOccurrences("<", "%3C").replacingOccurrences(">", "%3E") + ">"
            : destination
    }

    /// Writes a fenced block whose fence is longer than any backtick run in the content.
    private func fence(info: String, literal: String) -> String {
        let ticks = String(repeating: "`", count: max(3, longestRun(of: UInt8(ascii: "`"), in: literal) + 1))
        let body = literal.hasSuffix("\n") ? literal : literal + "\n"
        return ticks + info + "\n" + body + ticks
    }

    private func codeSpan(_ code: String) -> String {
        let ticks = String(repeating: "`", count: longestRun(of: UInt8(ascii: "`"), in: code) + 1)
        // CommonMark strips one space from each end when both ends have one, so such code,
        // and code that starts or ends with a backtick, gets one more space on each side.
        let spacedEnds = code.hasPrefix(" ") && code.hasSuffix(" ") && !code.allSatisfy { $0 == " " }
        let padded = code.hasPrefix("`") || code.hasSuffix("`") || spacedEnds ? " " + code + " " : code
        return ticks + padded.replacingNewlines(with: " ") + ticks
    }

    private func longestRun(of byte: UInt8, in text: String) -> Int {
        var longest = 0
        var current = 0
        for next in text.utf8 {
            current = next == byte ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Escapes the ASCII punctuation that could start Markdown syntax, `&`, which could
    /// start an entity, and the dollar sign, which GitHub reads as math.
    private func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x80 && Self.escapedBytes[Int($0)] }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte < 0x80, Self.escapedBytes[Int(byte)] { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ASCII bytes `escape` puts a backslash before.
    private static let escapedBytes: [Bool] = (0..<128).map { "\\`*_[]<>|$~#&".utf8.contains(UInt8($0)) }

    private func prefixLines(_ text: String, first: String, rest: String) -> String {
        text.pieces(separatedBy: UInt8(ascii: "\n")).enumerated().map { index, line in
            let prefix = index == 0 ? first : rest
            return line.isEmpty ? String(prefix.trimmingSpace) : prefix + line
        }.joined(separator: "\n")
    }
}

extension StringProtocol {
    var trimmingSpace: String {
        let trimmed = drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        var result = String(trimmed)
        while let last = result.last, last == " " || last == "\n" || last == "\t" { result.removeLast() }
        return result
    }

    func replacingNewlines(with replacement: String) -> String {
        guard utf8.contains(UInt8(ascii: "\n")) else { return String(self) }
        return String(self).pieces(separatedBy: UInt8(ascii: "\n")).joined(separator: replacement)
    }

    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
