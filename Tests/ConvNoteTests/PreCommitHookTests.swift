import Foundation
import Testing

/// scripts/pre-commit, installed in a temporary git repository and run by real `git commit`s.
@Suite(.enabled(if: Convnote.program(named: "git") != nil, "git is not on PATH"))
struct PreCommitHookTests {
    /// The hook as committed in this package.
    static let hook = Convnote.packageRoot.appendingPathComponent("scripts/pre-commit")

    /// `smallNote` with its y expectation off by one in the last entry. The expectation is on
    /// line 19, and its stated matrix starts at column 12.
    static let wrongNote = smallNote.replacingOccurrences(of: "36 67 77]", with: "36 67 78]")
    static let wrongExpectError = "notes/small.md:19:12: error: y at [3,3] is 77, but the note states 78"
    static let hookMessage = "pre-commit: convnote check failed on the staged notes."

    @Test func hookStopsWrongAndStaleCommits() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try makeRepository(in: folder)

        // A wrong expect value, staged without rebuilding.
        try #require(Self.wrongNote != smallNote)
        try folder.write("notes/small.md", Self.wrongNote)
        try #require(try git(["add", "notes"], in: folder).status == 0)
        let wrong = try git(["commit", "-m", "Break y"], in: folder)

        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.standardError.contains(Self.wrongExpectError), "\(wrong)")
        #expect(wrong.standardError.contains(Self.hookMessage), "\(wrong)")
        #expect(try commitCount(in: folder) == 1)

        // A correct note whose staged pages were not rebuilt.
        let reworded = smallNote.replacingOccurrences(of: "The output is", with: "The result is")
        try folder.write("notes/small.md", reworded)
        try #require(try git(["add", "notes"], in: folder).status == 0)
        let stale = try git(["commit", "-m", "Reword the note"], in: folder)

        #expect(stale.status == 1, "\(stale)")
        #expect(stale.standardError.contains("output/small.html: error: output/small.html is missing or out of date"), "\(stale)")
        #expect(stale.standardError.contains("output/small.md: error: output/small.md is missing or out of date"), "\(stale)")
        #expect(stale.standardError.contains("run convnote build to regenerate it"), "\(stale)")
        #expect(stale.standardError.contains("Checked 1 note: 2 errors"), "\(stale)")
        #expect(!stale.standardError.contains("notes/small.md:"), "\(stale)")
        #expect(stale.standardError.contains(Self.hookMessage), "\(stale)")
        #expect(try commitCount(in: folder) == 1)

        // Pages rebuilt in the working tree but not staged, so the staged pages are still stale.
        try #require(try folder.run("build").status == 0)
        let unstagedPages = try git(["commit", "-m", "Reword the note"], in: folder)

        #expect(unstagedPages.status == 1, "\(unstagedPages)")
        #expect(unstagedPages.standardError.contains("output/small.html is missing or out of date"), "\(unstagedPages)")
        #expect(try commitCount(in: folder) == 1)

        // The note and its rebuilt pages, staged together.
        try #require(try git(["add", "notes", "output"], in: folder).status == 0)
        let fixed = try git(["commit", "-m", "Reword the note"], in: folder)

        #expect(fixed.status == 0, "\(fixed)")
        #expect(!fixed.standardError.contains("pre-commit:"), "\(fixed)")
        #expect(try commitCount(in: folder) == 2)
        #expect(try git(["show", "HEAD:notes/small.md"], in: folder).standardOutput == reworded)
    }

    @Test func hookIgnoresUnstagedEdits() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try makeRepository(in: folder)

        // Stage a correct edit with its pages, then break the note in the working tree only.
        let reworded = smallNote.replacingOccurrences(of: "The output is", with: "The result is")
        try folder.write("notes/small.md", reworded)
        try #require(try folder.run("build").status == 0)
        try #require(try git(["add", "notes", "output"], in: folder).status == 0)
        try folder.write("notes/small.md", Self.wrongNote)
        let result = try git(["commit", "-m", "Reword the note"], in: folder)

        #expect(result.status == 0, "\(result)")
        #expect(!result.standardError.contains("pre-commit:"), "\(result)")
        #expect(try commitCount(in: folder) == 2)
        #expect(try git(["show", "HEAD:notes/small.md"], in: folder).standardOutput == reworded)
        // The hook leaves the unstaged edit in place.
        #expect(try folder.read("notes/small.md") == Self.wrongNote)
        #expect(try git(["diff", "--name-only"], in: folder).standardOutput == "notes/small.md\n")
    }

    @Test func hookRunsRelativeConvnotePath() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try makeRepository(in: folder)
        let tools = folder.url.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: tools.appendingPathComponent("convnote"),
                                                   withDestinationURL: try Convnote.binary())

        // The hook must run tools/convnote from the repository root, not from its staged copy.
        try folder.write("notes/small.md", Self.wrongNote)
        try #require(try git(["add", "notes"], in: folder).status == 0)
        let result = try git(["commit", "-m", "Break y"], in: folder, convnote: "tools/convnote")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains(Self.wrongExpectError), "\(result)")
        #expect(!result.standardError.contains("No such file"), "\(result)")
        #expect(try commitCount(in: folder) == 1)
    }

    /// Commits `smallNote` and its built pages without the hook, then installs the hook as a
    /// symbolic link, as docs/ci.md describes.
    private func makeRepository(in folder: NoteFolder) throws {
        try folder.write("notes/small.md", smallNote)
        let build = try folder.run("build")
        try #require(build.status == 0, "\(build)")

        for arguments in [["init", "--quiet"],
                          ["config", "user.name", "Pre-commit Test"],
                          ["config", "user.email", "pre-commit-test@example.invalid"],
                          ["add", "notes", "output"],
                          ["commit", "--quiet", "-m", "Add the small note"]] {
            let result = try git(arguments, in: folder)
            try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result)")
        }

        let hooks = folder.url.appendingPathComponent(".git/hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: hooks.appendingPathComponent("pre-commit"), withDestinationURL: Self.hook)
        try #require(try commitCount(in: folder) == 1)
    }

    /// Runs git in `folder` with CONVNOTE set to `convnote`, by default the absolute path of
    /// the binary under test. It ignores the user's and the system's git configuration, where
    /// core.hooksPath or commit.gpgsign would change what a commit runs. It also unsets the
    /// variables that a git hook running these tests would pass down, which would point git at
    /// another repository.
    private func git(_ arguments: [String], in folder: NoteFolder, convnote: String? = nil) throws -> CommandResult {
        let env = try #require(Convnote.program(named: "env"), "env is not on PATH")
        let settings = ["-u", "GIT_DIR", "-u", "GIT_WORK_TREE", "-u", "GIT_INDEX_FILE",
                        "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
                        "CONVNOTE=\(try convnote ?? Convnote.binary().path)"]
        return try Convnote.runProgram(env, settings + ["git"] + arguments, in: folder.url)
    }

    private func commitCount(in folder: NoteFolder) throws -> Int? {
        let result = try git(["rev-list", "--count", "HEAD"], in: folder)
        return Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
