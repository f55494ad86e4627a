import SourceDiagnostics
import Testing
@testable import NoteMarkdown

/// Parses a note and returns it with its diagnostics.
func parseNote(_ text: String) -> (note: MarkdownNote, diagnostics: [Diagnostic]) {
    NoteParser.parse(text)
}

/// Returns the TeX of every math span, in order.
func texts(_ note: MarkdownNote) -> [String] {
    note.maths.map(\.tex.string)
}

/// Returns every block, depth first, including those inside lists and block quotes.
func allBlocks(_ blocks: [Block]) -> [Block] {
    var result: [Block] = []
    for block in blocks {
        result.append(block)
        switch block {
        case .blockQuote(let children):
            result += allBlocks(children)
        case .list(_, _, _, let items):
            for item in items { result += allBlocks(item) }
        default:
            break
        }
    }
    return result
}

/// Returns the inlines of every paragraph and heading, in document order.
func allInlines(_ note: MarkdownNote) -> [Inline] {
    var result: [Inline] = []
    for block in allBlocks(note.blocks) {
        switch block {
        case .paragraph(let inlines, _), .heading(_, let inlines, _):
            result += flattened(inlines)
        default:
            break
        }
    }
    return result
}

/// Returns the inlines with emphasis, strong and link content spliced in place of their container.
func flattened(_ inlines: [Inline]) -> [Inline] {
    var result: [Inline] = []
    for inline in inlines {
        switch inline {
        case .emphasis(let children), .strong(let children), .link(_, _, let children), .image(_, _, let children):
            result.append(inline)
            result += flattened(children)
        default:
            result.append(inline)
        }
    }
    return result
}

/// Writes inlines as a compact transcript: text as is, `⟨m0⟩` for math 0, `⟨p0⟩` for placeholder
/// 0, `⟨code:…⟩`, `⟨em⟩`, `⟨strong⟩` and `⏎` for a soft break.
func transcript(_ inlines: [Inline]) -> String {
    inlines.map { inline -> String in
        switch inline {
        case .text(let text): return text
        case .softBreak: return "⏎"
        case .lineBreak: return "⤶"
        case .code(let code): return "⟨code:\(code)⟩"
        case .html(let html): return "⟨html:\(html)⟩"
        case .emphasis(let children): return "⟨em:\(transcript(children))⟩"
        case .strong(let children): return "⟨strong:\(transcript(children))⟩"
        case .link(let destination, _, let children): return "⟨link \(destination):\(transcript(children))⟩"
        case .image(let destination, _, let children): return "⟨image \(destination):\(transcript(children))⟩"
        case .math(let index): return "⟨m\(index)⟩"
        case .placeholder(let index): return "⟨p\(index)⟩"
        }
    }.joined()
}

/// Returns the transcript of every paragraph and heading, one string per block.
func paragraphs(_ note: MarkdownNote) -> [String] {
    allBlocks(note.blocks).compactMap { block in
        switch block {
        case .paragraph(let inlines, _), .heading(_, let inlines, _): transcript(inlines)
        default: nil
        }
    }
}

/// Returns the code blocks of a note, depth first.
func codeBlocks(_ note: MarkdownNote) -> [(info: String, literal: String, lines: [LocatedLine], location: SourceDiagnostics.SourceLocation)] {
    allBlocks(note.blocks).compactMap { block in
        guard case .codeBlock(let info, let literal, let lines, let location) = block else { return nil }
        return (info, literal, lines, location)
    }
}

/// Returns the locations of paragraphs, headings and code blocks, depth first.
func blockLocations(_ note: MarkdownNote) -> [SourceDiagnostics.SourceLocation] {
    allBlocks(note.blocks).compactMap { block in
        switch block {
        case .paragraph(_, let location), .heading(_, _, let location), .codeBlock(_, _, _, let location): location
        default: nil
        }
    }
}

func location(_ line: Int, _ column: Int) -> SourceDiagnostics.SourceLocation {
    SourceLocation(line: line, column: column)
}
