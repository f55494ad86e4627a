import Foundation
import SourceDiagnostics
import Testing
@testable import NoteMarkdown

/// A note made of one unit repeated, with what parsing it must produce.
/// A count of -1 means one for every unit.
struct RepeatedNote: Sendable, CustomTestStringConvertible {
    var unit: String
    var maths: Int
    var placeholders: Int
    var diagnostics: Int

    var testDescription: String { "\(unit.debugDescription) × N" }

    func text(count: Int) -> String {
        String(repeating: unit, count: count)
    }
}

/// Notes built to make a careless scanner search from every opener to the end of the text.
@Suite(.serialized) struct PathologicalInputTests {
    static let smallCount = 10_000
    static let largeCount = 100_000

    static let notes: [RepeatedNote] = [
        RepeatedNote(unit: "$a ", maths: 0, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "$", maths: 0, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "$$", maths: 0, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "\\$", maths: 0, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "{{", maths: 0, placeholders: 0, diagnostics: 1),
        RepeatedNote(unit: "$a$ ", maths: -1, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "{{\n", maths: 0, placeholders: 0, diagnostics: -1),
    ]

    /// Returns the fastest of `runs` parses of `text`, in seconds.
    static func fastestParse(of text: String, runs: Int) -> Double {
        var fastest = Double.infinity
        for _ in 0..<runs {
            let start = Date()
            _ = NoteParser.parse(text)
            fastest = min(fastest, Date().timeIntervalSince(start))
        }
        return fastest
    }

    @Test(arguments: notes)
    func fullSizeNoteFinishes(_ input: RepeatedNote) {
        let count = Self.largeCount
        let (note, diagnostics) = NoteParser.parse(input.text(count: count))
        #expect(note.maths.count == (input.maths < 0 ? count : input.maths))
        #expect(note.placeholders.count == input.placeholders)
        #expect(diagnostics.count == (input.diagnostics < 0 ? count : input.diagnostics))
    }

    /// Linear time gives a ratio near 10, quadratic time near 100.
    @Test(arguments: notes)
    func timeGrowsLinearly(_ input: RepeatedNote) {
        let small = Self.fastestParse(of: input.text(count: Self.smallCount), runs: 5)
        let large = Self.fastestParse(of: input.text(count: Self.largeCount), runs: 3)
        let ratio = large / max(small, 1e-9)
        #expect(ratio < 40, "\(Self.largeCount) units took \(ratio) times as long as \(Self.smallCount)")
    }

    @Test func escapedDollarsStayText() {
        let (note, _) = NoteParser.parse(String(repeating: "\\$", count: 1_000))
        #expect(paragraphs(note) == [String(repeating: "$", count: 1_000)])
    }

    /// Units that put one cmark node or protection token after another. These use smaller
    /// sizes, 400 and 6 400, so that a quadratic parse still ends in
    /// seconds. Linear time gives a ratio near 16, quadratic time near 256.
    static let manyNodes: [RepeatedNote] = [
        RepeatedNote(unit: "$a$\n\n", maths: -1, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "{{ y }}\n\n", maths: 0, placeholders: -1, diagnostics: 0),
        RepeatedNote(unit: "`a` ", maths: 0, placeholders: 0, diagnostics: 0),
        RepeatedNote(unit: "<b> ", maths: 0, placeholders: 0, diagnostics: 0),
    ]

    @Test(arguments: manyNodes)
    func manyNodesGrowLinearly(_ input: RepeatedNote) {
        let small = Self.fastestParse(of: input.text(count: 400), runs: 5)
        let large = Self.fastestParse(of: input.text(count: 6_400), runs: 1)
        let ratio = large / max(small, 1e-9)
        #expect(ratio < 64, "6 400 units took \(ratio) times as long as 400")
    }

    @Test(arguments: manyNodes)
    func manyNodesParse(_ input: RepeatedNote) {
        let (note, _) = NoteParser.parse(input.text(count: 500))
        #expect(note.maths.count == (input.maths < 0 ? 500 : input.maths))
        #expect(note.placeholders.count == (input.placeholders < 0 ? 500 : input.placeholders))
    }
}
