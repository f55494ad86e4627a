import Foundation
import Testing

/// A note whose symbolic exponent leaves 64 bits is an overflow error: check --fix leaves
/// its expect alone, and build publishes no page with a wrapped exponent.
@Suite struct OverflowNoteTests {
    static let note = "# Overflow\n\n```conv\nx = [\(EvalCommandTests.nestedPower(levels: 16)) 1]\nw = [a 1]\nexpect x = [1 1]\n```\n"

    @Test func fixLeavesOverflowedExpect() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/overflow.md", Self.note)

        let result = try folder.run("check", "--fix", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/overflow.md:4:6: error: the value \(EvalCommandTests.nestedPower(levels: 16)) cannot be held exactly"), "\(result)")
        #expect(try folder.read("notes/overflow.md") == Self.note)
    }

    @Test func buildPublishesNoWrappedExponent() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/overflow.md", Self.note)

        let result = try folder.run("build")

        #expect(result.status == 1, "\(result)")
        #expect(!folder.exists("output/overflow.md"))
        #expect(!folder.exists("output/overflow.html"))
    }
}
