import ConvolutionEngine
import NoteSpec

/// Shared helpers for the explanations of one evaluated spec.
struct ExplanationContext {
    /// The largest number of entries an explanation lists one by one.
    static let maximumListedEntries = 16

    let spec: EvaluatedSpec

    var report: any ConvolutionReport { spec.report }
    var geometry: ConvolutionGeometry { spec.geometry }
    var base: Int { spec.indexBase }

    func value(_ quantity: Quantity) -> QuantityValue {
        report.value(of: quantity)
    }

    /// `name = [matrix]` for a display formula.
    func equation(_ quantity: Quantity) -> String {
        "\(TeXWriter.name(quantity)) = \(TeXWriter.tensor(value(quantity), digits: spec.digits))"
    }

    /// The TeX name of one entry, from zero-based coordinates in the quantity's shape.
    func entryName(_ quantity: Quantity, flat index: Int) -> String {
        let shape = value(quantity).shape
        let indices = coordinates(ofFlatIndex: index, in: shape).map { $0 + base }
        return TeXWriter.entryName(quantity, indices)
    }

    /// The display formula `name = [matrix]`, followed by a note on what was left out when
    /// the matrix is too large to show whole.
    func equationBlocks(_ quantity: Quantity) -> [GeneratedBlock] {
        [.display(equation(quantity))] + (cutDownNote(quantity).map { [$0] } ?? [])
    }

    /// Says which rows and columns a cut-down matrix shows, or nil when it is shown whole.
    func cutDownNote(_ quantity: Quantity) -> GeneratedBlock? {
        let shape = value(quantity).shape
        guard TeXWriter.isCutDown(shape) else { return nil }
        let parts = shape.suffix(2).enumerated().compactMap { index, extent -> String? in
            guard extent > TeXWriter.maximumShownExtent else { return nil }
            let axis = shape.count >= 2 && index == 0 ? "rows" : "columns"
            let head = "\(base)–\(TeXWriter.shownHead - 1 + base)"
            let tail = "\(extent - TeXWriter.shownTail + base)–\(extent - 1 + base)"
            return "\(axis) \(head) and \(tail) of \(extent)"
        }
        let shown = parts.isEmpty ? "its first and last entries" : parts.joined(separator: ", and ")
        return .paragraph([.text("\(quantity.rawValue) is \(shapeText(shape)), too large to show whole: the matrix above shows \(shown), and ⋮ and ⋯ mark what is left out.")])
    }

    /// The most terms a written-out sum shows before it is cut down around ⋯.
    static let maximumShownTerms = 12

    /// Joins the terms of a sum with `+`, cut down to its first and last terms around `\cdots`
    /// when it has more than `maximumShownTerms`, so that a layer with many channels still
    /// gives a formula of readable length.
    func sum(_ terms: [String], limit: Int = maximumShownTerms) -> String {
        guard terms.count > limit else { return terms.joined(separator: " + ") }
        let head = terms.prefix(limit - 3)
        let tail = terms.suffix(2)
        return (head + ["\\cdots"] + tail).joined(separator: " + ")
    }

    /// A factor of a product in TeX, parenthesized when it is a sum or negative.
    func factor(_ value: ScalarValue) -> String {
        let tex = TeXWriter.scalar(value, digits: spec.digits)
        let needsParentheses = tex.containsBytes(" + ") || tex.containsBytes(" - ") || tex.hasPrefix("-")
        return needsParentheses ? "\\left({\(tex)}\\right)" : tex
    }

    /// A note on how much of a long list is shown, or nil when everything is.
    func cutNote(shown: Int, total: Int, what: String) -> GeneratedBlock? {
        guard shown < total else { return nil }
        return .paragraph([.text("The list shows the first \(shown) of \(total) \(what).")])
    }

    /// Names the sides of each spatial axis, begin first: rows are top/bottom, columns
    /// left/right, depth front/back.
    var sideNames: [(String, String)] {
        Array([("front", "back"), ("top", "bottom"), ("left", "right")].suffix(geometry.dimensions))
    }

    /// "1 on the top and 0 on the bottom, 1 on the left and 0 on the right".
    var paddingDescription: String {
        zip(geometry.padding, sideNames).map { pad, sides in
            "\(pad.begin) on the \(sides.0) and \(pad.end) on the \(sides.1)"
        }.joined(separator: ", ")
    }

    /// "3 × 3" for a shape.
    func shapeText(_ shape: [Int]) -> String {
        shape.isEmpty ? "1 × 1" : shape.map(String.init).joined(separator: " × ")
    }
}
