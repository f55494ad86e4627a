import ConvolutionEngine
import NoteSpec
import SourceDiagnostics

/// A block directive: a paragraph holding only one `{{ ... }}` of these forms.
enum Directive: Equatable {
    case explain(Topic)
    case verify

    enum Topic: String, CaseIterable {
        case forward
        case im2col
        case weightGradient = "weight-gradient"
        case inputGradient = "input-gradient"
        case jacobian
        case transpose
        case all
    }

    /// The first words that make a placeholder a directive.
    static let keywords = ["explain", "verify", "figure", "frameworks"]

    /// Returns whether the content starts with a directive keyword.
    static func isDirective(_ content: String) -> Bool {
        let first = content.split(separator: " ").first.map(String.init) ?? ""
        return keywords.contains(first)
    }

    /// Parses a directive and the spec block it names with a trailing `for NAME` (nil for
    /// the nearest block above), or returns a diagnostic for one this version does not know.
    static func parse(_ content: String, range: SourceRange) -> Result<(Directive, block: String?), Diagnostic> {
        var words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var block: String?
        if words.count >= 3, words[words.count - 2] == "for", let name = words.last {
            block = name
            words.removeLast(2)
        }
        return parse(words, content: content, range: range).map { ($0, block) }
    }

    private static func parse(_ words: [String], content: String, range: SourceRange) -> Result<Directive, Diagnostic> {
        switch words.first {
        case "verify" where words.count == 1:
            return .success(.verify)
        case "explain" where words.count == 2:
            guard let topic = Topic(rawValue: words[1]) else {
                let suggestion = closestMatch(to: words[1], among: Topic.allCases.map(\.rawValue))
                return .failure(Diagnostic(
                    id: "directive.unknown", range: range, message: "unknown explanation '\(words[1])'",
                    notes: [suggestion.map { "did you mean 'explain \($0)'?" }
                            ?? "the explanations are " + Topic.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            // NOTE: the Jacobian and transposed-convolution explanations are not written yet.
            if topic == .jacobian || topic == .transpose {
                return .failure(Diagnostic(
                    id: "directive.unsupported", range: range,
                    message: "{{ explain \(topic.rawValue) }} is not supported by this version of convnote",
                    notes: ["use explain forward, im2col, weight-gradient, input-gradient or all"]))
            }
            return .success(.explain(topic))
        case "figure", "frameworks":
            // NOTE: figures and framework snippets are part of the note format but not yet written.
            return .failure(Diagnostic(
                id: "directive.unsupported", range: range,
                message: "{{ \(content) }} is not supported by this version of convnote",
                notes: ["remove the directive for now"]))
        default:
            return .failure(Diagnostic(
                id: "directive.malformed", range: range, message: "malformed directive '{{ \(content) }}'",
                notes: ["write {{ explain forward }}, {{ explain im2col }}, {{ explain weight-gradient }}, {{ explain input-gradient }}, {{ explain all }} or {{ verify }}, optionally followed by 'for NAME' to pick a spec block"]))
        }
    }

    /// Returns the generated blocks of a directive for one spec.
    func blocks(for spec: EvaluatedSpec) -> [GeneratedBlock] {
        let context = ExplanationContext(spec: spec)
        switch self {
        case .verify:
            return VerifyTable(context: context).blocks()
        case .explain(let topic):
            switch topic {
            case .forward: return ForwardExplanation(context: context).blocks()
            case .im2col: return Im2colExplanation(context: context).blocks()
            case .weightGradient: return WeightGradientExplanation(context: context).blocks()
            case .inputGradient: return InputGradientExplanation(context: context).blocks()
            case .jacobian, .transpose: return []
            case .all:
                let parts: [(String, Topic)] = [
                    ("Forward pass", .forward), ("im2col", .im2col),
                    ("Weight gradient", .weightGradient), ("Input gradient", .inputGradient),
                ]
                return parts.flatMap { title, part in [GeneratedBlock.subheading(title)] + Directive.explain(part).blocks(for: spec) }
            }
        }
    }
}
