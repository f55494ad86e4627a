import SourceDiagnostics

/// Parses a note: front matter, then math protection, then cmark.
public enum NoteParser {
    /// Parses a note's text. The diagnostics cover the front matter, unterminated
    /// placeholders and characters the format reserves; they never stop the parse.
    public static func parse(_ text: String) -> (note: MarkdownNote, diagnostics: [Diagnostic]) {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let scalars = SourceText.scalars(of: body)
        var diagnostics: [Diagnostic] = []

        // Lines as the author sees them, for front matter and for quoting in diagnostics.
        let lines = body.splitAtLineEnds()
        let (frontMatter, frontMatterDiagnostics) = FrontMatter.parse(lines)
        diagnostics += frontMatterDiagnostics

        // Blank the front matter (keeping its line breaks, so lines keep their numbers) and
        // replace NUL, as CommonMark requires. Most notes need neither, and then cmark reads
        // the text as it is.
        let needsBlanking = frontMatter.lineCount > 0 || scalars.contains("\0")
        let source = SourceText(needsBlanking ? blanked(scalars, lines: frontMatter.lineCount) : scalars)
        let regions = CmarkBridge.codeRegions(needsBlanking ? source.string(0..<source.count) : body, source: source)
        var protector = MathProtector(source: source, codeRegions: regions)
        let protected = protector.run()
        diagnostics += protected.diagnostics

        let protectedLineStarts = SourceText.lineStarts(of: protected.text)
        let tokens = TokenResolver(protected: protected, source: source)
        let blocks = CmarkBridge.blocks(
            protected.text,
            convert: tokens.inlines,
            restore: tokens.restore,
            noteLine: { line in
                let offset = line >= 1 && line <= protectedLineStarts.count ? protectedLineStarts[line - 1] : 0
                return source.location(tokens.originalOffset(ofProtected: offset)).line
            },
            lineText: { line in line >= 1 && line <= lines.count ? lines[line - 1] : "" })

        let note = MarkdownNote(frontMatter: frontMatter, blocks: blocks, maths: protected.maths,
                                placeholders: protected.placeholders, lines: lines.map { $0.trimmingTrailingSpace })
        return (note, diagnostics)
    }

    /// Returns the scalars with the first `lines` lines reduced to their line breaks and every
    /// NUL after them replaced by U+FFFD.
    private static func blanked(_ scalars: [Unicode.Scalar], lines: Int) -> [Unicode.Scalar] {
        // The body starts after the line break that ends line `lines`.
        var bodyStart = 0
        var linesEnded = 0
        while linesEnded < lines, bodyStart < scalars.count {
            let scalar = scalars[bodyStart]
            if scalar == "\n" || (scalar == "\r" && (bodyStart + 1 == scalars.count || scalars[bodyStart + 1] != "\n")) {
                linesEnded += 1
            }
            bodyStart += 1
        }

        var result = scalars[..<bodyStart].filter { $0 == "\n" || $0 == "\r" }
        result.reserveCapacity(result.count + scalars.count - bodyStart)
        for scalar in scalars[bodyStart...] {
            result.append(scalar == "\0" ? "\u{FFFD}" : scalar)
        }
        return result
    }
}

/// Turns tokens in cmark's text back into math and placeholder inlines.
private struct TokenResolver {
    let protected: ProtectedText
    let source: SourceText

    /// Splits a text node at its tokens. It scans UTF-8, in which U+E000 and U+E001 are
    /// EE 80 80 and EE 80 81, and cuts the text between tokens as whole slices, because most
    /// text nodes are long runs of prose around a few tokens.
    func inlines(_ text: String) -> [Inline] {
        let bytes = Array(text.utf8)
        func isToken(_ index: Int, last: UInt8) -> Bool {
            bytes[index] == 0xEE && index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == last
        }
        func string(_ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }

        var result: [Inline] = []
        var pendingStart = 0
        var index = 0
        while index < bytes.count {
            guard isToken(index, last: 0x80) else {
                index += 1
                continue
            }
            if pendingStart < index { result.append(.text(string(pendingStart..<index))) }
            let bodyStart = index + 3
            var bodyEnd = bodyStart
            while bodyEnd < bytes.count, !isToken(bodyEnd, last: 0x81) { bodyEnd += 1 }
            if let token = parseToken(string(bodyStart..<bodyEnd)) { result.append(token) }
            index = min(bodyEnd + 3, bytes.count)
            pendingStart = index
        }
        guard pendingStart > 0 else { return text.isEmpty ? [] : [.text(text)] }
        if pendingStart < bytes.count { result.append(.text(string(pendingStart..<bytes.count))) }
        return result
    }

    private func parseToken(_ body: String) -> Inline? {
        guard let kind = body.first, let index = Int(body.dropFirst()) else { return nil }
        switch kind {
        case "m" where protected.maths.indices.contains(index): return .math(index)
        case "p" where protected.placeholders.indices.contains(index): return .placeholder(index)
        case "u":
            // A token scalar that the note itself contains, put back as text.
            return protected.originals[kind: "u", index: index].map { .text(source.string($0)) }
        default: return nil
        }
    }

    /// Replaces tokens by the note text they stand for, where cmark put a token somewhere
    /// that cannot hold math, such as a link destination.
    func restore(_ text: String) -> String {
        guard text.unicodeScalars.contains(ProtectionToken.open) else { return text }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == ProtectionToken.open else {
                result.unicodeScalars.append(scalar)
                continue
            }
            var body = ""
            while let next = scalars.next(), next != ProtectionToken.close { body.unicodeScalars.append(next) }
            guard let kind = body.first, let index = Int(body.dropFirst()) else { continue }
            if let original = protected.originals[kind: kind, index: index] {
                result += source.string(original)
            }
        }
        return result
    }

    /// Maps an offset in the protected text to the note: offsets inside a token map to the
    /// start of what it replaced. Replacements are in text order, so a binary search finds
    /// the last token that starts at or before `offset`.
    func originalOffset(ofProtected offset: Int) -> Int {
        let replacements = protected.replacements
        var low = 0
        var high = replacements.count
        while low < high {
            let middle = (low + high) / 2
            if replacements[middle].token.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let replacement = replacements[low - 1]
        if offset < replacement.token.upperBound { return replacement.original.lowerBound }
        return offset + replacement.original.upperBound - replacement.token.upperBound
    }
}
