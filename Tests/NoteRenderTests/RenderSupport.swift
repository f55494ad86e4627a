import ConvolutionEngine
import Foundation
import NoteMarkdown
import NoteSpec
import SourceDiagnostics
import Testing
@testable import NoteRender

/// Parses a note, evaluates its top-level spec blocks with index base 1, and renders it.
func render(_ text: String) -> RenderedNote {
    let (note, _) = NoteParser.parse(text)
    var specs: [(outcome: SpecOutcome, line: Int)] = []
    var position = 0
    for block in note.blocks {
        guard case .codeBlock(let info, _, let lines, let location) = block,
              let (name, _) = specBlockName(info: info, at: location) else { continue }
        position += 1
        let blockName = name ?? "conv\(position)"
        let parsed = SpecParser().parse(
            name: blockName, range: SourceRange(at: location, length: 3),
            lines: lines.map { SpecLine(text: $0.text, location: $0.location) })
        if parsed.diagnostics.isEmpty, let evaluated = try? SpecEvaluator(indexBase: 1).evaluate(parsed.spec) {
            specs.append((.evaluated(evaluated), location.line))
        } else {
            specs.append((.failed(name: blockName), location.line))
        }
    }
    return NoteRenderer(generator: "convnote test").render(note, specs: specs)
}

/// The Markdown that the writer produces for page blocks.
func markdown(_ blocks: [PageBlock]) -> String {
    var writer = MarkdownWriter()
    writer.write(blocks)
    return writer.output
}

/// The HTML body that the writer produces for page blocks.
func html(_ blocks: [PageBlock]) -> String {
    var writer = HTMLWriter()
    writer.write(blocks)
    return writer.output
}

/// The part of a page between `<main class="note">` and `</main>`.
func body(ofPage page: String) -> String {
    guard let start = page.range(of: "<main class=\"note\">\n"), let end = page.range(of: "</main>") else { return "" }
    return String(page[start.upperBound..<end.lowerBound])
}

/// A formula whose MathML is a marker, for writer tests that do not convert TeX.
func formula(_ tex: String, display: Bool) -> Formula {
    Formula(tex: tex, mathML: "<math data-test>\(tex)</math>", display: display)
}

/// The blocks of a Markdown text as NoteParser reads them, flattened in document order,
/// with lists and quotes opened up.
func flattenedBlocks(_ text: String) -> [Block] {
    func flatten(_ blocks: [Block]) -> [Block] {
        blocks.flatMap { block -> [Block] in
            switch block {
            case .blockQuote(let children): return [block] + flatten(children)
            case .list(_, _, _, let items): return [block] + items.flatMap(flatten)
            default: return [block]
            }
        }
    }
    return flatten(NoteParser.parse(text).note.blocks)
}

/// The info strings and literals of every code block in a Markdown text.
func codeBlocks(_ text: String) -> [(info: String, literal: String)] {
    flattenedBlocks(text).compactMap { block in
        guard case .codeBlock(let info, let literal, _, _) = block else { return nil }
        return (info, literal)
    }
}
