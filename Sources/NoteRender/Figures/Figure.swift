import ConvolutionEngine
import NoteSpec
import SourceDiagnostics

/// A figure drawn from a spec's numbers, as SVG with a title and a description for screen
/// readers.
public struct Figure: Sendable, Codable, Equatable {
    public var svg: String
    public var title: String
    /// The SVG file the Markdown output links to, named after the note and the figure's
    /// position, such as `convolution-figure-2.svg`.
    public var fileName: String
}

/// `{{ figure KIND [ENTRY] }}`: which picture to draw.
enum FigureKind: Equatable {
    case padding
    case window(QuantityReference)
    case impact(QuantityReference)
    case im2col
    case jacobian(QuantityReference?)
    case flip

    static let names = ["padding", "window", "impact", "im2col", "jacobian", "flip"]

    /// Parses the words after `figure`, or returns a diagnostic.
    static func parse(_ words: [String], range: SourceRange, at location: SourceLocation) -> Result<FigureKind, Diagnostic> {
        guard let name = words.first else {
            return .failure(Diagnostic(id: "figure.missing", range: range, message: "the figure directive names no figure",
                                       notes: ["write one of: " + names.joined(separator: ", ")]))
        }
        let argument = words.dropFirst().joined(separator: " ")
        func reference(_ expected: Quantity, _ example: String) -> Result<QuantityReference, Diagnostic> {
            let text = LocatedText(argument, at: location)
            guard let parsed = try? parseQuantityReference(text), parsed.quantity == expected, parsed.selector != nil else {
                return .failure(Diagnostic(
                    id: "figure.argument", range: range,
                    message: "figure \(name) needs one entry of \(expected.rawValue), such as \(example)",
                    notes: ["write {{ figure \(name) \(example) }}"]))
            }
            return .success(parsed)
        }
        switch name {
        case "padding" where argument.isEmpty: return .success(.padding)
        case "im2col" where argument.isEmpty: return .success(.im2col)
        case "flip" where argument.isEmpty: return .success(.flip)
        case "jacobian" where argument.isEmpty: return .success(.jacobian(nil))
        case "jacobian": return reference(.x, "x[1,1]").map { .jacobian($0) }
        case "window": return reference(.y, "y[1,1]").map { .window($0) }
        case "impact": return reference(.x, "x[1,1]").map { .impact($0) }
        default:
            let suggestion = closestMatch(to: name, among: names)
            return .failure(Diagnostic(
                id: "figure.unknown", range: range, message: "unknown figure '\(name)'",
                notes: [suggestion.map { "did you mean 'figure \($0)'?" } ?? "the figures are " + names.joined(separator: ", ")]))
        }
    }
}

extension FigureKind {
    /// The name after `figure`, as the note writes it.
    var name: String {
        switch self {
        case .padding: "padding"
        case .window: "window"
        case .impact: "impact"
        case .im2col: "im2col"
        case .jacobian: "jacobian"
        case .flip: "flip"
        }
    }

    /// Returns why the figure cannot be drawn for a spec, or nil when it can: a window figure
    /// of a transposed spec, or an entry with the wrong number of indices, a `:` or an index
    /// out of range.
    func problem(for spec: EvaluatedSpec, range: SourceRange) -> Diagnostic? {
        switch self {
        case .window(let reference):
            if spec.report.isTransposed {
                return Diagnostic(
                    id: "figure.needs-convolution", range: range,
                    message: "figure window draws the window of a convolution, but the spec '\(spec.name)' has kind = transpose",
                    notes: ["use {{ figure impact x[...] }} or {{ figure jacobian }}, or figure window after a spec with kind = conv"])
            }
            return entryProblem(reference, spec: spec, range: range)
        case .impact(let reference), .jacobian(let reference?):
            return entryProblem(reference, spec: spec, range: range)
        case .padding, .im2col, .jacobian(nil), .flip:
            return nil
        }
    }

    /// Checks that a reference names one entry of its quantity, with every index in range.
    private func entryProblem(_ reference: QuantityReference, spec: EvaluatedSpec, range: SourceRange) -> Diagnostic? {
        let quantity = reference.quantity.rawValue
        let shape = spec.report.value(of: reference.quantity).shape
        let axes = Self.axisNames(rank: shape.count, dimensions: spec.geometry.dimensions)
        let base = spec.indexBase
        let example = "\(quantity)[" + Array(repeating: String(base), count: shape.count).joined(separator: ",") + "]"
        let ranges = zip(axes, shape).map { axis, extent in "the \(axis) in \(base)...\(extent - 1 + base)" }
        let rangeText = ranges.count <= 1 ? ranges.joined() : ranges.dropLast().joined(separator: ", ") + " and " + ranges[ranges.count - 1]
        let shapeText = shape.map(String.init).joined(separator: " × ")
        let selector = reference.selector ?? []

        guard selector.count == shape.count else {
            return Diagnostic(
                id: "figure.entry-rank", range: range,
                message: "figure \(name) needs one entry of \(quantity) with \(shape.count) indices (\(axes.joined(separator: ", "))), "
                    + "because \(quantity) has shape \(shapeText), but \(reference.text) gives \(selector.count)",
                notes: ["write {{ figure \(name) \(example) }}, with \(rangeText)"])
        }
        for (axis, index) in selector.enumerated() {
            guard case .index(let written) = index else {
                return Diagnostic(
                    id: "figure.entry-axis", range: range,
                    message: "figure \(name) needs one entry of \(quantity), but \(reference.text) selects a whole \(axes[axis]) with ':'",
                    notes: ["write {{ figure \(name) \(example) }}, with \(rangeText)"])
            }
            guard written - base >= 0, written - base < shape[axis] else {
                return Diagnostic(
                    id: "figure.entry-range", range: range,
                    message: "index \(written) of \(reference.text) is out of range: \(quantity) has shape \(shapeText), "
                        + "so figure \(name) needs \(rangeText)",
                    notes: ["this note counts from \(base) (index-base in the front matter); write {{ figure \(name) \(example) }}"])
            }
        }
        return nil
    }

    /// Names the axes of a quantity of x's or y's layout: batch and channel before the
    /// spatial axes, when the rank has room for them.
    static func axisNames(rank: Int, dimensions: Int) -> [String] {
        let spatial = Array(["depth", "row", "column"].suffix(dimensions))
        let spatialNames = dimensions == 1 ? ["position"] : spatial
        let leading = Array(["batch", "channel"].suffix(max(0, min(2, rank - dimensions))))
        return Array((leading + spatialNames).suffix(rank))
    }
}
