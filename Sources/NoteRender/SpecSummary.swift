import ConvolutionEngine
import NoteSpec

/// A one-line description of what a spec block resolved to, shown under the block.
enum SpecSummary {
    static func text(_ spec: EvaluatedSpec) -> String {
        let geometry = spec.geometry
        let y = spec.report.value(of: .y)
        let x = spec.report.value(of: .x)
        let w = spec.report.value(of: .w)
        var parts = [
            "x \(formatShape(x.shape))",
            "w \(formatShape(w.shape))",
            "padding " + geometry.padding.map { "(\($0.begin), \($0.end))" }.joined(separator: ", "),
        ]
        if geometry.stride.contains(where: { $0 != 1 }) {
            parts.append("stride " + geometry.stride.map(String.init).joined(separator: ", "))
        }
        if geometry.dilation.contains(where: { $0 != 1 }) {
            parts.append("dilation " + geometry.dilation.map(String.init).joined(separator: ", "))
        }
        if geometry.groups != 1 { parts.append("groups \(geometry.groups)") }
        parts.append("y \(formatShape(y.shape))")
        let agreed = spec.report.comparisons.allSatisfy(\.agrees)
        parts.append(agreed ? "all routes agree" : "routes disagree")
        return parts.joined(separator: " · ")
    }
}
