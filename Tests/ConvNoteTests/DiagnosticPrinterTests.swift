import Foundation
import SourceDiagnostics
import Testing
@testable import ConvNote

/// The human form of a diagnostic quotes its source line, cut to a window around the caret
/// when the line is long, with the caret still under the text it points at.
@Suite struct DiagnosticPrinterTests {
    private let printer = DiagnosticPrinter(format: .human, useColor: false)

    /// Renders an error on line 1 of `line`, from `column` over `length` columns.
    private func render(_ line: String, column: Int, length: Int) -> (source: String, caret: String) {
        let range = SourceRange(at: SourceLocation(line: 1, column: column), length: length)
        let text = printer.render(Diagnostic(id: "test", range: range, message: "problem"), lines: [line])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else {
            Issue.record("no source excerpt in \(text)")
            return ("", "")
        }
        return (String(lines[1].dropFirst(" 1 | ".count)), String(lines[2].dropFirst("   | ".count)))
    }

    /// Returns the text of `source` under the caret's `^~~` marks.
    private func pointedText(_ rendered: (source: String, caret: String)) -> String {
        let source = Array(rendered.source.unicodeScalars)
        let caret = Array(rendered.caret.unicodeScalars)
        guard let start = caret.firstIndex(of: "^"), start < source.count else { return "" }
        let end = min(caret.count, source.count)
        return String(String.UnicodeScalarView(source[start..<end]))
    }

    @Test func shortLineIsWhole() {
        let line = "x = [1 2] zz"
        let rendered = render(line, column: 11, length: 2)

        #expect(rendered.source == line)
        #expect(rendered.caret == String(repeating: " ", count: 10) + "^~")
    }

    @Test func longLineIsCutAroundCaret() {
        let line = String(repeating: "a", count: 1000) + "TARGET" + String(repeating: "b", count: 1000)
        let rendered = render(line, column: 1001, length: 6)

        #expect(rendered.source.unicodeScalars.count == SourceExcerpt.maximumColumns + 2)
        #expect(rendered.source.hasPrefix("…a"))
        #expect(rendered.source.hasSuffix("b…"))
        #expect(pointedText(rendered) == "TARGET")
        #expect(rendered.caret.hasSuffix("^~~~~~"))
    }

    @Test func caretNearStartKeepsLineStart() {
        let line = "xy" + String(repeating: " ", count: 500)
        let rendered = render(line, column: 1, length: 2)

        #expect(rendered.source.hasPrefix("xy"))
        #expect(rendered.source.hasSuffix(" …"))
        #expect(rendered.caret == "^~")
    }

    @Test func caretNearEndKeepsLineEnd() {
        let line = String(repeating: " ", count: 500) + "zz"
        let rendered = render(line, column: 501, length: 2)

        #expect(rendered.source.hasPrefix("…"))
        #expect(rendered.source.hasSuffix(" zz"))
        #expect(pointedText(rendered) == "zz")
    }

    @Test func caretPastLineEnd() {
        let line = String(repeating: "a", count: 500)
        let rendered = render(line, column: 501, length: 1)

        #expect(rendered.source.hasSuffix("a"))
        #expect(rendered.caret.unicodeScalars.count == rendered.source.unicodeScalars.count + 1)
        #expect(rendered.caret.hasSuffix(" ^"))
    }

    @Test func caretWidthStopsAtCut() {
        let line = String(repeating: "a", count: 100) + String(repeating: "z", count: 900)
        let rendered = render(line, column: 101, length: 900)

        #expect(rendered.source.hasSuffix("z…"))
        // The marks end under the last shown character, not under the … or past it.
        #expect(rendered.caret.unicodeScalars.count == rendered.source.unicodeScalars.count - 1)
        #expect(pointedText(rendered).allSatisfy { $0 == "z" })
    }

    @Test func tabsStayAlignedInWindow() {
        let line = String(repeating: "\t", count: 400) + "zz" + String(repeating: "\t", count: 400)
        let rendered = render(line, column: 401, length: 2)

        #expect(!rendered.source.contains("\t"))
        #expect(pointedText(rendered) == "zz")
    }

    @Test func gccFormatHasNoExcerpt() {
        let gcc = DiagnosticPrinter(format: .gcc, useColor: false)
        let range = SourceRange(at: SourceLocation(line: 1, column: 3), length: 1)

        let text = gcc.render(Diagnostic(id: "test", range: range, message: "problem"), lines: [String(repeating: " ", count: 5000)])

        #expect(text == "convnote:1:3: error: problem\n")
    }

    @Test func checkCutsLongNoteLine() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/long.md", "# Long\n\n```conv\nx = [1 2 3]\nw = [1 1]" + String(repeating: " ", count: 5000) + "zz\n```\n")

        let result = try folder.run("check")

        #expect(result.status == 1, "\(result)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "\(result)")
        #expect(lines[0] == "notes/long.md:5:5010: error: unexpected 'zz' after the tensor")
        #expect(lines[1].hasSuffix("zz"))
        #expect(lines[1].unicodeScalars.count < 200, "\(lines[1].prefix(300))")
        #expect(lines[2].unicodeScalars.count == lines[1].unicodeScalars.count, "\(lines[2].prefix(300))")
        #expect(lines[2].hasSuffix("^~"))
    }
}
