import Testing
@testable import NoteMarkdown

/// Pipe tables are read from the note's lines, which end in LF, CRLF or CR.
struct PipeTableLineEndingTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func tableParsesWithEveryLineEnding(_ lineEnd: String) {
        let text = ["Intro.", "", "| a | b |", "|---|--:|", "| 1 | $x$ |", "| 2 | 3 |", "", "After."]
            .joined(separator: lineEnd) + lineEnd
        let (note, diagnostics) = parseNote(text)
        #expect(diagnostics.isEmpty)

        let tables = note.blocks.compactMap { block -> (header: [[Inline]], rows: [[[Inline]]])? in
            if case .table(_, let header, let rows) = block { return (header, rows) }
            return nil
        }
        #expect(tables.count == 1)
        #expect(tables.first?.header.count == 2)
        #expect(tables.first?.rows.count == 2)
        #expect(tables.first?.rows.first?.last.map { inlines in inlines.contains { if case .math = $0 { true } else { false } } } == true)
    }
}
