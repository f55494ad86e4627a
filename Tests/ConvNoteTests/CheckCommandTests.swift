import Foundation
import Testing

/// One wrong `expect` line for the numbers spec, the column where its stated value starts,
/// and the message check must print.
struct WrongExpectation: Sendable, CustomStringConvertible {
    var statement: String
    var column: Int
    var message: String
    var description: String { statement }
}

@Suite struct CheckCommandTests {
    @Test func checkPassesNumbersSpec() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/numbers.md", "# Numbers\n\n\(numbersSpec)\n")

        let result = try folder.run("check")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError == "Checked 1 note: no problems\n")
    }

    @Test func checkPassesSymbolicSpec() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/seed.md", "# Seed\n\n\(seedSpec)\n")

        let result = try folder.run("check", "notes")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("no problems"))
    }

    static let wrongExpectations: [WrongExpectation] = [
        WrongExpectation(statement: "expect dL/dx[1,1] = 11", column: 21,
                         message: "dL/dx[1,1] is 10, but the note states 11"),
        WrongExpectation(statement: "expect y = [4 11 18; 18 37 47; 36 67 78]", column: 12,
                         message: "y at [3,3] is 77, but the note states 78"),
        WrongExpectation(statement: "expect dL/dw = [12 21; 27 46]", column: 16,
                         message: "dL/dw at [2,2] is 45, but the note states 46"),
        WrongExpectation(statement: "expect   y[2,3]   =   -1/2", column: 23,
                         message: "y[2,3] is 47, but the note states -1/2"),
        WrongExpectation(statement: "expect y | sum = 300", column: 18,
                         message: "y | sum is 315, but the note states 300"),
        WrongExpectation(statement: "expect y | shape = 2x2", column: 20,
                         message: "y | shape is 3x3, but the note states 2x2"),
    ]

    /// The line of the added `expect` statement in the note that `noteWithExpectation` writes.
    static let addedLine = 13

    /// Writes the numbers spec with one more `expect` line at the end of the block.
    private func noteWithExpectation(_ statement: String, in folder: NoteFolder) throws {
        let spec = numbersSpec.replacingOccurrences(of: "\n```", with: "\n\(statement)\n```")
        try folder.write("notes/wrong.md", "# Wrong\n\n\(spec)\n")
        let lines = try folder.read("notes/wrong.md").split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines[Self.addedLine - 1] == statement[...])
    }

    @Test(arguments: wrongExpectations)
    func wrongExpectGccFormat(_ wrong: WrongExpectation) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try noteWithExpectation(wrong.statement, in: folder)

        let result = try folder.run("check", "notes", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == "notes/wrong.md:\(Self.addedLine):\(wrong.column): error: \(wrong.message)", "\(result)")
        #expect(lines.last == "Checked 1 note: 1 error")
        // The gcc form quotes no source line.
        #expect(!lines.contains { $0.hasPrefix(" \(Self.addedLine) | ") }, "\(result)")
    }

    @Test(arguments: wrongExpectations)
    func wrongExpectHumanFormat(_ wrong: WrongExpectation) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try noteWithExpectation(wrong.statement, in: folder)

        let result = try folder.run("check")

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "\(result)")
        #expect(lines[0] == "notes/wrong.md:\(Self.addedLine):\(wrong.column): error: \(wrong.message)")
        #expect(lines[1] == " \(Self.addedLine) | \(wrong.statement)")
        // The caret is under the first character of the stated value.
        let caretLine = lines[2]
        #expect(caretLine.hasPrefix("    | "))
        let caretColumn = caretLine.dropFirst("    | ".count).prefix { $0 == " " }.count + 1
        #expect(caretColumn == wrong.column, "\(caretLine)")
        #expect(caretLine.dropFirst("    | ".count + wrong.column - 1).first == "^")
    }

    @Test func wrongMatrixNotesComputedValue() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try noteWithExpectation("expect dL/dx = [10 10 6; 10 10 6; 7 7 5]", in: folder)

        let gcc = try folder.run("check", "--diagnostics=gcc")
        let human = try folder.run("check")

        #expect(gcc.standardError.contains(
            "notes/wrong.md:13:16: note: computed: [10 10 6; 10 10 6; 7 7 4]\n"), "\(gcc)")
        #expect(human.standardError.contains("   note: computed: [10 10 6; 10 10 6; 7 7 4]\n"), "\(human)")
    }

    @Test func wrongSymbolicExpectNamesBothValues() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let spec = seedSpec.replacingOccurrences(of: "expect dL/dx[3,3] = d", with: "expect dL/dx[3,3] = c")
        try folder.write("notes/seed.md", "# Seed\n\n\(spec)\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix("notes/seed.md:10:21: error: dL/dx[3,3] is d, but the note states c\n"),
                "\(result)")
    }

    @Test func expectInsideQuoteKeepsColumn() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/quote.md", """
            # Quote

            > ```conv
            > x = [1 2 3; 4 5 6; 7 8 9]
            > w = [1 2; 3 4]
            > padding = same-start
            > expect y[2,2] = 36
            > ```

            """)

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix("notes/quote.md:7:19: error: y[2,2] is 37, but the note states 36\n"),
                "\(result)")
    }

    @Test func duplicateBlockNamesFail() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/dup.md", "# Dup\n\n```conv same\nx = [1 2; 3 4]\nw = [[1]]\n```\n\n```conv same\nx = [1 2; 3 4]\nw = [[2]]\n```\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix("notes/dup.md:8:1: error: two spec blocks are named 'same'; the first is at line 3\n"),
                "\(result)")
    }

    @Test func crlfNoteKeepsLocations() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let note = "# CRLF\n\n```conv\nx = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\nexpect y[1,1] = 5\n```\n\nText $\\nope x$ here.\n"
        try folder.write("notes/crlf.md", note.replacingOccurrences(of: "\n", with: "\r\n"))

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        let errors = result.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.first == "notes/crlf.md:6:17: error: y[1,1] is 37, but the note states 5", "\(result)")
        #expect(errors.dropFirst().first?.hasPrefix("notes/crlf.md:9:7: error: unsupported TeX command \\nope") == true, "\(result)")
    }

    @Test func staleOutputFailsCheck() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)
        #expect(try folder.run("check").status == 0)

        try folder.write("notes/small.md", smallNote.replacingOccurrences(of: "The output is", with: "The result is"))
        let stale = try folder.run("check")

        #expect(stale.status == 1, "\(stale)")
        #expect(stale.standardError.contains("output/small.html: error: output/small.html is missing or out of date"), "\(stale)")
        #expect(stale.standardError.contains("output/small.md: error: output/small.md is missing or out of date"), "\(stale)")
        #expect(!stale.standardError.contains("index.html"), "\(stale)")
        #expect(stale.standardError.contains("run convnote build to regenerate it"))
        #expect(stale.standardError.hasSuffix("Checked 1 note: 2 errors\n"), "\(stale)")

        #expect(try folder.run("build").status == 0)
        let fresh = try folder.run("check")
        #expect(fresh.status == 0, "\(fresh)")
    }

    @Test func missingOutputFileFailsCheck() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("output/index.html"))

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("output/index.html: error: output/index.html is missing or out of date"),
                "\(result)")
    }

    @Test func checkWithoutOutputSkipsStaleness() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)

        let result = try folder.run("check", "notes", "-o", "never-built")

        #expect(result.status == 0, "\(result)")
        #expect(!folder.exists("never-built"), "check must write nothing")
    }

    @Test func checkWritesNothing() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)
        try folder.write("notes/small.md", smallNote + "\nOne more line.\n")
        let before = try folder.files(under: "output")

        let result = try folder.run("check")

        #expect(result.status == 1, "\(result)")
        #expect(try folder.files(under: "output") == before)
    }

    /// A note with errors keeps the pages of its last good build, so check must not call
    /// them stale: no build would change them.
    @Test func failingNotePagesAreNotStale() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/first.md", smallNote)
        try folder.write("notes/other.md", "# Other\n")
        try #require(try folder.run("build").status == 0)
        try folder.write("notes/first.md", smallNote.replacingOccurrences(of: "expect y = [4 11 18;", with: "expect y = [5 11 18;"))

        let before = try folder.run("check", "--diagnostics", "gcc")
        let build = try folder.run("build")
        let after = try folder.run("check", "--diagnostics", "gcc")

        for result in [before, after] {
            #expect(result.status == 1, "\(result)")
            #expect(result.standardError.contains("notes/first.md:"), "\(result)")
            #expect(!result.standardError.contains("output/"), "\(result)")
            #expect(!result.standardError.contains(".convnote-manifest"), "\(result)")
            #expect(result.standardError.hasSuffix("Checked 2 notes: 1 error\n"), "\(result)")
        }
        #expect(build.status == 1, "\(build)")
        #expect(folder.exists("output/first.html"))
    }

    /// A note that cannot be decoded has no outputs in this build. Its old pages must stay
    /// and stay listed in the manifest, so that they go once the note is deleted.
    @Test func undecodableNoteKeepsPages() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", smallNote)
        try folder.write("notes/b.md", "# B\n")
        try #require(try folder.run("build").status == 0)
        let page = try folder.read("output/a.html")
        try Data([0x23, 0x20, 0xFF, 0x0A]).write(to: folder.url.appendingPathComponent("notes/a.md"))

        let first = try folder.run("build")
        let second = try folder.run("build")
        let check = try folder.run("check")

        #expect(first.status == 1, "\(first)")
        #expect(second.status == 1, "\(second)")
        #expect(try folder.read("output/a.html") == page)
        #expect(try folder.read("output/.convnote-manifest").contains("a.html\n"))
        #expect(check.standardError.hasSuffix("Checked 2 notes: 1 error\n"), "\(check)")

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/a.md"))
        let removed = try folder.run("build")

        #expect(removed.status == 0, "\(removed)")
        #expect(!folder.exists("output/a.html"))
        #expect(!folder.exists("output/a.md"))
    }

    @Test func verboseCheckListsNotes() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/good.md", "# Good\n")
        try folder.write("notes/bad.md", "# Bad\n\n```conv\nx = [1 2 3]\nw = [1 1]\nexpect y = [0 0]\n```\n")

        let result = try folder.run("check", "--verbose")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/good.md: passed\n"), "\(result)")
        #expect(result.standardError.contains("notes/bad.md: failed\n"), "\(result)")
    }
}
