import Foundation
import SourceDiagnostics
import Testing
@testable import ConvNote

/// `convnote check --fix`: each failed `expect` value is rewritten by position, and no other
/// byte changes.
@Suite struct FixTests {
    /// A note with CRLF endings, tabs, non-ASCII text before the blocks, the same wrong
    /// literal in prose and in another block, and a matrix laid out one row per line.
    static let note = "# Fix \u{E9}t\u{E9} \u{2202}\r\n\r\nThe value [4 11 18; 18 37 46; 36 67 77] also appears here.\r\n\r\n"
        + "```conv a\r\nx = [1 2 3\r\n     4 5 6\r\n     7 8 9]\r\nw = [1 2; 3 4]\r\npadding = same-start\r\n"
        + "expect y = [4 11 18\r\n\t    18 37 46\r\n\t    36 67 77]\r\nexpect dL/dx[1,1] = 11\t# wrong\r\n"
        + "expect dL/dw = [12 21; 27 45]\r\n```\r\n\r\n"
        + "```conv b\r\nx = [1 2 3; 4 5 6; 7 8 9]\r\nw = [1 2; 3 4]\r\npadding = same-start\r\nexpect y = [4 11 18; 18 37 46; 36 67 77]\r\n```\r\n"

    static let fixed = "# Fix \u{E9}t\u{E9} \u{2202}\r\n\r\nThe value [4 11 18; 18 37 46; 36 67 77] also appears here.\r\n\r\n"
        + "```conv a\r\nx = [1 2 3\r\n     4 5 6\r\n     7 8 9]\r\nw = [1 2; 3 4]\r\npadding = same-start\r\n"
        + "expect y = [4 11 18\r\n\t    18 37 47\r\n\t    36 67 77]\r\nexpect dL/dx[1,1] = 10\t# wrong\r\n"
        + "expect dL/dw = [12 21; 27 45]\r\n```\r\n\r\n"
        + "```conv b\r\nx = [1 2 3; 4 5 6; 7 8 9]\r\nw = [1 2; 3 4]\r\npadding = same-start\r\nexpect y = [4 11 18; 18 37 47; 36 67 77]\r\n```\r\n"

    @Test func fixRewritesOnlyValues() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/f.md", Self.note)

        let result = try folder.run("check", "--fix", "--diagnostics", "gcc")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.data("notes/f.md") == Data(Self.fixed.utf8))
        #expect(result.standardError.contains("notes/f.md:11:12: note: fixed: y at [2,3] is 47, but the note states 46"), "\(result)")
    }

    @Test func fixThenCheckPasses() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/f.md", Self.note)

        _ = try folder.run("check", "--fix")
        let again = try folder.run("check")

        #expect(again.status == 0, "\(again)")
    }

    @Test func fixWithoutFailuresWritesNothing() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/f.md", Self.fixed)
        let before = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("notes/f.md").path)

        let result = try folder.run("check", "--fix")
        let after = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("notes/f.md").path)

        #expect(result.status == 0, "\(result)")
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }

    @Test func changedNoteIsNotOverwritten() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/f.md", "edited meanwhile\n")
        let url = folder.url.appendingPathComponent("notes/f.md")

        #expect(throws: CommandError.self) {
            try AtomicFile.write(Data("fixed\n".utf8), to: url, unchangedFrom: Data("as read\n".utf8))
        }
        #expect(try folder.read("notes/f.md") == "edited meanwhile\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("notes").path)
        #expect(leftovers == ["f.md"])
    }

    /// Spec blocks inside block quotes and list items whose failed value spans several lines:
    /// each note before `--fix`, and the bytes expected after it. Every new row line keeps the
    /// quote markers and list indentation of the old value's first continuation line, so the
    /// block stays in its containers.
    static let nestedNotes: [(name: String, note: String, fixed: String)] = [
        ("block quote",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [0 0\n>             0 0]\n> ```\n",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [3 5\n>             9 11]\n> ```\n"),
        ("list item in a quote",
         "> - item\n>\n>   ```conv a\n>   x = [1 2 3\n>        4 5 6]\n>   w = [[1 1]]\n>   expect y = [0 0\n>               0 0]\n>   ```\n",
         "> - item\n>\n>   ```conv a\n>   x = [1 2 3\n>        4 5 6]\n>   w = [[1 1]]\n>   expect y = [3 5\n>               9 11]\n>   ```\n"),
        ("quote in a list item",
         "- item\n\n  > ```conv a\n  > x = [1 2 3\n  >      4 5 6]\n  > w = [[1 1]]\n  > expect y = [0 0\n  >             0 0]\n  > ```\n",
         "- item\n\n  > ```conv a\n  > x = [1 2 3\n  >      4 5 6]\n  > w = [[1 1]]\n  > expect y = [3 5\n  >             9 11]\n  > ```\n"),
        ("tab-indented list item",
         "-\titem\n\n\t```conv a\n\tx = [1 2 3\n\t     4 5 6]\n\tw = [[1 1]]\n\texpect y = [0 0\n\t            0 0]\n\t```\n",
         "-\titem\n\n\t```conv a\n\tx = [1 2 3\n\t     4 5 6]\n\tw = [[1 1]]\n\texpect y = [3 5\n\t            9 11]\n\t```\n"),
        ("nested quotes with CRLF and three rows",
         "> > ```conv a\r\n> > x = [1 2 3\r\n> >      4 5 6\r\n> >      7 8 9]\r\n> > w = [[1 1]]\r\n"
            + "> > expect y = [0 0\r\n> >             0 0\r\n> >             0 0]\r\n> > ```\r\n",
         "> > ```conv a\r\n> > x = [1 2 3\r\n> >      4 5 6\r\n> >      7 8 9]\r\n> > w = [[1 1]]\r\n"
            + "> > expect y = [3 5\r\n> >             9 11\r\n> >             15 17]\r\n> > ```\r\n"),
        ("quote with an empty quote line in the value",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [0 0\n>\n>   0 0]\n> ```\n",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [3 5\n>\n>   9 11]\n> ```\n"),
        // A value with the wrong number of rows is laid out again, one row per line.
        ("quote with a row too many",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [0 0\n>             0 0\n>             0 0]\n> ```\n",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [3 5\n>             9 11]\n> ```\n"),
        ("quote with a row too many after an empty quote line",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [0 0\n>\n>   0 0\n>   0 0]\n> ```\n",
         "> ```conv a\n> x = [1 2 3\n>      4 5 6]\n> w = [[1 1]]\n> expect y = [3 5\n>   9 11]\n> ```\n"),
        ("list item in a quote with a row too many",
         "> - item\n>\n>   ```conv a\n>   x = [1 2 3\n>        4 5 6]\n>   w = [[1 1]]\n>   expect y = [0 0\n>               0 0\n>               0 0]\n>   ```\n",
         "> - item\n>\n>   ```conv a\n>   x = [1 2 3\n>        4 5 6]\n>   w = [[1 1]]\n>   expect y = [3 5\n>               9 11]\n>   ```\n"),
    ]

    @Test(arguments: nestedNotes.map(\.name))
    func fixKeepsContainerPrefixes(_ name: String) throws {
        let (_, note, fixed) = try #require(Self.nestedNotes.first { $0.name == name })
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", note)

        let fix = try folder.run("check", "--fix")
        let again = try folder.run("check")

        #expect(fix.status == 0, "\(name): \(fix)")
        #expect(try folder.read("notes/a.md") == fixed, "\(name)")
        #expect(again.status == 0, "\(name): \(again)")
    }

    /// A value with one row per line keeps the comments, empty quote lines and CRLF endings
    /// between its rows, and the layout of a wrong shape with the right number of rows.
    @Test func fixKeepsCommentsBetweenRows() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "> ```conv a\r\n> x = [1 2 3\r\n>      4 5 6]\r\n> w = [[1 1]]\r\n"
            + "> expect y = [\r\n>\r\n>   0 0 # one\r\n>   # between\r\n>   0 0\r\n> ]\r\n> ```\r\n")
        try folder.write("notes/b.md", "```conv b\nx = [1 2 3\n     4 5 6]\nw = [[1 1]]\n"
            + "expect y = [0 0 0  # wrong shape\n            0 0 0]  # after\n```\n")

        let fix = try folder.run("check", "--fix")
        let again = try folder.run("check")

        #expect(fix.status == 0, "\(fix)")
        #expect(try folder.read("notes/a.md") == "> ```conv a\r\n> x = [1 2 3\r\n>      4 5 6]\r\n> w = [[1 1]]\r\n"
            + "> expect y = [\r\n>\r\n>   3 5 # one\r\n>   # between\r\n>   9 11\r\n> ]\r\n> ```\r\n")
        #expect(try folder.read("notes/b.md") == "```conv b\nx = [1 2 3\n     4 5 6]\nw = [[1 1]]\n"
            + "expect y = [3 5  # wrong shape\n            9 11]  # after\n```\n")
        #expect(again.status == 0, "\(again)")
    }

    @Test func fixOutsideTheTextIsRefused() {
        let fix = ValueFix(range: SourceRange(at: SourceLocation(line: 40, column: 1)), replacement: "1",
                           diagnostic: Diagnostic(id: "check.expectation", range: nil, message: "x"))
        #expect(ExpectationFixer.apply([fix], to: Data("one line\n".utf8)) == nil)
    }
}
