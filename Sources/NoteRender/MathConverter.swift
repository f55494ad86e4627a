import SourceDiagnostics
import TeXMathML

/// Converts TeX to MathML and reports conversion errors as diagnostics.
struct MathConverter {
    /// Converts TeX that convnote wrote itself; a failure is an internal error, reported at
    /// the directive or placeholder that asked for it.
    func generated(_ tex: String, display: Bool, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> Formula {
        do {
            let mathML = try TeXMathML.convert(tex, display: display ? .block : .inline)
            return Formula(tex: tex, mathML: mathML, display: display)
        } catch {
            diagnostics.append(Diagnostic(
                id: "internal.generated-tex", range: SourceRange(at: location),
                message: "internal error: convnote wrote TeX it cannot convert (\(error.message))",
                notes: ["the TeX begins: \(tex.prefix(200))\(tex.count > 200 ? "…" : "")", "please report this as a bug"]))
            return Formula(tex: tex, mathML: fallbackMathML(tex, display: display), display: display)
        }
    }

    /// A visible stand-in for a formula that failed: its TeX as text.
    func fallbackMathML(_ tex: String, display: Bool) -> String {
        let escaped = HTMLEscaping.text(tex)
        return display ? "<math display=\"block\"><mtext>\(escaped)</mtext></math>" : "<math><mtext>\(escaped)</mtext></math>"
    }
}
