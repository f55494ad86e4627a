import SourceDiagnostics

// The arguments of \text and its font variants, read raw because white space counts there.
extension TeXParser {
    /// A `{` inside a text argument, with the font to restore at its `}`.
    private struct OpenTextBrace {
        var offset: Int
        var outerFont: MathFont?
    }

    /// Reads the braced argument of the text command `token` and returns its text.
    ///
    /// Runs of white space become one no-break space (U+00A0), because MathML would trim
    /// plain spaces at the ends of `<mtext>`. Letters and digits take `font`, and nested
    /// `\textbf{…}`-like commands change it up to their closing brace.
    mutating func readTextArgument(_ token: TeXToken, name: String, font: MathFont?) throws(TeXError) -> String {
        let scalars = lexer.scalars
        let open = lexer.offsetAfterWhitespace(from: token.end)
        guard lexer.scalar(at: open) == "{" else {
            throw TeXError.textWithoutBraces(token, name: name)
        }

        var openBraces = [OpenTextBrace(offset: open, outerFont: font)]
        var currentFont = font
        var text = ""
        var position = open + 1

        while let innermost = openBraces.last {
            guard position < scalars.count else {
                throw TeXError.unmatchedOpenBrace(offset: innermost.offset)
            }
            let scalar = scalars[position]

            switch scalar {
            case "{":
                try checkTextNesting(depth: openBraces.count, offset: position)
                openBraces.append(OpenTextBrace(offset: position, outerFont: currentFont))
                position += 1

            case "}":
                openBraces.removeLast()
                currentFont = innermost.outerFont
                position += 1

            case "\\":
                position = try readTextCommand(
                    at: position, into: &text, font: &currentFont, openBraces: &openBraces)

            case "$":
                throw TeXError.mathInsideText(offset: position)

            case "^", "_", "&", "#":
                let escapes: [Unicode.Scalar: String] = [
                    "^": "\\textasciicircum", "_": "\\_", "&": "\\&", "#": "\\#",
                ]
                throw TeXError.unescapedTextCharacter(
                    scalar, offset: position, escape: escapes[scalar] ?? "")

            case "%":
                // As in TeX, a comment also removes its line break and the next line's indent.
                while position < scalars.count, scalars[position] != "\n" {
                    position += 1
                }
                position = min(position + 1, scalars.count)
                while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" {
                    position += 1
                }

            case " ", "\t", "\n", "\r":
                while position < scalars.count, scalars[position].properties.isWhitespace {
                    position += 1
                }
                text.unicodeScalars.append("\u{00A0}")

            case "~":
                text.unicodeScalars.append("\u{00A0}")
                position += 1

            default:
                text.unicodeScalars.append(currentFont?.styled(scalar) ?? scalar)
                position += 1
            }
        }

        lexer.consumeRaw(upTo: position)
        return text
    }

    /// Reads the command at `offset` inside a text argument, applies it and returns the offset
    /// after it.
    private mutating func readTextCommand(
        at offset: Int, into text: inout String, font: inout MathFont?,
        openBraces: inout [OpenTextBrace]
    ) throws(TeXError) -> Int {
        let scalars = lexer.scalars
        let nameStart = offset + 1
        guard nameStart < scalars.count else {
            throw TeXError.backslashAtEnd(offset: offset)
        }

        var nameEnd = nameStart + 1
        if TeXLexer.isLetter(scalars[nameStart]) {
            while nameEnd < scalars.count, TeXLexer.isLetter(scalars[nameEnd]) {
                nameEnd += 1
            }
        }
        let name = String(scalars: scalars[nameStart..<nameEnd])
        // As in TeX, a control word swallows the spaces after it. A control symbol does not.
        let next = TeXLexer.isLetter(scalars[nameStart])
            ? lexer.offsetAfterWhitespace(from: nameEnd)
            : nameEnd

        if let literal = Self.textLiterals[name] {
            text += literal
            return next
        }

        guard case .text(let newFont)? = CommandTable.meaning(of: name) else {
            throw TeXError.unsupportedTextCommand(offset: offset, length: nameEnd - offset, name: name)
        }
        guard lexer.scalar(at: next) == "{" else {
            let token = TeXToken(kind: .command(name), offset: offset, length: nameEnd - offset)
            throw TeXError.textWithoutBraces(token, name: name)
        }
        try checkTextNesting(depth: openBraces.count, offset: next)
        openBraces.append(OpenTextBrace(offset: next, outerFont: font))
        font = newFont
        return next + 1
    }

    private func checkTextNesting(depth: Int, offset: Int) throws(TeXError) {
        guard nestingDepth + depth < ConversionLimits.maximumNestingDepth else {
            throw TeXError.nestingTooDeep(TeXToken(kind: .character("{"), offset: offset, length: 1))
        }
    }

    /// Text-mode commands that stand for fixed text.
    private static let textLiterals: [String: String] = [
        "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "#": "#", "_": "_",
        " ": "\u{00A0}", "\n": "\u{00A0}", "\t": "\u{00A0}", "\r": "\u{00A0}",
        ",": "\u{2009}", "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}",
        "textbackslash": "\\", "textasciicircum": "^", "textasciitilde": "~",
        "ldots": "\u{2026}", "dots": "\u{2026}", "textellipsis": "\u{2026}",
    ]
}
