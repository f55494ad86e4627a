import Foundation
import SourceDiagnostics

/// The printed form of diagnostics.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// The source line with a caret under the problem, for people.
    case human
    /// `path:line:col: error: message`, for editors and tools.
    case gcc
    /// `::error file=…,line=…,col=…::message`, the workflow command that GitHub Actions turns
    /// into an annotation on the line.
    case github
    /// One JSON object per line with file, line, column, severity, id, message and notes.
    case json

    /// Whether the format is for a program, which reads it from standard output.
    public var isMachineReadable: Bool { self == .github || self == .json }
}

/// Formats diagnostics for a terminal or a tool.
public struct DiagnosticPrinter: Sendable {
    public var format: DiagnosticFormat
    public var useColor: Bool

    public init(format: DiagnosticFormat, useColor: Bool) {
        self.format = format
        self.useColor = useColor
    }

    /// Returns the printed form of one diagnostic; `lines` are the note's lines.
    public func render(_ diagnostic: Diagnostic, lines: [String]) -> String {
        switch format {
        case .github: return github(diagnostic)
        case .json: return json(diagnostic)
        case .human, .gcc: return text(diagnostic, lines: lines)
        }
    }

    private func text(_ diagnostic: Diagnostic, lines: [String]) -> String {
        var location = diagnostic.file ?? "convnote"
        if let start = diagnostic.range?.start { location += ":\(start.line):\(start.column)" }
        let severity = color(diagnostic.severity.rawValue, code: diagnostic.severity == .error ? "1;31" : "1;35")
        var text = "\(color(location, code: "1")): \(severity): \(diagnostic.message.printable)\n"

        if format == .human, let range = diagnostic.range, range.start.line >= 1, range.start.line <= lines.count {
            let excerpt = SourceExcerpt(line: lines[range.start.line - 1], range: range)
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            let caret = String(repeating: " ", count: excerpt.caretColumn) + "^" + String(repeating: "~", count: excerpt.caretWidth - 1)
            text += " \(number) | \(excerpt.text)\n \(gutter) | \(color(caret, code: "1;32"))\n"
        }
        for note in diagnostic.notes {
            text += format == .human ? "   note: \(note.printable)\n" : "\(location): note: \(note.printable)\n"
        }
        return text
    }

    /// A GitHub Actions workflow command. Its message escapes `%`, CR and LF, and its
    /// properties also `:` and `,`, as GitHub's toolkit does.
    private func github(_ diagnostic: Diagnostic) -> String {
        let command: String
        switch diagnostic.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [String] = []
        if let file = diagnostic.file { properties.append("file=" + escapeProperty(file)) }
        if let range = diagnostic.range {
            properties.append("line=\(range.start.line)")
            properties.append("col=\(range.start.column)")
            if range.end.line == range.start.line { properties.append("endColumn=\(range.end.column)") }
        }
        properties.append("title=" + escapeProperty(diagnostic.id))
        let message = ([diagnostic.message] + diagnostic.notes).joined(separator: "\n")
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// One line of JSON with sorted keys, so that the output is stable.
    private func json(_ diagnostic: Diagnostic) -> String {
        struct Record: Encodable {
            var file: String?
            var line: Int?
            var column: Int?
            var endLine: Int?
            var endColumn: Int?
            var severity: String
            var id: String
            var message: String
            var notes: [String]
        }
        let record = Record(
            file: diagnostic.file, line: diagnostic.range?.start.line, column: diagnostic.range?.start.column,
            endLine: diagnostic.range?.end.line, endColumn: diagnostic.range?.end.column,
            severity: diagnostic.severity.rawValue, id: diagnostic.id, message: diagnostic.message, notes: diagnostic.notes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func color(_ text: String, code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// The part of a source line printed above a caret. A line longer than `maximumColumns` is
/// cut to a window around the caret, with `…` marking each cut end, so that a diagnostic on
/// a huge line stays short.
struct SourceExcerpt {
    /// The maximum number of a line's columns printed, not counting the `…` marks.
    static let maximumColumns = 160

    /// The printable text of the excerpt.
    let text: String
    /// The number of columns before the caret, 0-based.
    let caretColumn: Int
    /// The number of columns the caret and its `~` marks cover, at least 1.
    let caretWidth: Int

    init(line: String, range: SourceRange) {
        let scalars = Array(line.printable.unicodeScalars)
        let start = max(range.start.column - 1, 0)
        let remaining = max(scalars.count - start, 1)
        let width = range.end.line == range.start.line ? min(max(range.end.column - range.start.column, 1), remaining) : 1
        guard scalars.count > Self.maximumColumns else {
            text = String(String.UnicodeScalarView(scalars))
            caretColumn = start
            caretWidth = width
            return
        }

        // Put the caret a third of the way into the window, or as far right as the line's
        // end allows, so that the text it points at and some context before it both show.
        let lead = Self.maximumColumns / 3
        let windowStart = max(0, min(start - lead, scalars.count - Self.maximumColumns))
        let windowEnd = windowStart + Self.maximumColumns
        let cutsStart = windowStart > 0
        let cutsEnd = windowEnd < scalars.count
        text = (cutsStart ? "…" : "") + String(String.UnicodeScalarView(scalars[windowStart..<windowEnd])) + (cutsEnd ? "…" : "")
        caretColumn = start - windowStart + (cutsStart ? 1 : 0)
        caretWidth = max(min(width, windowEnd - start), 1)
    }
}

extension String {
    /// The line as it can be printed under a caret: tabs as single spaces, so that the caret
    /// counted in scalars lines up, and other control characters as U+FFFD.
    var printable: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\t" {
                result.unicodeScalars.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                result.unicodeScalars.append("\u{FFFD}")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
