import ConvolutionEngine
import NoteSpec
import SourceDiagnostics

/// A block directive: a paragraph that contains only one `{{ ... }}` of these forms.
enum Directive: Equatable {
    case explain(Topic)
    case verify
    case frameworks
    case figure(FigureKind)

    enum Topic: String, CaseIterable {
        case forward
        case im2col
        case weightGradient = "weight-gradient"
        case inputGradient = "input-gradient"
        case jacobian
        case transpose
        case all

        /// Whether the explanation describes a convolution's own passes, which a transposed
        /// spec does not have in that form.
        var needsConvolution: Bool {
            [.forward, .im2col, .weightGradient, .inputGradient].contains(self)
        }
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
        case "frameworks" where words.count == 1:
            return .success(.frameworks)
        case "explain" where words.count == 2:
            guard let topic = Topic(rawValue: words[1]) else {
                let suggestion = closestMatch(to: words[1], among: Topic.allCases.map(\.rawValue))
                return .failure(Diagnostic(
                    id: "directive.unknown", range: range, message: "unknown explanation '\(words[1])'",
                    notes: [suggestion.map { "did you mean 'explain \($0)'?" }
                            ?? "the explanations are " + Topic.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            return .success(.explain(topic))
        case "figure":
            return FigureKind.parse(Array(words.dropFirst()), range: range, at: range.start).map { .figure($0) }
        default:
            return .failure(Diagnostic(
                id: "directive.malformed", range: range, message: "malformed directive '{{ \(content) }}'",
                notes: ["write {{ explain TOPIC }} with TOPIC one of " + Topic.allCases.map(\.rawValue).joined(separator: ", ")
                        + ", {{ verify }} or {{ frameworks }}, optionally followed by 'for NAME' to pick a spec block"]))
        }
    }

    /// Returns why the directive does not apply to a spec, or nil when it does.
    func problem(for spec: EvaluatedSpec, range: SourceRange) -> Diagnostic? {
        switch self {
        case .explain(let topic) where topic.needsConvolution && spec.report.isTransposed:
            return Diagnostic(
                id: "directive.needs-convolution", range: range,
                message: "{{ explain \(topic.rawValue) }} describes a convolution, but the spec '\(spec.name)' has kind = transpose",
                notes: ["use {{ explain transpose }}, {{ explain jacobian }} or {{ explain all }}"])
        case .frameworks where spec.isSymbolic:
            return Diagnostic(
                id: "directive.needs-numbers", range: range,
                message: "{{ frameworks }} writes code that computes with numbers, but the spec '\(spec.name)' contains symbols",
                notes: ["use it after a spec block whose entries are all numbers"])
        default:
            return nil
        }
    }

    /// Returns the generated blocks of a directive for one spec.
    func blocks(for spec: EvaluatedSpec) -> [GeneratedBlock] {
        let context = ExplanationContext(spec: spec)
        switch self {
        case .figure:
            return []
        case .verify:
            return VerifyTable(context: context).blocks()
        case .frameworks:
            return FrameworkSnippets(spec: spec).blocks()
        case .explain(let topic):
            switch topic {
            case .forward: return ForwardExplanation(context: context).blocks()
            case .im2col: return Im2colExplanation(context: context).blocks()
            case .weightGradient: return WeightGradientExplanation(context: context).blocks()
            case .inputGradient: return InputGradientExplanation(context: context).blocks()
            case .jacobian: return JacobianExplanation(context: context).blocks()
            case .transpose: return TransposeExplanation(context: context).blocks()
            case .all:
                let parts: [(String, Topic)] = spec.report.isTransposed
                    ? [("Transposed convolution", .transpose), ("Jacobians", .jacobian)]
                    : [("Forward pass", .forward), ("im2col", .im2col), ("Weight gradient", .weightGradient),
                       ("Input gradient", .inputGradient), ("Jacobians", .jacobian), ("Transposed convolution", .transpose)]
                return parts.flatMap { title, part in [GeneratedBlock.subheading(title)] + Directive.explain(part).blocks(for: spec) }
            }
        }
    }
}
