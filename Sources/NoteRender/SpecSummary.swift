import ConvolutionEngine
import NoteSpec

/// A spec block as a page shows it: its source, and a table of what it resolved to.
public struct SpecCard: Sendable {
    public var name: String
    /// The card's id in the page: `spec-NAME`, numbered when a heading has that id.
    public var anchor: String
    public var literal: String
    /// "all routes agree", or why the block was not evaluated.
    public var status: String
    /// One row per input or setting: a label and its value.
    public var rows: [(label: String, value: [PageInline])]
}

/// Builds the rows of a spec card. Small tensors are shown whole, larger ones by shape.
enum SpecSummary {
    /// The most entries a tensor may have to be shown whole in the card.
    static let maximumShownEntries = 36

    static func rows(_ spec: EvaluatedSpec, formula: (String) -> PageInline) -> [(label: String, value: [PageInline])] {
        let geometry = spec.geometry
        var rows: [(label: String, value: [PageInline])] = []

        func tensor(_ label: String, _ quantity: Quantity) {
            let value = spec.report.value(of: quantity)
            var cell: [PageInline] = [.text(value.shape.isEmpty ? "" : formatShape(value.shape).replacingOccurrences("x", " × ") + " ")]
            if value.count <= maximumShownEntries {
                cell.append(formula(TeXWriter.tensor(value, digits: spec.digits)))
            }
            rows.append((label, cell))
        }

        tensor("x", .x)
        tensor("w", .w)
        if spec.spec.tensors[.b] != nil { tensor("b", .b) }
        if spec.spec.tensors[.upstream] != nil { tensor("dL/dy", .upstream) }

        var padding = geometry.padding.map { "(\($0.begin), \($0.end))" }.joined(separator: ", ")
        if case .rule(let rule)? = spec.spec.padding?.value {
            padding += " from " + ["valid", "full", "same", "same-start"][[PaddingRule.valid, .full, .same, .sameStart].firstIndex(of: rule) ?? 0]
        }
        rows.append(("padding", [.text(padding)]))
        if geometry.stride.contains(where: { $0 != 1 }) {
            rows.append(("stride", [.text(geometry.stride.map(String.init).joined(separator: ", "))]))
        }
        if geometry.dilation.contains(where: { $0 != 1 }) {
            rows.append(("dilation", [.text(geometry.dilation.map(String.init).joined(separator: ", "))]))
        }
        if geometry.groups != 1 { rows.append(("groups", [.text("\(geometry.groups)")])) }

        let operation = spec.report.isTransposed ? "transposed convolution"
            : (spec.report.mode == .convolution ? "convolution (kernel rotated 180°)" : "cross-correlation")
        rows.append(("operation", [.text(operation)]))
        let numbers = spec.numberMode == .float ? "float, \(spec.digits) significant digits shown"
            : (spec.isSymbolic ? "symbolic, exact" : "exact rationals")
        rows.append(("numbers", [.text(numbers)]))
        let y = spec.report.value(of: .y)
        rows.append(("y", [.text(formatShape(y.shape).replacingOccurrences("x", " × "))]))
        return rows
    }

    static func status(_ spec: EvaluatedSpec) -> String {
        spec.report.comparisons.allSatisfy(\.agrees) ? "all routes agree" : "routes disagree"
    }
}
