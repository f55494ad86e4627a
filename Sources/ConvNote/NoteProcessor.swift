import Foundation
import ConvolutionEngine
import NoteMarkdown
import NoteRender
import NoteSpec
import SourceDiagnostics

/// Everything convnote learns from one note: its outputs and its diagnostics.
public struct ProcessedNote: Sendable, Codable {
    public var rendered: RenderedNote?
    /// Diagnostics without a file; the caller attaches the note's path.
    public var diagnostics: [Diagnostic]
    /// The note's lines, for quoting in diagnostics.
    public var lines: [String]
    /// The stated values that `check --fix` would replace, one per failed `expect`.
    public var fixes: [ValueFix] = []
    /// The pages and figures as the bytes to write. For a note read from the build cache,
    /// `rendered` has empty pages and figures, and these load from the cache when needed.
    var pages: PageBytes?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    private enum CodingKeys: String, CodingKey {
        case rendered, diagnostics, lines, fixes
    }

    public init(rendered: RenderedNote?, diagnostics: [Diagnostic], lines: [String], fixes: [ValueFix] = []) {
        self.rendered = rendered
        self.diagnostics = diagnostics
        self.lines = lines
        self.fixes = fixes
    }
}

/// A note's outputs as the bytes to write: the HTML page, the Markdown page, and each
/// figure's SVG file in figure order.
struct PageBytes: Sendable {
    var html: OutputBytes
    var markdown: OutputBytes
    var figures: [OutputBytes]

    /// The files in the order the build cache stores them.
    var all: [OutputBytes] { [html, markdown] + figures }

    init(html: OutputBytes, markdown: OutputBytes, figures: [OutputBytes]) {
        self.html = html
        self.markdown = markdown
        self.figures = figures
    }

    /// Converts a freshly rendered note's pages to bytes. `key` names the note's build-cache
    /// entry, and the identities built from it let a later build tell, without reading them,
    /// that unchanged output files still contain these bytes.
    init(_ rendered: RenderedNote, key: String?) {
        html = OutputBytes(Data(rendered.html.utf8), identity: key.map { $0 + ":0" })
        markdown = OutputBytes(Data(rendered.markdown.utf8), identity: key.map { $0 + ":1" })
        figures = rendered.figures.enumerated().map { index, figure in
            OutputBytes(Data((figure.svg + "\n").utf8), identity: key.map { $0 + ":\(index + 2)" })
        }
    }
}

/// A stated value to replace: its range in the note, the computed value in spec syntax, and
/// the diagnostic it answers.
public struct ValueFix: Sendable, Codable {
    public var range: SourceRange
    public var replacement: String
    public var diagnostic: Diagnostic
}

/// Runs one note through every stage: Markdown, spec blocks, the engine, the checks, and
/// both renderers.
public struct NoteProcessor: Sendable {
    public var generator: String

    public var allowsRawHTML: Bool

    public init(generator: String, allowsRawHTML: Bool = false) {
        self.generator = generator
        self.allowsRawHTML = allowsRawHTML
    }

    /// Processes a note's text. `fileStem`, the note's file name without `.md`, names its
    /// figure files.
    public func process(_ text: String, fileStem: String = "note") -> ProcessedNote {
        // Markdown, with math protected, and the front matter.
        let (note, markdownDiagnostics) = NoteParser.parse(text)
        var diagnostics = markdownDiagnostics
        let indexBase = self.indexBase(note.frontMatter, &diagnostics)

        // Every spec block: parse, evaluate, and check its expectations and routes.
        var specs: [(outcome: SpecOutcome, line: Int)] = []
        var names: [String: SourceLocation] = [:]
        var fixes: [ValueFix] = []
        for (position, block) in SpecBlockCollector.collect(note.blocks).enumerated() {
            let (outcome, blockDiagnostics, blockFixes) = evaluate(block, position: position + 1, indexBase: indexBase, names: &names)
            specs.append((outcome, block.location.line))
            diagnostics += blockDiagnostics
            fixes += blockFixes
        }

        // Both outputs.
        let rendered = NoteRenderer(generator: generator, allowsRawHTML: allowsRawHTML).render(note, specs: specs, fileStem: fileStem)
        diagnostics += rendered.diagnostics
        return ProcessedNote(rendered: rendered, diagnostics: diagnostics.sorted(by: Self.sourceOrder), lines: note.lines,
                             fixes: fixes)
    }

    private func indexBase(_ frontMatter: FrontMatter, _ diagnostics: inout [Diagnostic]) -> Int {
        guard let entry = frontMatter.entry("index-base") else { return 1 }
        guard let base = Int(entry.value), base == 0 || base == 1 else {
            diagnostics.append(Diagnostic(
                id: "front-matter.index-base", range: SourceRange(at: entry.valueLocation, length: max(entry.value.count, 1)),
                message: "index-base must be 0 or 1, not '\(entry.value)'",
                notes: ["1 counts from one, as in handwritten derivations; 0 counts from zero, as numpy does"]))
            return 1
        }
        return base
    }

    private func evaluate(
        _ block: SpecBlockSource, position: Int, indexBase: Int, names: inout [String: SourceLocation]
    ) -> (SpecOutcome, [Diagnostic], [ValueFix]) {
        let name = block.name ?? "conv\(position)"
        var diagnostics: [Diagnostic] = block.nameError.map { [$0] } ?? []
        let fenceRange = SourceRange(at: block.location, length: 3)
        if let first = names[name] {
            diagnostics.append(Diagnostic(
                id: "spec.duplicate-name", range: fenceRange,
                message: "two spec blocks are named '\(name)'; the first is at line \(first.line)",
                notes: ["give each block its own name"]))
        } else {
            names[name] = block.location
        }

        let (parsed, parseDiagnostics, canEvaluate) = SpecParser().parse(
            name: name, range: fenceRange, lines: block.lines.map { SpecLine(text: $0.text, location: $0.location) })
        diagnostics += parseDiagnostics
        guard canEvaluate else { return (.failed(name: name), diagnostics, []) }

        let evaluated: EvaluatedSpec
        do {
            evaluated = try SpecEvaluator(indexBase: indexBase).evaluate(parsed)
        } catch {
            return (.failed(name: name), diagnostics + error.diagnostics, [])
        }

        let engineDiagnostics = SpecChecks.routeAndOverflowDiagnostics(evaluated, at: fenceRange)
        guard engineDiagnostics.isEmpty else { return (.failed(name: name), diagnostics + engineDiagnostics, []) }
        var fixes: [ValueFix] = []
        for expectation in parsed.expectations {
            guard let failure = evaluated.check(expectation) else { continue }
            diagnostics.append(failure.diagnostic)
            if failure.diagnostic.id == "check.expectation", !failure.computedText.isEmpty {
                fixes.append(ValueFix(range: expectation.valueRange, replacement: failure.computedText, diagnostic: failure.diagnostic))
            }
        }
        return (.evaluated(evaluated), diagnostics, fixes)
    }

    static func sourceOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let left = lhs.range?.start ?? SourceLocation(line: 0, column: 0)
        let right = rhs.range?.start ?? SourceLocation(line: 0, column: 0)
        return left < right
    }
}
