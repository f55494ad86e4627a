/// Whether a formula is set within a line of text or as a block on its own line.
public enum MathDisplay: Sendable {
    case inline
    case block
}

/// Converter from the TeX math subset of the derivation notes to MathML Core.
public enum TeXMathML {
    /// The maximum formula length that `convert` accepts, in Unicode scalars. Callers that generate TeX
    /// check against it to report a value that is too large to show in their own words.
    public static let maximumFormulaLength = ConversionLimits.maximumInputLength

    /// Converts TeX math (without the surrounding $ signs) to one `<math>` element.
    ///
    /// The element carries the source TeX in an `application/x-tex` annotation so that readers
    /// can copy it. Every text and attribute value is escaped for HTML, and equal input gives
    /// byte-equal output. Throws a `TeXError` that points at the offending source text for any
    /// construct outside the supported subset and for input over `ConversionLimits`.
    public static func convert(_ tex: String, display: MathDisplay) throws(TeXError) -> String {
        let scalars = try SourceScalars.validated(tex)

        var parser = TeXParser(scalars: scalars, display: display)
        let nodes = try parser.parseFormula()

        return MathMLWriter.document(nodes: nodes, source: tex, display: display)
    }
}
