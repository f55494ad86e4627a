import SourceDiagnostics

/// The `key: value` lines between two `---` lines at the top of a note.
public struct FrontMatter: Sendable {
    public struct Entry: Sendable {
        public var key: String
        public var value: String
        public var location: SourceLocation
        public var valueLocation: SourceLocation
    }

    public var entries: [Entry] = []
    /// The number of lines the front matter occupies, fences included; 0 without one.
    public var lineCount = 0

    public func value(_ key: String) -> String? {
        entries.last { $0.key == key }?.value
    }

    public func entry(_ key: String) -> Entry? {
        entries.last { $0.key == key }
    }

    /// The keys a note may set.
    public static let knownKeys = ["title", "summary", "index-base"]

    /// Reads front matter from the start of `lines` and reports malformed or unknown lines.
    static func parse(_ lines: [String]) -> (FrontMatter, [Diagnostic]) {
        var frontMatter = FrontMatter()
        var diagnostics: [Diagnostic] = []
        guard lines.first?.trimmingTrailingSpace == "---" else { return (frontMatter, []) }
        guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpace == "---" }) else {
            diagnostics.append(Diagnostic(
                id: "front-matter.unterminated", range: SourceRange(at: SourceLocation(line: 1, column: 1), length: 3),
                message: "the front matter that starts here has no closing --- line",
                notes: ["add a line with --- after the last key, or remove this line"]))
            return (frontMatter, diagnostics)
        }
        frontMatter.lineCount = closing + 1

        for lineIndex in 1..<closing {
            let line = lines[lineIndex]
            let number = lineIndex + 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(Diagnostic(
                    id: "front-matter.malformed", range: SourceRange(at: SourceLocation(line: number, column: 1), length: line.unicodeScalars.count),
                    message: "expected 'key: value' in the front matter, found '\(line)'",
                    notes: ["write lines such as title: Convolution, forward and backward"]))
                continue
            }
            let key = line[..<colon].trimmingCharacters
            let valueStart = line.index(after: colon)
            let rawValue = line[valueStart...]
            let value = rawValue.trimmingCharacters
            let leading = rawValue.prefix { $0 == " " || $0 == "\t" }
            let valueColumn = line[..<valueStart].unicodeScalars.count + leading.unicodeScalars.count + 1
            let location = SourceLocation(line: number, column: 1)
            let keyRange = SourceRange(at: location, length: key.unicodeScalars.count)
            if let earlier = frontMatter.entry(key) {
                diagnostics.append(Diagnostic(
                    id: "front-matter.duplicate-key", severity: .warning, range: keyRange,
                    message: "front matter key '\(key)' is set twice, so this value replaces the one on line \(earlier.location.line)",
                    notes: ["remove one of the two lines"]))
            }
            let entry = Entry(key: key, value: unquoted(value), location: location,
                              valueLocation: SourceLocation(line: number, column: valueColumn))
            frontMatter.entries.append(entry)
            if key == "title", entry.value.allSatisfy(\.isWhitespace) {
                diagnostics.append(Diagnostic(
                    id: "front-matter.empty-title", severity: .warning, range: keyRange,
                    message: "the front matter title is empty, so the page takes its title from the first level-1 heading or the file name",
                    notes: ["write a title after 'title:', or remove the line"]))
            }
            if !knownKeys.contains(key) {
                let suggestion = closestMatch(to: key, among: knownKeys)
                diagnostics.append(Diagnostic(
                    id: "front-matter.unknown-key", severity: .warning,
                    range: keyRange,
                    message: "unknown front matter key '\(key)'",
                    notes: [suggestion.map { "did you mean '\($0)'?" } ?? "the keys are title, summary and index-base"]))
            }
        }
        return (frontMatter, diagnostics)
    }

    /// Removes one pair of matching quotes around a value, as YAML writers add them.
    private static func unquoted(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}

extension StringProtocol {
    var trimmingTrailingSpace: String {
        var text = String(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }

    var trimmingCharacters: String {
        String(self.drop { $0 == " " || $0 == "\t" }).trimmingTrailingSpace
    }
}
