import NoteSpec
import SourceDiagnostics

/// What a spec block turned into: an analysed spec, or a failure already reported.
public enum SpecOutcome: Sendable {
    case evaluated(EvaluatedSpec)
    /// The block's own diagnostics were reported; placeholders that use it stay quiet.
    case failed(name: String)

    public var name: String {
        switch self {
        case .evaluated(let spec): spec.name
        case .failed(let name): name
        }
    }
}

/// The spec blocks a placeholder can see: those above it, the nearest one being current.
struct SpecScope {
    /// Every block of the note with the line it starts on, to report forward references.
    let all: [(outcome: SpecOutcome, line: Int)]
    private(set) var seen = 0

    init(all: [(outcome: SpecOutcome, line: Int)]) {
        self.all = all
    }

    mutating func advance() -> SpecOutcome? {
        guard seen < all.count else { return nil }
        seen += 1
        return all[seen - 1].outcome
    }

    enum Lookup {
        case found(EvaluatedSpec)
        /// The block failed; its own diagnostics already explain why.
        case failed
        case missing(Diagnostic)
    }

    /// Finds the block a reference names, or the nearest one above.
    func lookup(_ name: String?, range: SourceRange) -> Lookup {
        guard let name else {
            guard seen > 0 else {
                return .missing(Diagnostic(
                    id: "placeholder.no-spec", range: range,
                    message: "this placeholder has no spec block above it",
                    notes: ["move it below a ```conv block, or name a block, as in {{ seed.y }}"]))
            }
            return outcome(all[seen - 1].outcome)
        }
        if let index = all[..<seen].lastIndex(where: { $0.outcome.name == name }) {
            return outcome(all[index].outcome)
        }
        if let later = all[seen...].first(where: { $0.outcome.name == name }) {
            return .missing(Diagnostic(
                id: "placeholder.forward-reference", range: range,
                message: "the spec block '\(name)' is defined below this placeholder, at line \(later.line)",
                notes: ["placeholders refer only to blocks above them; move the block up"]))
        }
        let suggestion = closestMatch(to: name, among: all.map(\.outcome.name))
        return .missing(Diagnostic(
            id: "placeholder.unknown-spec", range: range, message: "no spec block is named '\(name)'",
            notes: [suggestion.map { "did you mean '\($0)'?" } ?? "the blocks are " + all.map(\.outcome.name).joined(separator: ", ")]))
    }

    private func outcome(_ outcome: SpecOutcome) -> Lookup {
        switch outcome {
        case .evaluated(let spec): .found(spec)
        case .failed: .failed
        }
    }
}
