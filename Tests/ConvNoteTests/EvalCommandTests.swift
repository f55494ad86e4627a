import Foundation
import Testing

/// One eval spec whose exact arithmetic overflows, and the first line of its diagnostic:
/// at the block for a computed entry, and at the entry for a literal one.
struct OverflowCase: Sendable, CustomStringConvertible {
    var spec: String
    var error: String
    var description: String { spec }

    init(spec: String, entry: String) {
        self.spec = spec
        error = "<eval>:1:1: error: exact arithmetic overflowed while computing \(entry)\n"
    }

    init(spec: String, literalAt column: Int, value: String) {
        self.spec = spec
        error = "<eval>:1:\(column): error: the value \(value) cannot be held exactly"
    }
}

/// `convnote eval`: the diagnostics a note's spec block would get, and standard input read
/// by the rules of a note's text, within a note's size limit.
@Suite struct EvalCommandTests {
    /// The size limit of a note and of an eval spec, 8 MiB.
    static let limit = 8 << 20

    /// Returns `a` raised to 16, `levels` times over, as nested `(...)^16`.
    static func nestedPower(levels: Int) -> String {
        var expression = "a"
        for _ in 0..<levels { expression = "(\(expression))^16" }
        return expression
    }

    static let overflowCases: [OverflowCase] = [
        OverflowCase(spec: "x=[9223372036854775807 1]; w=[1 1]", entry: "y[1]"),
        OverflowCase(spec: "x : 3 = arange(start: 9223372036854775806); w=[1]", entry: "x[3]"),
        OverflowCase(spec: "x=[((2^16)^16)]; w=[1]", literalAt: 4, value: "((2^16)^16)"),
        OverflowCase(spec: "x=[(a+b+c+d+e+f+g+h)^16]; w=[1]", literalAt: 4, value: "(a+b+c+d+e+f+g+h)^16"),
        OverflowCase(spec: "x=[\(nestedPower(levels: 16)) 1]; w=[a 1]", literalAt: 4, value: nestedPower(levels: 16)),
    ]

    /// Writes `input` to a file and runs `convnote eval ARGUMENTS` with it as standard input.
    private func evalStandardInput(_ input: Data, _ arguments: String = "", in folder: NoteFolder) throws -> CommandResult {
        try input.write(to: folder.url.appendingPathComponent("spec.bin"))
        return try Convnote.runProgram(URL(fileURLWithPath: "/bin/sh"),
                                       ["-c", "\"$0\" eval \(arguments) < spec.bin", try Convnote.binary().path],
                                       in: folder.url)
    }

    /// Runs a shell command with `$0` set to the convnote binary.
    private func shell(_ command: String, in folder: NoteFolder) throws -> CommandResult {
        try Convnote.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", command, try Convnote.binary().path], in: folder.url)
    }

    @Test(arguments: overflowCases)
    func exactOverflowIsDiagnostic(_ overflow: OverflowCase) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", overflow.spec, "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix(overflow.error), "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(!result.standardOutput.contains("invalid"), "\(result)")
    }

    @Test func overflowMatchesCheck() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let spec = "x = [9223372036854775807 1]\nw = [1 1]"
        try folder.write("notes/overflow.md", "# Overflow\n\n```conv\n\(spec)\n```\n")

        let eval = try folder.run("eval", spec, "--diagnostics", "json")
        let check = try folder.run("check", "--diagnostics", "json")

        #expect(eval.status == 1, "\(eval)")
        #expect(check.status == 1, "\(check)")
        let evalRecord = try #require(eval.standardError.split(separator: "\n").first)
        let checkRecord = try #require(check.standardOutput.split(separator: "\n").first)
        // Both name the same overflow with the same id and message. The notes also name the
        // block, which is eval in eval and conv1 in the note.
        let fields = { (line: Substring) throws -> [String] in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return [object["id"] as? String ?? "", object["message"] as? String ?? ""]
        }
        #expect(try fields(evalRecord) == fields(checkRecord), "\(eval)\n\(check)")
    }

    @Test func malformedExpectStillPrintsValues() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", "x = [1 2 3]; w = [1 1]; expect y | summ = 3", "--show", "y", "--diagnostics", "gcc")

        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput == "y (2):\n  3  5\n\n", "\(result)")
        #expect(result.standardError.hasPrefix("<eval>:1:36: error: unknown filter 'summ'"), "\(result)")
    }

    @Test(arguments: [
        ("CRLF", "x=[1 2 3]\r\nw=[1 1]\r\n"),
        ("CR", "x=[1 2 3]\rw=[1 1]\r"),
        ("BOM", "\u{FEFF}x=[1 2 3]\nw=[1 1]\n"),
        ("BOM and CRLF", "\u{FEFF}x=[1 2 3\r\n  ]\r\nw=[1 1]"),
    ])
    func standardInputLineEnds(name: String, spec: String) throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try evalStandardInput(Data(spec.utf8), "--show y", in: folder)

        #expect(result.status == 0, "\(name): \(result)")
        #expect(result.standardOutput == "y (2):\n  3  5\n\n", "\(name): \(result)")
    }

    @Test func argumentWithCRLF() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try folder.run("eval", "x=[1 2 3]\r\nw=[1 1]", "--show", "y")

        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "y (2):\n  3  5\n\n", "\(result)")
    }

    @Test func crlfErrorKeepsLineNumbers() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        let result = try evalStandardInput(Data("x=[1 2 3]\r\nw=[1 1]\r\nstride = 0\r\n".utf8), "--diagnostics gcc", in: folder)

        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix("<eval>:3:10: error: stride must be at least 1"), "\(result)")
    }

    @Test func invalidUTF8IsDiagnostic() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let input = Data("\u{FEFF}x=[1 2 3]\r\nw=[1 ".utf8) + Data([0xFF]) + Data("1]\n".utf8)

        let result = try evalStandardInput(input, in: folder)

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count >= 3, "\(result)")
        #expect(lines[0] == "<eval>:2:6: error: the spec is not valid UTF-8 at this position")
        #expect(lines[1] == " 2 | w=[1 \u{FFFD}1]")
        #expect(lines[2] == "   |      ^")
    }

    @Test func inputAtLimitIsRead() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let spec = "x=[1 2 3]; w=[1 1]"
        let input = Data(spec.utf8) + Data(repeating: 0x20, count: Self.limit - spec.utf8.count)

        let result = try evalStandardInput(input, "--show y", in: folder)

        #expect(result.status == 0, "\(result.status) \(result.standardError.prefix(500))")
        #expect(result.standardOutput == "y (2):\n  3  5\n\n")
    }

    @Test func inputAboveLimitIsDiagnostic() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let spec = "x=[1 2 3]; w=[1 1]"
        let input = Data(spec.utf8) + Data(repeating: 0x20, count: Self.limit + 1 - spec.utf8.count)

        let result = try evalStandardInput(input, in: folder)

        #expect(result.status == 1, "\(result.status) \(result.standardError.prefix(500))")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            <eval>:1:1: error: the spec is larger than the limit of 8388608 bytes
               note: convnote stops reading at the limit, so evaluate a smaller spec

            """)
    }

    @Test func endlessInputStopsAtLimit() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }

        // timeout ends a reader that never stops; 124 would be its exit status.
        let result = try shell("timeout 120 \"$0\" eval < /dev/zero", in: folder)

        #expect(result.status == 1, "\(result.status) \(result.standardError.prefix(500))")
        #expect(result.standardError.contains("the spec is larger than the limit of 8388608 bytes"))
        #expect(result.standardError.utf8.count < 1000)
    }

    @Test func longLineDiagnosticIsCut() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let input = Data(repeating: 0x20, count: 5_000_000) + Data("zz\n".utf8)

        let result = try evalStandardInput(input, in: folder)

        #expect(result.status == 1)
        #expect(result.standardError.utf8.count < 2000, "\(result.standardError.prefix(500))")
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count >= 3, "\(result)")
        #expect(lines[0] == "<eval>:1:5000001: error: expected 'key = value', found 'zz'")
        #expect(lines[1] == " 1 | …" + String(repeating: " ", count: 158) + "zz")
        #expect(lines[2] == "   | " + String(repeating: " ", count: 159) + "^~")
    }
}
