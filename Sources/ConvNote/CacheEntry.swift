import Foundation

/// The bytes of one build-cache file. The pages and figures are stored raw, each after its
/// length, and only the small rest of the note goes through JSON. A rebuild reads one entry
/// per unchanged note, and decoding megabytes of escaped HTML from JSON strings would take
/// most of its time.
///
/// Layout: the line `convnote-cache 1`, then sections, each a decimal byte count, a newline
/// and that many bytes. The first section is the JSON of the note without its pages, figures
/// and lines. The HTML page, the Markdown page and the note's lines, joined by newlines,
/// follow. Each figure's SVG comes last, one section per figure in figure order.
enum CacheEntry {
    private static let magic = Data("convnote-cache 1\n".utf8)

    static func encode(_ note: ProcessedNote) -> Data? {
        var skeleton = note
        skeleton.lines = []
        skeleton.rendered?.html = ""
        skeleton.rendered?.markdown = ""
        for index in skeleton.rendered?.figures.indices ?? (0..<0) {
            skeleton.rendered?.figures[index].svg = ""
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(skeleton) else { return nil }

        var data = magic
        func append(_ bytes: Data) {
            data.append(contentsOf: "\(bytes.count)\n".utf8)
            data.append(bytes)
        }
        append(json)
        if let pages = note.cachedPages {
            append(pages.html)
            append(pages.markdown)
            append(Data(note.lines.joined(separator: "\n").utf8))
            for figure in pages.figures { append(figure.dropLast()) }
        } else {
            append(Data((note.rendered?.html ?? "").utf8))
            append(Data((note.rendered?.markdown ?? "").utf8))
            append(Data(note.lines.joined(separator: "\n").utf8))
            for figure in note.rendered?.figures ?? [] { append(Data(figure.svg.utf8)) }
        }
        return data
    }

    /// Reads the note stored in `data`. Returns nil when the bytes are not a whole entry of
    /// this layout, and the caller then computes the note again.
    static func decode(_ data: Data) -> ProcessedNote? {
        guard data.starts(with: magic) else { return nil }
        var sections: [Data] = []
        var position = data.startIndex + magic.count
        while position < data.endIndex {
            guard let newline = data[position...].firstIndex(of: UInt8(ascii: "\n")),
                  let count = Int(String(decoding: data[position..<newline], as: UTF8.self)),
                  count >= 0, count <= data.endIndex - newline - 1 else { return nil }
            let start = newline + 1
            sections.append(data[start..<start + count])
            position = start + count
        }
        guard sections.count >= 4, var note = try? JSONDecoder().decode(ProcessedNote.self, from: sections[0]) else { return nil }

        note.lines = lines(sections[3])
        if let figures = note.rendered?.figures {
            guard sections.count == 4 + figures.count else { return nil }
            // The pages stay bytes: decoding them would check megabytes of UTF-8 that only
            // go back to disk. The figures' SVG files end with a newline, as written fresh.
            note.cachedPages = PageBytes(html: sections[1], markdown: sections[2],
                                         figures: sections[4...].map { $0 + [UInt8(ascii: "\n")] })
        }
        return note
    }

    /// Splits the lines section at its newlines, by bytes: splitting a string would first
    /// break it into graphemes, and a generic split of `Data` is several times slower still.
    private static func lines(_ section: Data) -> [String] {
        section.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [String] in
            var result: [String] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
                result.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            result.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return result
        }
    }
}
