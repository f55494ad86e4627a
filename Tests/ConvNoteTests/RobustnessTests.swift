import Foundation
import Testing

/// Inputs from trying convnote as a new user: each once lost data, misled, or gave a wrong page.
@Suite struct RobustnessTests {
    private static let spec = "```conv\nx = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\n```\n"

    @Test func outputIntoNotesIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let note = "# A\n\n\(Self.spec)\nResult {{ y }}.\n"
        try folder.write("notes/a.md", note)

        let sameFolder = try folder.run("build", "notes", "-o", "notes")
        let fileInOutput = try folder.run("build", "notes/a.md", "-o", "notes")

        #expect(sameFolder.status == 2, "\(sameFolder)")
        #expect(sameFolder.standardError.contains("would overwrite the notes"), "\(sameFolder)")
        #expect(fileInOutput.status == 2, "\(fileInOutput)")
        #expect(try folder.read("notes/a.md") == note)
    }

    @Test func emptyOutputDirectoryIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")

        let result = try folder.run("build", "-o", "")

        #expect(result.status == 2, "\(result)")
        #expect(!folder.exists("a.html"))
    }

    @Test func outputFolderIsNotReadAsNotes() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")

        let first = try folder.run("build", "notes", "-o", "notes/out")
        let second = try folder.run("build", "notes", "-o", "notes/out")

        #expect(first.status == 0, "\(first)")
        #expect(second.standardError.contains("Built 1 note ("), "\(second)")
        #expect(!folder.exists("notes/out/out"))
    }

    @Test func hiddenFoldersAreSkipped() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/.cache/b.md", "# B\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(!folder.exists("output/.cache/b.html"))
    }

    @Test func hiddenFilesAreSkipped() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("notes/.draft.md", "# Draft\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("Built 1 note ("), "\(result)")
        #expect(!folder.exists("output/.draft.html"))
    }

    @Test func collidingOutputsAreRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("one/a.md", "# One\n")
        try folder.write("two/a.md", "# Two\n")

        let result = try folder.run("build", "one", "two", "-o", "site")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("would both write a.html"), "\(result)")
    }

    @Test func carriageReturnLinesAreCounted() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/cr.md", "# CR\r\r```conv\rx = [1 2 3]\rw = [1 1]\rexpect y[9] = 1\r```\r")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/cr.md:6:9: error: index 9"), "\(result)")
    }

    @Test func manyChannelsExplainWithinLimits() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/wide.md", "# Wide\n\n```conv\nx : 64x6x6 = ones\nw : 64x3x3 = ones\n```\n\n{{ explain forward }}\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(try folder.read("output/wide.md").contains("\\cdots"))
    }

    @Test func largeSymbolicSpecIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/s.md", "# S\n\n```conv\nx : 1x8x16x16 = symbols(x)\nw : 8x8x3x3 = symbols(w)\n```\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/s.md:4:17: error: this symbolic spec has 112896 products"), "\(result)")
    }

    @Test func longSymbolicSumIsFast() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let sum = (0..<5000).map { "a\($0)" }.joined(separator: " + ")
        try folder.write("notes/s.md", "# S\n\n```conv\nx = [(\(sum)) 1]\nw = [1]\n```\n")

        let started = Date()
        let result = try folder.run("check")
        let seconds = Date().timeIntervalSince(started)

        #expect(result.status == 0, "\(result)")
        // NOTE: a generous bound that only catches a return of quadratic addition (tens of seconds).
        #expect(seconds < 20, "took \(seconds) s")
    }

    @Test func groupedWeightGradientIsPerGroup() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/g.md", "# G\n\n```conv\nx : 2x2x2 = arange(start: 1)\nw = [[[[1]]], [[[10]]]]\ngroups = 2\n```\n\n{{ explain weight-gradient }}\n")

        let result = try folder.run("build")
        let markdown = try folder.read("output/g.md")

        #expect(result.status == 0, "\(result)")
        #expect(markdown.contains("one such product per group"))
        #expect(!markdown.contains("With this spec's numbers"))
    }

    @Test func misspelledGeneratorIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/m.md", "# M\n\n```conv\nx = onez(3x3)\nw = [1 2; 3 4]\n```\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/m.md:4:5: error: unknown generator 'onez'"), "\(result)")
        #expect(result.standardError.contains("did you mean 'ones'?"), "\(result)")
    }

    @Test func emptyPlaceholderIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/e.md", "# E\n\n\(Self.spec)\nText {{ }} here.\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/e.md:8:6: error: this placeholder is empty"), "\(result)")
    }

    @Test func escapedBraceInMathStaysTeX() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/b.md", "# B\n\nA set $\\{{ a }\\}$.\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
    }

    @Test func distinctSymbolsRenderDistinctly() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/d.md", "# D\n\n```conv\nx = [x x_ a_b a__b]\nw = [1]\n```\n\n$y = {{ y }}$\n")

        let result = try folder.run("build")
        let markdown = try folder.read("output/d.md")

        #expect(result.status == 0, "\(result)")
        #expect(markdown.contains("\\mathit{x\\_}"))
        #expect(markdown.contains("\\mathit{a\\_\\_b}"))
    }

    @Test func pipeTableRenders() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/t.md", "# T\n\n| a | b |\n|:--|--:|\n| `x\\|y` | $\\alpha$ |\n| 1 \\| 2 | |\n")

        let result = try folder.run("build")
        let html = try folder.read("output/t.html")
        let markdown = try folder.read("output/t.md")

        #expect(result.status == 0, "\(result)")
        #expect(html.contains("<th style=\"text-align: left\">a</th><th style=\"text-align: right\">b</th>"))
        #expect(html.contains("<td style=\"text-align: left\">1 | 2</td>"))
        #expect(html.contains("<td style=\"text-align: left\"><code>x|y</code></td><td style=\"text-align: right\"><math>"))
        #expect(markdown.contains("|:-- | --:|") || markdown.contains("| :-- | --: |"))
    }

    @Test func indexLinksArePercentEncoded() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/x#1.md", "# Hash\n")
        try folder.write("notes/what?.md", "# Question\n")

        let result = try folder.run("build")
        let index = try folder.read("output/index.html")

        #expect(result.status == 0, "\(result)")
        #expect(index.contains("href=\"x%231.html\""))
        #expect(index.contains("href=\"what%3F.html\""))
    }

    @Test func controlCharactersAreNotPrinted() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/n.md", "# N\n\n```conv\nx = [1 \u{7} 2]\nw = [1]\n```\n")

        let result = try folder.run("check")

        #expect(result.status == 1, "\(result)")
        #expect(!result.standardError.contains("\u{7}"))
    }
}
