import Foundation
import NoteRender
import SourceDiagnostics
import Testing
@testable import ConvNote

/// Build-cache entries store notes without diagnostics in a compact form instead of JSON.
@Suite struct CompactNoteTests {
    private static let text = """
        ---
        summary: "A summary: with a colon, 3:4."
        ---
        # Title with é and a "quote"

        A first paragraph.

        See [the other note](other.md) and [a part](sub/part.md#anchor).

        ```conv
        x = [1 2 3; 4 5 6; 7 8 9]
        w = [1 0; 0 -1]
        ```

        {{ figure padding }}
        """

    @Test func roundTripKeepsMetadata() throws {
        let note = NoteProcessor(generator: "test").process(Self.text, fileStem: "compact")
        let rendered = try #require(note.rendered)
        #expect(note.diagnostics.isEmpty, "\(note.diagnostics)")
        #expect(rendered.noteLinks.count == 2)
        #expect(rendered.figures.count == 1)
        #expect(rendered.summary.contains("3:4"), "\(rendered.summary)")

        let data = try #require(CompactNote.encode(note))
        let decoded = try #require(CompactNote.decode(data))
        let back = try #require(decoded.rendered)

        #expect(back.title == rendered.title)
        #expect(back.summary == rendered.summary)
        #expect(back.noteLinks == rendered.noteLinks)
        #expect(back.figures.map(\.title) == rendered.figures.map(\.title))
        #expect(back.figures.map(\.fileName) == rendered.figures.map(\.fileName))
        #expect(back.figures.allSatisfy { $0.svg.isEmpty })
        #expect(back.html.isEmpty)
        #expect(decoded.diagnostics.isEmpty)
    }

    @Test func diagnosticsGoThroughJSON() {
        let note = NoteProcessor(generator: "test").process("# A\n\n```conv\nx = [1 2]\npaddin = 1\n```\n", fileStem: "a")

        #expect(!note.diagnostics.isEmpty)
        #expect(CompactNote.encode(note) == nil)
    }

    @Test func damagedBytesAreRejected() throws {
        let note = NoteProcessor(generator: "test").process(Self.text, fileStem: "compact")
        let data = try #require(CompactNote.encode(note))

        for length in [0, 1, 2, data.count / 3, data.count / 2, data.count - 1] {
            #expect(CompactNote.decode(data.prefix(length)) == nil, "length \(length)")
        }
        #expect(CompactNote.decode(data + Data("1:x".utf8)) == nil)
        #expect(CompactNote.decode(Data("P1:t1:s99999999999999999999:".utf8)) == nil)
        #expect(CompactNote.decode(Data("P1:t1:s1:9".utf8)) == nil)
        #expect(CompactNote.decode(Data("P-1:t".utf8)) == nil)
    }

    @Test func sliceDecodes() throws {
        let note = NoteProcessor(generator: "test").process(Self.text, fileStem: "compact")
        let data = try #require(CompactNote.encode(note))
        let padded = Data("prefix".utf8) + data

        let decoded = try #require(CompactNote.decode(padded.dropFirst(6)))

        #expect(decoded.rendered?.title == note.rendered?.title)
    }
}
