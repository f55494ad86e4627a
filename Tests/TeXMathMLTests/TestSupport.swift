import TeXMathML

/// Returns the exact converter output for a formula whose top-level row contains `body` and
/// whose annotation is `annotation`, which the caller writes already escaped.
func expectedMath(_ body: String, annotation: String, display: MathDisplay = .block) -> String {
    let open = display == .block ? #"<math display="block">"# : "<math>"
    return open + "<semantics><mrow>" + body
        + #"</mrow><annotation encoding="application/x-tex">"# + annotation
        + "</annotation></semantics></math>"
}

/// Converts `tex` and returns the error it throws, or nil when it converts.
func conversionError(_ tex: String, display: MathDisplay = .block) -> TeXError? {
    do {
        _ = try TeXMathML.convert(tex, display: display)
        return nil
    } catch {
        return error
    }
}
