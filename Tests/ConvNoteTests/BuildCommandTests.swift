import Foundation
import Testing

/// A short note with front matter, inline and display math, a spec block and a placeholder.
let smallNote = """
    ---
    title: Small note
    summary: A note for the build tests.
    ---

    # Small note

    Inline $x^2$ and a display formula:

    $$y = w \\star x$$

    \(numbersSpec)

    The output is {{ y }}.

    """

@Suite struct BuildCommandTests {
    @Test func buildWritesPagesAndIndex() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("output/small.html"))
        #expect(folder.exists("output/small.md"))
        #expect(folder.exists("output/index.html"))
        #expect(result.standardError.contains("Built 1 note (1 rebuilt, 0 cached"), "\(result)")
    }

    @Test func htmlHasMathMLAndNoScript() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)

        let html = try folder.read("output/small.html")

        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<math"))
        #expect(html.contains("<math display=\"block\""))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<title>Small note</title>"))
        #expect(html.contains("<meta name=\"description\" content=\"A note for the build tests.\">"))
        // The placeholder {{ y }} became the computed matrix, as MathML numbers.
        #expect(html.contains("<mn>77</mn>"))
    }

    @Test func markdownUsesGitHubMath() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)

        let markdown = try folder.read("output/small.md")

        #expect(markdown.contains("Inline $`x^2`$ and a display formula:"))
        #expect(markdown.contains("\n```math\ny = w \\star x\n```\n"))
        #expect(markdown.contains(
            "The output is $`\\begin{bmatrix} 4 & 11 & 18 \\\\ 18 & 37 & 47 \\\\ 36 & 67 & 77 \\end{bmatrix}`$."))
        #expect(!markdown.contains("$$"))
        #expect(markdown.hasSuffix("\n"))
    }

    @Test func indexListsEveryNote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try folder.write("notes/sub/b.md", "# Nested note\n\nText with $a + b$.\n")
        try #require(try folder.run("build").status == 0)

        let index = try folder.read("output/index.html")

        #expect(index.contains("<a href=\"small.html\">Small note</a>"))
        #expect(index.contains("<span class=\"summary\">A note for the build tests.</span>"))
        #expect(index.contains("<a href=\"sub/b.html\">Nested note</a>"))
        #expect(!index.lowercased().contains("<script"))
    }

    @Test func buildMirrorsNestedFolders() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [b](sub/b.md#part).\n")
        try folder.write("notes/sub/b.md", "# B\n\n## Part\n\nText with $a + b$.\n")
        try folder.write("notes/sub/deeper/c.md", "# C\n")

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("output/a.html"))
        #expect(folder.exists("output/sub/b.html"))
        #expect(folder.exists("output/sub/b.md"))
        #expect(folder.exists("output/sub/deeper/c.html"))
        #expect(folder.exists("output/sub/deeper/c.md"))
        #expect(!folder.exists("output/b.html"))
        #expect(try folder.read("output/a.html").contains("<a href=\"sub/b.html#part\">b</a>"))
    }

    @Test func buildOfOneFileWritesNoIndex() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)

        let result = try folder.run("build", "notes/small.md", "-o", "out")

        #expect(result.status == 0, "\(result)")
        #expect(folder.exists("out/small.html"))
        #expect(folder.exists("out/small.md"))
        #expect(!folder.exists("out/index.html"))
    }

    @Test func buildIsDeterministic() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try folder.write("notes/sub/seed.md", "# Seed\n\n\(seedSpec)\n\n{{ explain all }}\n\n{{ verify }}\n")

        let first = try folder.run("build", "notes", "-o", "first")
        let second = try folder.run("build", "notes", "-o", "second")
        let again = try folder.run("build", "notes", "-o", "first")

        #expect(first.status == 0, "\(first)")
        #expect(second.status == 0, "\(second)")
        let firstFiles = try folder.files(under: "first")
        #expect(firstFiles.keys.sorted() == [".convnote-manifest", "index.html", "small.html", "small.md", "sub/seed.html", "sub/seed.md"])
        #expect(firstFiles == (try folder.files(under: "second")))
        // A build over an unchanged output folder rewrites nothing.
        #expect(again.standardError.contains("0 files written"), "\(again)")
    }

    @Test func buildFromOtherDirectoryMatches() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try folder.write("notes/sub/b.md", "# B\n\nText with $a + b$.\n")
        try folder.write("elsewhere/.keep", "")
        try #require(try folder.run("build", "notes", "-o", "relative").status == 0)

        let notes = folder.url.appendingPathComponent("notes").path
        let output = folder.url.appendingPathComponent("absolute").path
        let result = try Convnote.run(["build", notes, "-o", output], in: folder.url.appendingPathComponent("elsewhere"))

        #expect(result.status == 0, "\(result)")
        let relative = try folder.files(under: "relative")
        #expect(relative.count == 6)
        #expect(relative == (try folder.files(under: "absolute")))
    }

    /// A note at notes/index.md and the index page both want output/index.html. Whatever
    /// build does about it, its page must not be lost silently, and check must agree with it.
    @Test func indexNoteKeepsItsPage() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/index.md", "# Home page\n\nWelcome to the notes.\n")
        try folder.write("notes/other.md", "# Other\n\nText.\n")

        let build = try folder.run("build")
        let check = try folder.run("check")

        if build.status == 0 {
            #expect(check.status == 0, "check fails right after a successful build:\n\(check)")
            let pages = try folder.files(under: "output").filter { $0.key.hasSuffix(".html") }
            #expect(pages.values.contains { String(decoding: $0, as: UTF8.self).contains("Welcome to the notes.") },
                    "no page holds the text of notes/index.md; pages: \(pages.keys.sorted())")
        } else {
            #expect(build.standardError.contains("index"), "\(build)")
        }
    }

    @Test func unwritableOutputExitsThree() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try folder.write("blocked", "a regular file where the output folder should be\n")

        let result = try folder.run("build", "notes", "-o", "blocked")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("convnote: error: "), "\(result)")
        #expect(result.standardError.contains("blocked"), "\(result)")
    }

    @Test(.enabled(if: Convnote.program(named: "cmark") != nil,
                   "the cmark binary is not installed (Debian package cmark), so this check is skipped"))
    func markdownParsesWithCmark() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/small.md", smallNote)
        try #require(try folder.run("build").status == 0)
        let cmark = try #require(Convnote.program(named: "cmark"))

        let result = try Convnote.runProgram(cmark, [folder.url.appendingPathComponent("output/small.md").path], in: folder.url)

        #expect(result.status == 0, "\(result)")
        let html = result.standardOutput
        #expect(html.contains("<pre><code class=\"language-math\">y = w \\star x\n</code></pre>"), "\(html)")
        #expect(html.contains("<p>Inline $<code>x^2</code>$ and a display formula:</p>"), "\(html)")
        #expect(html.contains("<pre><code class=\"language-conv\">"), "\(html)")
    }
}
