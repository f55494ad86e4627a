import Foundation
import Testing

/// Files, markup and interruptions: nothing is lost, nothing is injected, nothing half-written.
@Suite struct SafetyTests {
    private static let note = "# A\n\n```conv\nx = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]\n```\n\n{{ y }}\n\n{{ explain forward }}\n"

    @Test func removedNoteOutputsAreDeleted() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", Self.note)
        try folder.write("notes/b.md", "# B\n")
        try folder.write("output/mine.txt", "written by someone else\n")
        _ = try folder.run("build")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes/b.md"))

        let check = try folder.run("check", "--diagnostics", "gcc")
        let build = try folder.run("build")

        #expect(check.status == 1, "\(check)")
        #expect(check.standardError.contains("output/b.html: error: output/b.html belongs to no note any more"), "\(check)")
        #expect(build.status == 0, "\(build)")
        #expect(!folder.exists("output/b.html"))
        #expect(!folder.exists("output/b.md"))
        #expect(folder.exists("output/mine.txt"))
        #expect(try folder.run("check").status == 0)
    }

    @Test func rawHTMLNeedsTheFlag() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\n<div class=\"box\">kept</div>\n\nInline <b>bold</b>.\n")

        _ = try folder.run("build")
        let safe = try folder.read("output/a.html")
        _ = try folder.run("build", "--allow-raw-html", "-o", "raw")
        let raw = try folder.read("raw/a.html")

        #expect(!safe.contains("<div class=\"box\">"))
        #expect(!safe.contains("<b>bold</b>"))
        #expect(raw.contains("<div class=\"box\">kept</div>"))
        #expect(raw.contains("<b>bold</b>"))
    }

    @Test func scriptNeverReachesThePage() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let hostile = """
            ---
            title: </title><script>alert(1)</script>
            summary: "<img src=x onerror=alert(2)>"
            ---

            # <script>alert(3)</script>

            [click](javascript:alert(4)) [also](JAVASCRIPT:alert(5)) ![i](javascript:alert(6))

            $\\text{</math><script>alert(7)</script>}$

            ```conv evil
            x = [a_1 b]
            w = [1]
            ```

            {{ evil.y }}

            {{ figure padding }}

            <script>alert(8)</script>
            """
        try folder.write("notes/a.md", hostile)

        let build = try folder.run("build")
        try #require(build.status == 0, "\(build)")
        let page = try folder.read("output/a.html")
        let index = try folder.read("output/index.html")

        for text in [page, index] {
            #expect(!text.contains("<script"), "\(text)")
            #expect(!text.lowercased().contains("javascript:"), "\(text)")
            #expect(!text.contains("<img src=x"), "\(text)")
        }
    }

    @Test func threadCountDoesNotChangeOutput() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        for index in 0..<6 {
            try folder.write("notes/n\(index).md", Self.note.replacingOccurrences(of: "[1 2; 3 4]", with: "[\(index) 2; 3 4]"))
        }

        let parallel = try folder.run("build", "--no-cache", "-o", "parallel")
        let serial = try Convnote.runProgram(URL(fileURLWithPath: "/usr/bin/env"),
                                             ["CONVNOTE_JOBS=1", try Convnote.binary().path, "build", "--no-cache", "-o", "serial"],
                                             in: folder.url)

        #expect(parallel.status == 0 && serial.status == 0, "\(parallel) \(serial)")
        #expect(try folder.files(under: "parallel") == (try folder.files(under: "serial")))
    }

    @Test func hugeNoteIsRejected() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/big.md", String(repeating: "word ", count: 2_000_000))
        try folder.write("notes/ok.md", "# OK\n")

        let result = try folder.run("build", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/big.md:1:1: error: the note is 10000000 bytes, above the limit"), "\(result)")
        #expect(folder.exists("output/ok.html"))
    }

    /// Kills builds and fixes at random moments; every file must afterwards be whole: the
    /// notes as they were, each output either the old or the new version.
    @Test func killedBuildLeavesWholeFiles() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let old = Self.note
        let new = Self.note.replacingOccurrences(of: "[1 2; 3 4]", with: "[4 3; 2 1]") + "\nexpect y = [0]\n"
        for index in 0..<8 { try folder.write("notes/n\(index).md", old) }
        _ = try folder.run("build", "--no-cache")
        let oldOutputs = try folder.files(under: "output")
        for index in 0..<8 { try folder.write("notes/n\(index).md", new) }
        _ = try folder.run("build", "--no-cache", "-o", "expected")
        let newOutputs = try folder.files(under: "expected")

        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = try Convnote.binary()
            process.arguments = ["build", "--no-cache"]
            process.currentDirectoryURL = folder.url
            process.standardOutput = Pipe()
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.08, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            for (path, data) in try folder.files(under: "output") where !path.hasPrefix(".") && !path.contains("/.") {
                let whole = data == oldOutputs[path] || data == newOutputs[path]
                #expect(whole, "\(path) is neither the old nor the new version")
            }
            for index in 0..<8 {
                #expect(try folder.read("notes/n\(index).md") == new)
            }
        }
    }
}
