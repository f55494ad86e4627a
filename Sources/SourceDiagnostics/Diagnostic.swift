/// How serious a diagnostic is: an error fails `convnote check`, a warning does not.
public enum Severity: String, Sendable, Comparable, Codable {
    case error
    case warning
    case note

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.error, .warning, .note]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// A problem found in a note, shared by every stage from the spec parser to the renderer.
public struct Diagnostic: Error, Hashable, Sendable, Codable {
    /// A stable identifier such as `spec.unknown-key`, for tools and tests.
    public var id: String
    public var severity: Severity
    /// The note's path as the user gave it; nil until the pipeline attaches it.
    public var file: String?
    public var range: SourceRange?
    /// One sentence: what is wrong, on which value.
    public var message: String
    /// Further lines: the values involved, and what to write instead.
    public var notes: [String]

    public init(
        id: String, severity: Severity = .error, file: String? = nil, range: SourceRange?,
        message: String, notes: [String] = []
    ) {
        self.id = id
        self.severity = severity
        self.file = file
        self.range = range
        self.message = message
        self.notes = notes
    }

    /// Returns the diagnostic attached to a file.
    public func inFile(_ path: String) -> Diagnostic {
        var copy = self
        copy.file = path
        return copy
    }
}

/// A failure that carries one or more diagnostics, for stages that stop at the first error.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
    }
}
