import SourceDiagnostics

/// Builds an error diagnostic for a spec block.
func specError(_ id: String, _ range: SourceRange?, _ message: String, notes: [String] = []) -> Diagnostic {
    Diagnostic(id: "spec.\(id)", range: range, message: message, notes: notes)
}

extension LocatedText {
    /// Returns an error diagnostic at the scalars in `range`.
    func error(_ id: String, _ range: Range<Int>, _ message: String, notes: [String] = []) -> DiagnosticError {
        DiagnosticError(specError(id, sourceRange(range), message, notes: notes))
    }
}
