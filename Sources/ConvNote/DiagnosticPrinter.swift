import SourceDiagnostics

/// The printed form of diagnostics.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// The source line with a caret under the problem, for people.
    case human
    /// `path:line:col: error: message`, for editors and tools.
    case gcc
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
        var location = diagnostic.file ?? "convnote"
        if let start = diagnostic.range?.start { location += ":\(start.line):\(start.column)" }
        let severity = color(diagnostic.severity.rawValue, code: diagnostic.severity == .error ? "1;31" : "1;35")
        var text = "\(color(location, code: "1")): \(severity): \(diagnostic.message.printable)\n"

        if format == .human, let range = diagnostic.range, range.start.line >= 1, range.start.line <= lines.count {
            let line = lines[range.start.line - 1].printable
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            let remaining = max(line.unicodeScalars.count - range.start.column + 1, 1)
            let width = range.end.line == range.start.line ? min(max(range.end.column - range.start.column, 1), remaining) : 1
            let caret = String(repeating: " ", count: max(range.start.column - 1, 0))
                + "^" + String(repeating: "~", count: width - 1)
            text += " \(number) | \(line)\n \(gutter) | \(color(caret, code: "1;32"))\n"
        }
        for note in diagnostic.notes {
            text += format == .human ? "   note: \(note.printable)\n" : "\(location): note: \(note.printable)\n"
        }
        return text
    }

    private func color(_ text: String, code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
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
