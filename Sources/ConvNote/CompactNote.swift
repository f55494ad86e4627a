import Foundation
import NoteRender
import SourceDiagnostics

/// A compact encoding of a processed note without diagnostics, the common case, for the
/// first section of a build-cache entry. A rebuild decodes one per unchanged note, and
/// Foundation's JSONDecoder took about 200 000 instructions for each, a tenth of a rebuild.
///
/// Layout: the byte `P`, then fields, each a decimal byte count, a colon and that many bytes.
/// The fields are the title, the summary and the number of links, then each link's
/// destination, line and column. The number of figures follows, then each figure's title and
/// file name. Numbers are decimal text.
enum CompactNote {
    static let marker = UInt8(ascii: "P")

    /// Encodes `note`, or returns nil when it has diagnostics or fixes, which go through JSON.
    static func encode(_ note: ProcessedNote) -> Data? {
        guard let rendered = note.rendered, note.diagnostics.isEmpty, note.fixes.isEmpty, rendered.diagnostics.isEmpty else {
            return nil
        }
        var data = Data([marker])
        func append(_ text: String) {
            data.append(contentsOf: "\(text.utf8.count):".utf8)
            data.append(contentsOf: text.utf8)
        }
        append(rendered.title)
        append(rendered.summary)
        append(String(rendered.noteLinks.count))
        for link in rendered.noteLinks {
            append(link.destination)
            append(String(link.location.line))
            append(String(link.location.column))
        }
        append(String(rendered.figures.count))
        for figure in rendered.figures {
            append(figure.title)
            append(figure.fileName)
        }
        return data
    }

    /// Decodes the bytes that `encode` wrote, or returns nil when they are not a whole
    /// compact note. The pages, figures' SVG and lines come back empty.
    static func decode(_ data: Data) -> ProcessedNote? {
        guard data.first == marker else { return nil }
        var reader = FieldReader(data: data, position: data.startIndex + 1)
        guard let title = reader.text(), let summary = reader.text(), let linkCount = reader.number() else { return nil }
        var links: [NoteLink] = []
        for _ in 0..<linkCount {
            guard let destination = reader.text(), let line = reader.number(), let column = reader.number() else { return nil }
            links.append(NoteLink(destination, at: SourceLocation(line: line, column: column)))
        }
        guard let figureCount = reader.number() else { return nil }
        var figures: [Figure] = []
        for _ in 0..<figureCount {
            guard let figureTitle = reader.text(), let fileName = reader.text() else { return nil }
            figures.append(Figure(title: figureTitle, fileName: fileName))
        }
        guard reader.position == data.endIndex else { return nil }
        let rendered = RenderedNote(title: title, summary: summary, noteLinks: links, figures: figures)
        return ProcessedNote(rendered: rendered, diagnostics: [], lines: [])
    }

    /// Reads length-prefixed fields one after another, with every count checked against
    /// the bytes left.
    private struct FieldReader {
        let data: Data
        var position: Data.Index

        mutating func text() -> String? {
            guard let colon = data[position...].prefix(20).firstIndex(of: UInt8(ascii: ":")),
                  let count = Int(String(decoding: data[position..<colon], as: UTF8.self)),
                  count >= 0, count <= data.endIndex - colon - 1 else { return nil }
            let start = colon + 1
            position = start + count
            return String(decoding: data[start..<position], as: UTF8.self)
        }

        /// Reads a field with a count, line or column. It must be at most the entry's size,
        /// so that a damaged entry cannot make a loop run for long.
        mutating func number() -> Int? {
            guard let text = text(), let value = Int(text), value >= 0, value <= data.count else { return nil }
            return value
        }
    }
}
