import SourceDiagnostics
import NoteMarkdown

/// Writes page blocks as GitHub-flavored Markdown: inline math as $`...`$, display math as
/// ```math fences, spec blocks as code, generated tables as pipe tables.
///
/// Every part is appended to one UTF-8 byte buffer, which becomes a string once at the end,
/// because joining many small strings spent more time on allocation than on the text.
struct MarkdownWriter {
    private(set) var output = ""
    /// Whether raw HTML from the note is written as it is, as in `HTMLWriter`.
    var allowsRawHTML = false

    mutating func write(_ blocks: [PageBlock]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(blocks, tight: false, to: &bytes)
        output = String(decoding: bytes, as: UTF8.self)
    }

    private func write(_ blocks: [PageBlock], tight: Bool, to out: inout [UInt8]) {
        var previousList: (ordered: Bool, alternate: Bool)?
        for (index, block) in blocks.enumerated() {
            if index > 0 { out.append(tight ? "\n" : "\n\n") }
            if case .list(let ordered, let start, let isTight, let items) = block {
                // Two lists in a row need different markers, or Markdown reads them as one.
                let alternate = previousList.map { $0.ordered == ordered && !$0.alternate } ?? false
                writeList(ordered: ordered, start: start, tight: isTight, items: items, alternate: alternate, to: &out)
                previousList = (ordered, alternate)
            } else {
                write(block, to: &out)
                previousList = nil
            }
        }
    }

    private func writeList(ordered: Bool, start: Int, tight: Bool, items: [[PageBlock]], alternate: Bool, to out: inout [UInt8]) {
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(tight ? "\n" : "\n\n") }
            let delimiter = alternate ? ")" : "."
            let marker = ordered ? "\(start + index)\(delimiter) " : (alternate ? "* " : "- ")
            let indent = String(repeating: " ", count: marker.count)
            var content: [UInt8] = []
            write(item, tight: tight, to: &content)
            appendPrefixingLines(content, first: marker, rest: indent, to: &out)
        }
    }

    private func write(_ block: PageBlock, to out: inout [UInt8]) {
        switch block {
        case .paragraph(let inlines):
            writeParagraphs(inlines, to: &out)
        case .heading(let level, let inlines, _):
            out.append(contentsOf: repeatElement(UInt8(ascii: "#"), count: level))
            out.append(" ")
            let start = out.count
            write(inlines, to: &out)
            replaceNewlinesWithSpaces(in: &out, from: start)
        case .code(let info, let literal):
            writeFence(info: info, literal: literal, to: &out)
        case .spec(let card):
            writeFence(info: "conv \(card.name)", literal: card.literal, to: &out)
            out.append("\n\n*")
            appendEscaped(card.name, to: &out)
            out.append(": ")
            appendEscaped(card.status, to: &out)
            out.append("*")
            if !card.rows.isEmpty {
                out.append("\n\n")
                write(.table(alignments: [.none, .none], header: [[.text("input")], [.text("value")]],
                             rows: card.rows.map { [[.text($0.label)], $0.value] }), to: &out)
            }
        case .displayMath(let formula):
            writeFence(info: "math", literal: formula.tex, to: &out)
        case .quote(let children):
            var content: [UInt8] = []
            write(children, tight: false, to: &content)
            appendPrefixingLines(content, first: "> ", rest: "> ", to: &out)
        case .list(let ordered, let start, let tight, let items):
            writeList(ordered: ordered, start: start, tight: tight, items: items, alternate: false, to: &out)
        case .table(let alignments, let header, let rows):
            writeTableRow(header, to: &out)
            out.append("\n|")
            if header.isEmpty { out.append("|") }
            for column in header.indices {
                switch column < alignments.count ? alignments[column] : .none {
                case .none: out.append(" --- |")
                case .left: out.append(" :-- |")
                case .center: out.append(" :-: |")
                case .right: out.append(" --: |")
                }
            }
            for row in rows {
                out.append("\n")
                writeTableRow(row, to: &out)
            }
        case .figure(let figure):
            out.append("![")
            appendEscaped(figure.title, to: &out)
            out.append("](")
            out.append(string: linkDestination(LinkPolicy.percentEncoded(figure.fileName)))
            out.append(")")
        case .rule:
            out.append("---")
        case .rawHTML(let html):
            out.append(string: allowsRawHTML ? html.trimmingSpace : "<!-- raw HTML omitted -->")
        }
    }

    /// Writes one table row. Text is already escaped, so only the pipes that code spans and
    /// math leave bare need a backslash, as GitHub reads `\|` inside them as a pipe.
    private func writeTableRow(_ cells: [[PageInline]], to out: inout [UInt8]) {
        out.append("| ")
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(" | ") }
            let start = out.count
            write(cell, to: &out)
            // Most cells hold neither a pipe nor a line break and are kept as they are.
            guard out[start...].contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { continue }
            let text = Array(out[start...])
            out.removeSubrange(start...)
            var previousWasBackslash = false
            for byte in text {
                if byte == UInt8(ascii: "\n") {
                    out.append(UInt8(ascii: " "))
                    previousWasBackslash = false
                    continue
                }
                if byte == UInt8(ascii: "|"), !previousWasBackslash { out.append(UInt8(ascii: "\\")) }
                previousWasBackslash = byte == UInt8(ascii: "\\") && !previousWasBackslash
                out.append(byte)
            }
        }
        out.append(" |")
    }

    /// Writes a paragraph, split where display math sits inside it, because a math fence
    /// must be a block of its own. The parts are separated by blank lines.
    private func writeParagraphs(_ inlines: [PageInline], to out: inout [UInt8]) {
        var hasParts = false
        var runStart = inlines.startIndex
        for (index, inline) in inlines.enumerated() {
            guard case .math(let formula) = inline, formula.display else { continue }
            hasParts = writeTextPart(inlines[runStart..<index], separated: hasParts, to: &out) || hasParts
            if hasParts { out.append("\n\n") }
            writeFence(info: "math", literal: formula.tex, to: &out)
            hasParts = true
            runStart = index + 1
        }
        _ = writeTextPart(inlines[runStart...], separated: hasParts, to: &out)
    }

    /// Writes the inlines of a paragraph part without leading and trailing white space, after
    /// a blank line when `separated`, and returns whether the part had any text. Lines that
    /// Markdown would read as a list item, heading underline or thematic break are escaped.
    private func writeTextPart(_ inlines: ArraySlice<PageInline>, separated: Bool, to out: inout [UInt8]) -> Bool {
        let partStart = out.count
        if separated { out.append("\n\n") }
        let start = out.count
        for inline in inlines { write(inline, to: &out) }
        trimSpace(in: &out, from: start)
        guard out.count > start else {
            out.removeSubrange(partStart...)
            return false
        }
        protectLineStarts(in: &out, from: start)
        return true
    }

    /// Trims `out[start...]` as `trimmingSpace` trims a string, in place.
    private func trimSpace(in out: inout [UInt8], from start: Int) {
        guard let kept = Self.trimmedRange(out, from: start) else {
            let trimmed = String(decoding: out[start...], as: UTF8.self).trimmingSpace
            out.removeSubrange(start...)
            out.append(string: trimmed)
            return
        }
        out.removeSubrange(kept.upperBound...)
        out.removeSubrange(start..<kept.lowerBound)
    }

    /// Returns the range of `bytes[start...]` without leading and trailing spaces, line feeds
    /// and tabs, or nil where a space may join a non-ASCII scalar next to it into one
    /// character, which only `trimmingSpace` decides exactly. A line feed after a carriage
    /// return is kept, because the two form one character.
    private static func trimmedRange(_ bytes: [UInt8], from start: Int) -> Range<Int>? {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        }
        var lower = start
        var upper = bytes.count
        while lower < upper, isSpace(bytes[lower]) {
            if bytes[lower] == UInt8(ascii: " "), lower + 1 < upper, bytes[lower + 1] >= 0x80 { return nil }
            lower += 1
        }
        while upper > lower, isSpace(bytes[upper - 1]) {
            if upper - 2 >= lower {
                let previous = bytes[upper - 2]
                if bytes[upper - 1] == UInt8(ascii: "\n"), previous == UInt8(ascii: "\r") { break }
                if bytes[upper - 1] == UInt8(ascii: " "), previous >= 0x80 { return nil }
            }
            upper -= 1
        }
        return lower..<upper
    }

    /// Escapes what would turn a paragraph line of `out[start...]` into a list item, heading
    /// underline or thematic break: a leading `-`, `+`, `=`, or a number followed by `.` or `)`.
    private func protectLineStarts(in out: inout [UInt8], from start: Int) {
        let escapes = Self.lineStartEscapes(out[start...])
        // A part that opens with a code span of three or more backticks is left as it is.
        // `hasPrefix` compares characters, so it is asked only in the rare case that matters.
        guard !escapes.isEmpty, !String(decoding: out[start...], as: UTF8.self).hasPrefix("```") else { return }
        let text = Array(out[start...])
        out.removeSubrange(start...)
        out.reserveCapacity(out.count + text.count + escapes.count)
        var next = 0
        for (offset, byte) in text.enumerated() {
            if next < escapes.count, escapes[next] == start + offset {
                out.append(UInt8(ascii: "\\"))
                next += 1
            }
            out.append(byte)
        }
    }

    /// Returns the indices in `bytes` that `protectLineStarts` escapes with a backslash, in
    /// order. Most paragraphs have none and are then kept as they are.
    private static func lineStartEscapes(_ bytes: ArraySlice<UInt8>) -> [Int] {
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

    private func write(_ inlines: [PageInline], to out: inout [UInt8]) {
        for inline in inlines { write(inline, to: &out) }
    }

    private func write(_ inline: PageInline, to out: inout [UInt8]) {
        switch inline {
        case .text(let text):
            appendEscaped(text, to: &out)
        case .softBreak:
            out.append("\n")
        case .lineBreak:
            out.append("\\\n")
        case .code(let code):
            writeCodeSpan(code, to: &out)
        case .emphasis(let children):
            out.append("*")
            write(children, to: &out)
            out.append("*")
        case .strong(let children):
            out.append("**")
            write(children, to: &out)
            out.append("**")
        case .link(let destination, let title, let children):
            guard let safe = LinkPolicy.safeDestination(destination, rewriteNotes: false) else { return write(children, to: &out) }
            out.append("[")
            write(children, to: &out)
            out.append("](")
            out.append(string: linkDestination(LinkPolicy.percentEncoded(safe)))
            out.append(string: titlePart(title))
            out.append(")")
        case .image(let destination, let title, let alt):
            guard let safe = LinkPolicy.safeDestination(destination, rewriteNotes: false) else { return appendEscaped(alt, to: &out) }
            out.append("![")
            appendEscaped(alt, to: &out)
            out.append("](")
            out.append(string: linkDestination(LinkPolicy.percentEncoded(safe)))
            out.append(string: titlePart(title))
            out.append(")")
        case .math(let formula):
            out.append("$`")
            let start = out.count
            out.append(string: formula.tex)
            replaceNewlinesWithSpaces(in: &out, from: start)
            out.append("`$")
        case .rawHTML(let html):
            out.append(string: allowsRawHTML ? html.trimmingSpace : "<!-- raw HTML omitted -->")
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
    private func writeFence(info: String, literal: String, to out: inout [UInt8]) {
        let ticks = max(3, longestRun(of: UInt8(ascii: "`"), in: literal) + 1)
        out.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: ticks))
        out.append(string: info)
        out.append("\n")
        out.append(string: literal)
        if !literal.hasSuffix("\n") { out.append("\n") }
        out.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: ticks))
    }

    private func writeCodeSpan(_ code: String, to out: inout [UInt8]) {
        let ticks = longestRun(of: UInt8(ascii: "`"), in: code) + 1
        // CommonMark strips one space from each end when both ends have one, so such code,
        // and code that starts or ends with a backtick, gets one more space on each side.
        let spacedEnds = code.hasPrefix(" ") && code.hasSuffix(" ") && !code.allSatisfy { $0 == " " }
        let isPadded = code.hasPrefix("`") || code.hasSuffix("`") || spacedEnds
        out.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: ticks))
        let start = out.count
        if isPadded { out.append(" ") }
        out.append(string: code)
        if isPadded { out.append(" ") }
        replaceNewlinesWithSpaces(in: &out, from: start)
        out.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: ticks))
    }

    private func longestRun(of byte: UInt8, in text: String) -> Int {
        text.withUTF8Bytes { bytes in
            var longest = 0
            var current = 0
            for next in bytes {
                current = next == byte ? current + 1 : 0
                longest = max(longest, current)
            }
            return longest
        }
    }

    /// Appends `text` with a backslash before the ASCII punctuation that could start Markdown
    /// syntax, `&`, which could start an entity, and the dollar sign, which GitHub reads as math.
    private func appendEscaped(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            var runStart = 0
            for index in bytes.indices where Self.isEscaped(bytes[index]) {
                out.append(contentsOf: bytes[runStart..<index])
                out.append(UInt8(ascii: "\\"))
                runStart = index
            }
            out.append(contentsOf: bytes[runStart...])
        }
    }

    /// Returns whether `appendEscaped` puts a backslash before `byte`.
    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "$"), UInt8(ascii: "~"), UInt8(ascii: "#"),
             UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    /// Replaces each line feed in `out[start...]` with a space, as `replacingNewlines(with: " ")`
    /// does: a line feed right after a carriage return stays, because the two are one character.
    private func replaceNewlinesWithSpaces(in out: inout [UInt8], from start: Int) {
        var previous: UInt8 = 0
        for index in start..<out.count {
            let byte = out[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { out[index] = UInt8(ascii: " ") }
            previous = byte
        }
    }

    /// Appends `text` with `first` before its first line and `rest` before every other line.
    /// Lines end at line feeds, except one after a carriage return, and an empty line gets
    /// its prefix without trailing space.
    private func appendPrefixingLines(_ text: [UInt8], first: String, rest: String, to out: inout [UInt8]) {
        var lineStart = 0
        var isFirst = true
        var previous: UInt8 = 0
        func appendLine(_ end: Int) {
            let prefix = isFirst ? first : rest
            if lineStart == end {
                out.append(string: prefix.trimmingSpace)
            } else {
                out.append(string: prefix)
                out.append(contentsOf: text[lineStart..<end])
            }
            isFirst = false
        }
        for (index, byte) in text.enumerated() {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                appendLine(index)
                out.append("\n")
                lineStart = index + 1
            }
            previous = byte
        }
        appendLine(text.count)
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, which it copies only when the string does
    /// not store them contiguously. Scanning the buffer is several times faster than
    /// iterating `utf8`.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of a literal.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 of `text`, copied from its storage in one step where it has one.
    @inline(__always)
    mutating func append(string text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
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
