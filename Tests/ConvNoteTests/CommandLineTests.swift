import Foundation
import Testing

struct UsageCase: Sendable, CustomStringConvertible {
    var arguments: [String]
    var message: String
    var description: String { arguments.joined(separator: " ") }
}

struct HelpCase: Sendable, CustomStringConvertible {
    var arguments: [String]
    var text: String
    var description: String { arguments.joined(separator: " ") }
}

/// A spec block body with one error, and where the error must be reported. The body starts
/// on line 4 of the note.
struct SpecErrorCase: Sendable, CustomStringConvertible {
    var name: String
    var body: String
    var location: String
    var message: String
    var description: String { name }
}

@Suite struct CommandLineTests {
    static let usageCases: [UsageCase] = [
        UsageCase(arguments: ["frob"], message: "convnote: error: unknown command 'frob'"),
        UsageCase(arguments: ["bulid"], message: "convnote: error: unknown command 'bulid'; did you mean 'build'?"),
        UsageCase(arguments: ["build", "--frob"], message: "convnote: error: unknown option '--frob' for build"),
        UsageCase(arguments: ["check", "-z"], message: "convnote: error: unknown option '-z' for check"),
        UsageCase(arguments: ["check", "--diagnostics", "xml"], message: "unknown diagnostics format 'xml'"),
        UsageCase(arguments: ["check", "--diagnostics"], message: "--diagnostics needs a format"),
        UsageCase(arguments: ["build", "-o"], message: "-o needs a directory"),
        UsageCase(arguments: ["new", "."], message: "the file name '.' starts with a dot"),
        UsageCase(arguments: ["new", ".hidden"], message: "the file name '.hidden' starts with a dot"),
        UsageCase(arguments: ["new", "drafts/.x"], message: "the file name '.x' starts with a dot"),
        UsageCase(arguments: ["new", "sub/"], message: "the note name 'sub/' ends with a slash"),
        UsageCase(arguments: ["new", ".md"], message: "the note name '.md' has an empty file name"),
        UsageCase(arguments: ["new", "line\nbreak"], message: "the note name contains the control character U+000A"),
        UsageCase(arguments: ["new", "tab\there"], message: "the note name contains the control character U+0009"),
    ]

    @Test(arguments: usageCases)
    func invalidUsageExitsTwo(_ usage: UsageCase) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try Convnote.run(usage.arguments, in: folder.url)

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains(usage.message), "\(result)")
        #expect(result.standardError.contains("Run 'convnote --help' for usage."), "\(result)")
        #expect(result.standardOutput.isEmpty)
        // A rejected name writes no note anywhere.
        let written = FileManager.default.enumerator(atPath: folder.url.path)?.allObjects as? [String] ?? []
        #expect(written.isEmpty, "\(written)")
    }

    @Test func noArgumentsPrintsHelpAndExitsTwo() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run()

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("Usage: convnote COMMAND"), "\(result)")
    }

    static let helpCases: [HelpCase] = [
        HelpCase(arguments: ["--help"], text: "Usage: convnote COMMAND [OPTIONS]"),
        HelpCase(arguments: ["-h"], text: "Usage: convnote COMMAND [OPTIONS]"),
        HelpCase(arguments: ["help"], text: "Exit codes: 0 success, 1 diagnostics or failed checks, 2 invalid usage, 3 I/O failure."),
        HelpCase(arguments: ["build", "--help"], text: "Usage: convnote build [PATH...]"),
        HelpCase(arguments: ["check", "--help"], text: "Usage: convnote check [PATH...]"),
        HelpCase(arguments: ["check", "notes", "-h"], text: "Usage: convnote check [PATH...]"),
        HelpCase(arguments: ["eval", "--help"], text: "Every format goes to standard error."),
        HelpCase(arguments: ["check", "--help"], text: "--verbose             Also print one line per note, saying whether it passed."),
    ]

    @Test(arguments: helpCases)
    func helpExitsZero(_ help: HelpCase) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try Convnote.run(help.arguments, in: folder.url)

        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains(help.text), "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        // Help never runs the command: nothing is built.
        #expect(!folder.exists("output"))
    }

    @Test func versionExitsZero() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("--version")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.wholeMatch(of: /convnote \d+\.\d+\.\d+\n/) != nil, "\(result)")
    }

    @Test(arguments: [["check", "missing"], ["build", "missing"], ["build", "missing/note.md", "-o", "out"]])
    func missingPathExitsThree(_ arguments: [String]) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try Convnote.run(arguments, in: folder.url)

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("convnote: error: \(arguments[1]): no such file or directory"), "\(result)")
        #expect(!folder.exists("out"))
    }

    @Test func defaultNotesFolderMissingExitsThree() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("check")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("notes: no such file or directory"), "\(result)")
    }

    @Test func invalidUTF8FailsOnlyThatNote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/ok.md", "# OK\n")
        let bad = folder.url.appendingPathComponent("notes/bad.md")
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: bad)

        let result = try folder.run("build")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("notes/bad.md:1:3: error: the note is not valid UTF-8"), "\(result)")
        #expect(folder.exists("output/ok.html"))
        #expect(!folder.exists("output/bad.html"))
    }

    static let goodSpecBody = "x = [1 2 3; 4 5 6; 7 8 9]\nw = [1 2; 3 4]"

    static let specErrorCases: [SpecErrorCase] = [
        SpecErrorCase(name: "unknown key", body: goodSpecBody + "\npaddding = same", location: "6:1",
                      message: "unknown key 'paddding'"),
        SpecErrorCase(name: "ragged matrix", body: "x = [1 2 3; 4 5; 7 8 9]\nw = [1 2; 3 4]", location: "4:13",
                      message: "this row has 2 entries, but the first row has 3"),
        SpecErrorCase(name: "kernel larger than input", body: "x = [1 2; 3 4]\nw = [1 2 3; 4 5 6; 7 8 9]", location: "5:5",
                      message: "the kernel spans 3 entries along axis 1"),
        SpecErrorCase(name: "missing x", body: "w = [1 2; 3 4]", location: "3:1",
                      message: "the spec block 'conv1' has no input x"),
    ]

    private func note(_ body: String) -> String {
        "# Broken\n\n```conv\n\(body)\n```\n\nThe output is {{ y }}.\n"
    }

    @Test(arguments: specErrorCases)
    func specErrorExitsOne(_ error: SpecErrorCase) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/broken.md", note(error.body))

        let check = try folder.run("check", "--diagnostics", "gcc")
        let build = try folder.run("build", "--diagnostics", "gcc")

        #expect(check.status == 1, "\(check)")
        #expect(check.standardError.hasPrefix("notes/broken.md:\(error.location): error: "), "\(check)")
        #expect(check.standardError.contains(error.message), "\(check)")
        #expect(build.status == 1, "\(build)")
        #expect(build.standardError.hasPrefix("notes/broken.md:\(error.location): error: "), "\(build)")
        #expect(!folder.exists("output/broken.html"))
        #expect(!folder.exists("output/broken.md"))
    }

    @Test(arguments: specErrorCases)
    func specErrorKeepsOldOutputs(_ error: SpecErrorCase) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/broken.md", note(Self.goodSpecBody))
        try folder.write("notes/other.md", "# Other\n\nFirst version.\n")
        try #require(try folder.run("build").status == 0)
        let oldHTML = try folder.data("output/broken.html")
        let oldMarkdown = try folder.data("output/broken.md")

        try folder.write("notes/broken.md", note(error.body) + "\nNew prose that must not reach the outputs.\n")
        try folder.write("notes/other.md", "# Other\n\nSecond version.\n")
        let result = try folder.run("build")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("Built 1 of 2 notes"), "\(result)")
        #expect(try folder.data("output/broken.html") == oldHTML)
        #expect(try folder.data("output/broken.md") == oldMarkdown)
        // The note without errors in the same run is rebuilt.
        #expect(try folder.read("output/other.md").contains("Second version."))
    }
}
