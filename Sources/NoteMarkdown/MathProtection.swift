import SourceDiagnostics

/// The text cmark parses: the note with every math span and prose placeholder replaced by
/// a token, so that `_`, `*`, `\\` and `\{` inside math reach the TeX converter untouched.
struct ProtectedText {
    var text: String
    var maths: [MathSpan]
    var placeholders: [PlaceholderSpan]
    /// Each replaced span: its scalar range in the note and the token's range in `text`.
    var replacements: [(original: Range<Int>, token: Range<Int>)]
    /// The note range that each token replaced.
    var originals: TokenOriginals
    var diagnostics: [Diagnostic]
}

/// The token that stands for a math span (`kind` m) or placeholder (`kind` p) in the text
/// that cmark parses: `open`, the kind, the span's number in decimal, `close`. Private-use
/// characters keep it from meaning anything to Markdown.
enum ProtectionToken {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"
}

/// The note range that each token replaced, by the token's kind and number. Tokens of each
/// kind are numbered from 0 in the order they are made.
struct TokenOriginals {
    private var maths: [Range<Int>] = []
    private var placeholders: [Range<Int>] = []
    private var literals: [Range<Int>] = []

    /// Records the range that the next token of `kind` replaced.
    mutating func append(_ kind: Unicode.Scalar, _ original: Range<Int>) {
        switch kind {
        case "m": maths.append(original)
        case "p": placeholders.append(original)
        default: literals.append(original)
        }
    }

    /// Returns the range that token `index` of `kind` replaced, or nil for no such token.
    subscript(kind kind: Character, index index: Int) -> Range<Int>? {
        let ranges: [Range<Int>]
        switch kind {
        case "m": ranges = maths
        case "p": ranges = placeholders
        case "u": ranges = literals
        default: return nil
        }
        return ranges.indices.contains(index) ? ranges[index] : nil
    }
}

/// Finds math and placeholders with Pandoc's rules for dollars, outside code.
///
/// Inline math opens at a `$` followed by a non-space and closes at the next `$` that
/// follows a non-space and is not followed by a digit; `$$` opens and closes display math.
/// A `$` after an odd number of backslashes is literal. Neither kind crosses a blank line
/// or a code span or block. Each search that fails records how far it looked, and later
/// openers before that point fail at once, so the pass is linear in the note's length.
struct MathProtector {
    let source: SourceText
    /// Scalar ranges of code spans, code blocks and raw HTML, sorted and disjoint.
    let codeRegions: [Range<Int>]

    /// The protected text as UTF-8, which appends several times faster than a scalar view.
    private var output: [UInt8] = []
    private var outputCount = 0
    private var maths: [MathSpan] = []
    private var placeholders: [PlaceholderSpan] = []
    private var replacements: [(original: Range<Int>, token: Range<Int>)] = []
    private var originals = TokenOriginals()
    private var diagnostics: [Diagnostic] = []
    private var regionIndex = 0
    /// The number of token scalars written as `u` tokens so far.
    private var literalCount = 0
    private var inlineFailedBefore = 0
    private var displayFailedBefore = 0
    private var placeholderFailedBefore = 0
    /// For each line, the offset where the next blank line after it starts.
    private let nextBlankLine: [Int]

    init(source: SourceText, codeRegions: [Range<Int>]) {
        self.source = source
        self.codeRegions = codeRegions
        var nextBlank = Array(repeating: source.count, count: source.lineStarts.count)
        var following = source.count
        for line in source.lineStarts.indices.reversed() {
            nextBlank[line] = following
            if source.isBlankLine(startingAt: source.lineStarts[line]) { following = source.lineStarts[line] }
        }
        nextBlankLine = nextBlank
    }

    mutating func run() -> ProtectedText {
        let scalars = source.scalars
        output.reserveCapacity(scalars.count + scalars.count / 8)
        var index = 0
        while index < scalars.count {
            if regionIndex < codeRegions.count, index >= codeRegions[regionIndex].lowerBound {
                let region = codeRegions[regionIndex]
                while index < region.upperBound {
                    emitKeepingTokenScalars(at: index)
                    index += 1
                }
                regionIndex += 1
                continue
            }
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                emit(scalar)
                emitKeepingTokenScalars(at: index + 1)
                index += 2
            } else if scalar == "$", let end = displayMath(at: index) ?? inlineMath(at: index) {
                index = end
            } else if scalar == "{", next(index) == "{", let end = placeholder(at: index) {
                index = end
            } else {
                emitKeepingTokenScalars(at: index)
                index += 1
            }
        }
        return ProtectedText(text: String(decoding: output, as: UTF8.self), maths: maths, placeholders: placeholders,
                             replacements: replacements, originals: originals, diagnostics: diagnostics)
    }

    private func next(_ index: Int) -> Unicode.Scalar? {
        index + 1 < source.count ? source.scalars[index + 1] : nil
    }

    @inline(__always)
    private mutating func emit(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            output.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { output.append($0) }
        }
        outputCount += 1
    }

    /// Emits the scalar at `index`. The two scalars that delimit tokens become a token of
    /// kind `u` that restores the scalar itself. A note may so contain them, in code or in
    /// prose, and they are never read as the start or end of a token.
    @inline(__always)
    private mutating func emitKeepingTokenScalars(at index: Int) {
        let scalar = source.scalars[index]
        guard scalar == ProtectionToken.open || scalar == ProtectionToken.close else { return emit(scalar) }
        literalCount += 1
        emitToken("u", literalCount - 1, replacing: index..<(index + 1))
    }

    /// Emits the token of `kind` numbered `id` in place of `original`.
    private mutating func emitToken(_ kind: Unicode.Scalar, _ id: Int, replacing original: Range<Int>) {
        let start = outputCount
        emit(ProtectionToken.open)
        emit(kind)
        for digit in String(id).utf8 {
            output.append(digit)
            outputCount += 1
        }
        emit(ProtectionToken.close)
        replacements.append((original, start..<outputCount))
        originals.append(kind, original)
    }

    /// The offset where a search that starts at `index` must stop: the next code region or
    /// the start of the next blank line, whichever comes first.
    private func searchLimit(from index: Int) -> Int {
        let region = regionIndex < codeRegions.count ? codeRegions[regionIndex].lowerBound : source.count
        return min(region, nextBlankLine[source.location(index).line - 1])
    }

    private func isEscaped(_ index: Int) -> Bool {
        var backslashes = 0
        var position = index - 1
        while position >= 0, source.scalars[position] == "\\" {
            backslashes += 1
            position -= 1
        }
        return backslashes % 2 == 1
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// Protects `$$...$$` at `index` and returns the offset after it, or nil.
    private mutating func displayMath(at index: Int) -> Int? {
        guard next(index) == "$", index >= displayFailedBefore else { return nil }
        let limit = searchLimit(from: index)
        var position = index + 2
        while position + 1 < limit {
            if source.scalars[position] == "$", source.scalars[position + 1] == "$", !isEscaped(position) {
                guard position > index + 2 else { return nil }
                record(display: true, content: (index + 2)..<position, whole: index..<(position + 2))
                return position + 2
            }
            position += 1
        }
        displayFailedBefore = limit
        return nil
    }

    /// Protects `$...$` at `index` and returns the offset after it, or nil.
    private mutating func inlineMath(at index: Int) -> Int? {
        guard let first = next(index), !Self.isSpace(first), first != "$", index >= inlineFailedBefore else { return nil }
        let limit = searchLimit(from: index)
        var position = index + 2
        while position < limit {
            let scalar = source.scalars[position]
            if scalar == "$", !Self.isSpace(source.scalars[position - 1]), !isEscaped(position) {
                let following = position + 1 < source.count ? source.scalars[position + 1] : " "
                if !(following >= "0" && following <= "9") {
                    record(display: false, content: (index + 1)..<position, whole: index..<(position + 1))
                    return position + 1
                }
            }
            position += 1
        }
        inlineFailedBefore = limit
        return nil
    }

    private mutating func record(display: Bool, content: Range<Int>, whole: Range<Int>) {
        let tex = withoutQuoteMarkers(content, openingAt: whole.lowerBound)
        let inner = placeholders(inTeX: tex)
        maths.append(MathSpan(tex: tex, display: display, location: source.location(whole.lowerBound), placeholders: inner))
        emitToken("m", maths.count - 1, replacing: whole)
    }

    /// Returns the formula's text without the block-quote markers that start its second and
    /// later lines, as many as the line with the opening dollar has, so that a formula
    /// inside `>` quotes reaches TeX as the author wrote it.
    private func withoutQuoteMarkers(_ content: Range<Int>, openingAt opening: Int) -> LocatedText {
        let openingLine = source.lineStarts[source.location(opening).line - 1]
        var markers = 0
        var position = openingLine
        while position < opening, source.scalars[position] == ">" || source.scalars[position] == " " || source.scalars[position] == "\t" {
            if source.scalars[position] == ">" { markers += 1 }
            position += 1
        }

        var text = LocatedText(endLocation: source.location(content.lowerBound))
        text.reserveCapacity(content.count)
        var walker = LocationWalker(source, from: content.lowerBound)
        var offset = content.lowerBound
        while offset < content.upperBound {
            // TeX gets plain line feeds: a carriage return before one is dropped, and a lone
            // one becomes a line feed.
            let scalar = source.scalars[offset]
            if scalar != "\r" || source.isLineEnd(offset) {
                text.append(scalar == "\r" ? "\n" : scalar, at: walker.location(offset))
            }
            offset += 1
            guard markers > 0, source.isLineEnd(offset - 1) else { continue }
            var stripped = 0
            var scan = offset
            while scan < content.upperBound, stripped < markers,
                  source.scalars[scan] == ">" || source.scalars[scan] == " " || source.scalars[scan] == "\t" {
                if source.scalars[scan] == ">" { stripped += 1 }
                scan += 1
            }
            if stripped > 0 {
                if scan < content.upperBound, source.scalars[scan] == " " { scan += 1 }
                offset = scan
            }
        }
        return text
    }

    /// Finds `{{ ... }}` inside a formula. A space must follow `{{` there, so that TeX
    /// groups such as `x^{{a}}` stay TeX. A `{{ ` without its `}}` is reported.
    private mutating func placeholders(inTeX tex: LocatedText) -> [PlaceholderSpan] {
        var found: [PlaceholderSpan] = []
        var index = 0
        let scalars = tex.scalars
        while index + 2 < scalars.count {
            // `\{{ ` is the TeX brace `\{` followed by a group, not a placeholder.
            let escaped = index > 0 && scalars[index - 1] == "\\"
            guard !escaped, scalars[index] == "{", scalars[index + 1] == "{", Self.isSpace(scalars[index + 2]) else {
                index += 1
                continue
            }
            var close = index + 2
            while close + 1 < scalars.count, !(scalars[close] == "}" && scalars[close + 1] == "}") { close += 1 }
            guard close + 1 < scalars.count else {
                diagnostics.append(Diagnostic(
                    id: "placeholder.unterminated", range: SourceRange(at: tex.location(index), length: 2),
                    message: "this {{ has no closing }} inside its formula",
                    notes: ["close the placeholder with }}, or write { { for two TeX braces"]))
                break
            }
            let content = tex.trimmed((index + 2)..<close)
            var text = LocatedText(endLocation: tex.location(content.lowerBound))
            text.reserveCapacity(content.count)
            for offset in content { text.append(scalars[offset], at: tex.location(offset)) }
            found.append(PlaceholderSpan(content: text, location: tex.location(index), texRange: index..<(close + 2)))
            index = close + 2
        }
        return found
    }

    /// Protects a prose `{{ ... }}` at `index`, which must close on the same line.
    private mutating func placeholder(at index: Int) -> Int? {
        guard index >= placeholderFailedBefore else { return nil }
        var limit = regionIndex < codeRegions.count ? codeRegions[regionIndex].lowerBound : source.count
        var position = index + 2
        while position < limit, !source.isLineEnd(position) { position += 1 }
        limit = position
        position = index + 2
        while position + 1 < limit {
            if source.scalars[position] == "}", source.scalars[position + 1] == "}" {
                var content = (index + 2)..<position
                while content.lowerBound < content.upperBound, Self.isSpace(source.scalars[content.lowerBound]) {
                    content = (content.lowerBound + 1)..<content.upperBound
                }
                while content.upperBound > content.lowerBound, Self.isSpace(source.scalars[content.upperBound - 1]) {
                    content = content.lowerBound..<(content.upperBound - 1)
                }
                placeholders.append(PlaceholderSpan(content: source.located(content), location: source.location(index), texRange: nil))
                emitToken("p", placeholders.count - 1, replacing: index..<(position + 2))
                return position + 2
            }
            position += 1
        }
        placeholderFailedBefore = limit
        diagnostics.append(Diagnostic(
            id: "placeholder.unterminated", range: SourceRange(at: source.location(index), length: 2),
            message: "this {{ has no closing }} on the same line",
            notes: ["close the placeholder with }}, or write \\{{ for literal braces"]))
        return nil
    }
}
