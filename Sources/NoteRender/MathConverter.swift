import SourceDiagnostics
import TeXMathML

/// The directive, placeholder or spec block that asked for generated TeX, for diagnostics
/// about that TeX.
struct TeXRequest {
    /// The place in the note that makes the request.
    var range: SourceRange
    /// The subject of the too-large message, such as "the output of {{ explain forward }}".
    var subject: String
    /// The advice on what to write instead when the value is too large to show.
    var advice: String
}

/// Converts TeX to MathML and reports conversion errors as diagnostics.
struct MathConverter {
    /// Converts TeX that convnote wrote itself. TeX over the converter's length limit is
    /// reported as a value too large to show, and any other failure as an internal error,
    /// both at the request.
    func generated(_ tex: String, display: Bool, for request: TeXRequest, diagnostics: inout [Diagnostic]) -> Formula {
        // A string has at most as many scalars as UTF-8 bytes, so only long TeX needs counting.
        if tex.utf8.count > TeXMathML.maximumFormulaLength {
            let length = tex.unicodeScalarCount
            guard length <= TeXMathML.maximumFormulaLength else {
                diagnostics.append(Self.tooLarge(request, length: length))
                return tooLargeStandIn(display: display)
            }
        }
        do {
            let mathML = try TeXMathML.convert(tex, display: display ? .block : .inline)
            return Formula(tex: tex, mathML: mathML, display: display)
        } catch {
            diagnostics.append(Diagnostic(
                id: "internal.generated-tex", range: request.range,
                message: "internal error: convnote wrote TeX it cannot convert (\(error.message))",
                notes: ["the TeX begins: \(tex.prefix(200))\(tex.count > 200 ? "…" : "")", "please report this as a bug"]))
            return Formula(tex: tex, mathML: fallbackMathML(tex, display: display), display: display)
        }
    }

    /// Returns the error for generated TeX of `length` scalars, over the converter's limit.
    static func tooLarge(_ request: TeXRequest, length: Int) -> Diagnostic {
        Diagnostic(
            id: "render.value-too-large", range: request.range,
            message: "\(request.subject) is too large to show: with its values filled in, the formula is "
                + "\(length) characters long, over the limit of \(TeXMathML.maximumFormulaLength)",
            notes: [request.advice])
    }

    /// Returns a short formula that takes the place of a value too large to show.
    func tooLargeStandIn(display: Bool) -> Formula {
        let tex = "\\text{(too large to show)}"
        let mathML = (try? TeXMathML.convert(tex, display: display ? .block : .inline)) ?? fallbackMathML(tex, display: display)
        return Formula(tex: tex, mathML: mathML, display: display)
    }

    /// A visible stand-in for a formula that failed: its TeX as text.
    func fallbackMathML(_ tex: String, display: Bool) -> String {
        let escaped = HTMLEscaping.text(tex)
        return display ? "<math display=\"block\"><mtext>\(escaped)</mtext></math>" : "<math><mtext>\(escaped)</mtext></math>"
    }
}
