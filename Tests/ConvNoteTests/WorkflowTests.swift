import Foundation
import Testing

/// The authoring commands: new, eval, watch, the build cache, and the diagnostic formats.
@Suite struct WorkflowTests {
    @Test func newNoteBuildsAndChecks() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let created = try folder.run("new", "first-steps")
        let build = try folder.run("build")
        let check = try folder.run("check")
        let again = try folder.run("new", "first-steps")

        #expect(created.status == 0, "\(created)")
        #expect(try folder.read("notes/first-steps.md").contains("title: First Steps"))
        #expect(build.status == 0, "\(build)")
        #expect(check.status == 0, "\(check)")
        #expect(again.status == 2, "\(again)")
        #expect(again.standardError.contains("already exists"), "\(again)")
    }

    @Test func evalPrintsAlignedMatrices() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", "x = [1 2 3; 4 5 6; 7 8 9]; w = [1 2; 3 4]; padding = same-start", "--show", "y", "dL/dx")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == """
            y (3x3):
               4  11  18
              18  37  47
              36  67  77

            dL/dx (3x3):
              10  10  6
              10  10  6
               7   7  4


            """)
    }

    @Test func evalReadsStandardInput() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("spec.txt", "x : 3x3 = symbols(x)\nw = [a b; c d]\npadding = same-start\n")

        let result = try Convnote.runProgram(URL(fileURLWithPath: "/bin/sh"),
                                             ["-c", "\"$0\" eval --show y < spec.txt", try Convnote.binary().path],
                                             in: folder.url)

        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("d·x₁₁"), "\(result)")
    }

    @Test func evalReportsWrongExpect() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", "x = [1 2 3]\nw = [1 1]\nexpect y = [3 4]", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("<eval>:3:12: error: y at [2] is 5, but the note states 4"), "\(result)")
    }

    @Test func evalUnknownShowSuggests() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", "x = [1 2]; w = [1]", "--show", "dL/dxx")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("did you mean 'dL/dx'?"), "\(result)")
    }

    @Test func cacheSkipsUnchangedNotes() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\n```conv\nx = [1 2 3]\nw = [1 1]\n```\n\n{{ y }}\n")
        try folder.write("notes/b.md", "# B\n")

        let first = try folder.run("build")
        let firstPage = try folder.data("output/a.html")
        try folder.write("notes/b.md", "# B changed\n")
        let second = try folder.run("build")
        let uncached = try folder.run("build", "--no-cache", "-o", "fresh")

        #expect(first.standardError.contains("(2 rebuilt, 0 cached"), "\(first)")
        #expect(second.standardError.contains("(1 rebuilt, 1 cached"), "\(second)")
        #expect(try folder.data("output/a.html") == firstPage)
        #expect(uncached.standardError.contains("(2 rebuilt, 0 cached"), "\(uncached)")
        #expect(try folder.files(under: "fresh") == (try folder.files(under: "output")))
    }

    @Test func quietPrintsNoSummary() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")

        let result = try folder.run("build", "--quiet")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
    }

    @Test func githubAndJSONDiagnostics() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\n```conv\nx = [1 2 3]\nw = [1 1]\npaddin = 1\n```\n")

        let github = try folder.run("check", "--diagnostics", "github")
        let json = try folder.run("check", "--diagnostics=json")

        #expect(github.status == 1, "\(github)")
        #expect(github.standardOutput.contains(
            "::error file=notes/a.md,line=6,col=1,endColumn=7,title=spec.unknown-key::unknown key 'paddin'%0Adid you mean 'padding'?"),
            "\(github)")
        let record = try #require(json.standardOutput.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "notes/a.md")
        #expect(object["line"] as? Int == 6)
        #expect(object["column"] as? Int == 1)
        #expect(object["severity"] as? String == "error")
        #expect(object["id"] as? String == "spec.unknown-key")
        #expect(object["notes"] as? [String] == ["did you mean 'padding'?"])
    }

    @Test func helpGivesDefaults() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        for command in ["build", "check", "new", "watch", "eval"] {
            let result = try folder.run(command, "--help")
            #expect(result.status == 0, "\(command): \(result)")
            #expect(result.standardOutput.contains("Usage: convnote \(command)"), "\(command)")
        }
        #expect(try folder.run("build", "--help").standardOutput.contains("Default: output"))
    }

    @Test(arguments: ["inotify", "polling"])
    func watchRebuildsChangedNote(method: String) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/w.md", "# W\n\n```conv\nx = [1 2 3]\nw = [1 1]\n```\n\n{{ y }}\n")

        let process = try startWatch(in: folder, method: method, standardError: Pipe())
        defer { stop(process) }

        // The first build, then an edit, a broken intermediate state, and a fix.
        #expect(waitUntil { folder.exists("output/w.html") })
        try folder.write("notes/w.md", "# W\n\n```conv\nx = [1 2 5]\nw = [1 1]\n```\n\n{{ y }}\n")
        #expect(waitUntil { (try? folder.read("output/w.md"))?.contains("3 & 7") == true })
        try folder.write("notes/w.md", "# W\n\n```conv\nx = [1 2 5\nw = [1 1]\n```\n")
        Thread.sleep(forTimeInterval: 0.5)
        try folder.write("notes/w.md", "# W\n\n```conv\nx = [1 2 9]\nw = [1 1]\n```\n\n{{ y }}\n")
        #expect(waitUntil { (try? folder.read("output/w.md"))?.contains("3 & 11") == true })
        #expect(process.isRunning)
    }

    /// The build follows a notes folder named as a symbolic link, so watch must see edits in
    /// its subfolders too.
    @Test(arguments: ["inotify", "polling"])
    func watchFollowsLinkedNotesFolder(method: String) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("real/sub/w.md", "# W\n\nfirst version\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/notes", withDestinationPath: "real")

        let process = try startWatch(in: folder, method: method, standardError: FileHandle.nullDevice)
        defer { stop(process) }

        #expect(waitUntil { (try? folder.read("output/sub/w.md"))?.contains("first version") == true })
        try folder.write("real/sub/w.md", "# W\n\nsecond version\n")
        #expect(waitUntil { (try? folder.read("output/sub/w.md"))?.contains("second version") == true })
    }

    @Test(arguments: ["inotify", "polling"])
    func watchSurvivesRecreatedFolder(method: String) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/w.md", "# W\n\nfirst version\n")
        let errorURL = folder.url.appendingPathComponent("watch-errors.txt")
        try Data().write(to: errorURL)
        let errors = try FileHandle(forWritingTo: errorURL)

        let process = try startWatch(in: folder, method: method, standardError: errors)
        defer {
            stop(process)
            try? errors.close()
        }
        let printed = { String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self) }

        // Delete the folder, leave the watch time for several polls, then create it again.
        #expect(waitUntil { (try? folder.read("output/w.md"))?.contains("first version") == true })
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes"))
        #expect(waitUntil { printed().contains("notes: no such file or directory") })
        Thread.sleep(forTimeInterval: 0.5)
        try folder.write("notes/w.md", "# W\n\nsecond version\n")

        #expect(waitUntil { (try? folder.read("output/w.md"))?.contains("second version") == true }, "\(printed())")
        #expect(process.isRunning)
        let output = printed()
        #expect(output.components(separatedBy: "notes: no such file or directory").count == 2, "\(output)")
        #expect(output.contains("convnote: error: notes: no such file or directory; the watch goes on and builds again once it exists"),
                "\(output)")
        #expect(output.contains("notes exists again; building"), "\(output)")
    }

    /// Starts `convnote watch` in `folder`, with inotify or with polling as `method` names.
    private func startWatch(in folder: NoteFolder, method: String, standardError: Any) throws -> Process {
        let process = Process()
        process.executableURL = try Convnote.binary()
        process.arguments = ["watch"]
        process.currentDirectoryURL = folder.url
        var environment = ProcessInfo.processInfo.environment
        if method == "polling" { environment["CONVNOTE_WATCH_POLL"] = "1" }
        process.environment = environment
        process.standardError = standardError
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Stops a watch and waits for it to exit.
    private func stop(_ process: Process) {
        process.terminate()
        // A child can inherit blocked signals from the test runner; SIGKILL always ends it.
        for _ in 0..<40 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Polls a condition for up to ten seconds, a bound far above the 200 ms a rebuild takes.
    private func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

@Suite struct LinkTests {
    @Test func missingNoteLinkIsReported() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n\nSee [b](b.md), [c](sub/c.md#part) and [gone](does-not-exist.md).\n")
        try folder.write("notes/b.md", "# B\n")
        try folder.write("notes/sub/c.md", "# C\n")

        let result = try folder.run("check", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/a.md:3:46: error: the link to does-not-exist.md points to no file"), "\(result)")
        #expect(!result.standardError.contains("b.md points"), "\(result)")
        #expect(!result.standardError.contains("c.md points"), "\(result)")
    }
}
