import SourceDiagnostics

/// Parses a note: front matter, then math protection, then cmark.
public enum NoteParser {
    /// Parses a note's text. The diagnostics cover the front matter, unterminated
    /// placeholders and characters the format reserves; they never stop the parse.
    public static func parse(_ text: String) -> (note: MarkdownNote, diagnostics: [Diagnostic]) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var diagnostics: [Diagnostic] = []

        // Lines as the author sees them, for front matter and for quoting in diagnostics.
        let lines = SourceText(scalars).lineStrings
        let (frontMatter, frontMatterDiagnostics) = FrontMatter.parse(lines)
        diagnostics += frontMatterDiagnostics

        // Blank the front matter (keeping its line breaks, so lines keep their numbers) and
        // replace NUL, as CommonMark requires.
        let source = SourceText(blanked(scalars, lines: frontMatter.lineCount))
        let regions = CmarkBridge.codeRegions(source.string(0..<source.count), source: source)
        var protector = MathProtector(source: source, codeRegions: regions)
        let protected = protector.run()
        diagnostics += protected.diagnostics

        let protectedSource = SourceText(Array(protected.text.unicodeScalars))
        let tokens = TokenResolver(protected: protected, source: source)
        let blocks = CmarkBridge.blocks(
            protected.text,
            convert: tokens.inlines,
            restore: tokens.restore,
            noteLine: { line in
                let offset = line >= 1 && line <= protectedSource.lineStarts.count ? protectedSource.lineStarts[line - 1] : 0
                return source.location(tokens.originalOffset(ofProtected: offset)).line
            },
            lineText: { line in line >= 1 && line <= lines.count ? lines[line - 1] : "" })

        let note = MarkdownNote(frontMatter: frontMatter, blocks: blocks, maths: protected.maths,
                                placeholders: protected.placeholders, lines: lines.map { $0.trimmingTrailingSpace })
        return (note, diagnostics)
    }

    private static func blanked(_ scalars: [Unicode.Scalar], lines: Int) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var line = 1
        for (index, scalar) in scalars.enumerated() {
            let endsLine = scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n"))
            if endsLine || (scalar == "\r" && line <= lines) {
                if endsLine { line += 1 }
                result.append(scalar)
            } else if line > lines {
                result.append(scalar == "\0" ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }
}

extension SourceText {
    /// Every line without its line break.
    var lineStrings: [String] {
        lineStarts.indices.map { index in
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : count
            var line = string(lineStarts[index]..<max(end, lineStarts[index]))
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
    }
}

/// Turns tokens in cmark's text back into math and placeholder inlines.
private struct TokenResolver {
    let protected: ProtectedText
    let source: SourceText

    /// Splits a text node at its tokens.
    func inlines(_ text: String) -> [Inline] {
        let scalars = text.unicodeScalars
        guard scalars.contains(ProtectionToken.open) else { return text.isEmpty ? [] : [.text(text)] }
        var result: [Inline] = []
        var pendingStart = scalars.startIndex
        var index = scalars.startIndex
        // Slices of the text, not scalar-by-scalar copies, because most text has no tokens.
        while index < scalars.endIndex {
            guard scalars[index] == ProtectionToken.open else {
                index = scalars.index(after: index)
                continue
            }
            if pendingStart < index { result.append(.text(String(scalars[pendingStart..<index]))) }
            let bodyStart = scalars.index(after: index)
            let bodyEnd = scalars[bodyStart...].firstIndex(of: ProtectionToken.close) ?? scalars.endIndex
            if let token = parseToken(String(scalars[bodyStart..<bodyEnd])) { result.append(token) }
            index = bodyEnd < scalars.endIndex ? scalars.index(after: bodyEnd) : bodyEnd
            pendingStart = index
        }
        if pendingStart < scalars.endIndex { result.append(.text(String(scalars[pendingStart...]))) }
        return result
    }

    private func parseToken(_ body: String) -> Inline? {
        guard let kind = body.first, let index = Int(body.dropFirst()) else { return nil }
        switch kind {
        case "m" where protected.maths.indices.contains(index): return .math(index)
        case "p" where protected.placeholders.indices.contains(index): return .placeholder(index)
        case "u":
            // A token scalar that the note itself contains, put back as text.
            return protected.originals[ProtectionToken.make("u", index)].map { .text(source.string($0)) }
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
            if let original = protected.originals[ProtectionToken.make(kind, index)] {
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
