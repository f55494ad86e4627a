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
