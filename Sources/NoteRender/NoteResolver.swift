import Foundation
import ConvolutionEngine
import NoteMarkdown
import NoteSpec
import SourceDiagnostics
import TeXMathML

/// Turns a parsed note and its analysed spec blocks into a `PageBlock` tree: math converted,
/// placeholders filled in, directives expanded. Problems become diagnostics, and the page
/// still renders with a visible stand-in where something failed.
struct NoteResolver {
    let note: MarkdownNote
    var scope: SpecScope
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var noteLinks: [NoteLink] = []
    private(set) var figures: [Figure] = []
    /// The note's file name without `.md`, which figure files are named after.
    let fileStem: String
    /// The line of the block being resolved, where the search for a link's position starts.
    private var blockLine = 1
    private var anchors = AnchorNames()
    private let converter = MathConverter()
    /// MathML already made for a filled-in formula of this note, keyed by display and TeX.
    /// Notes repeat short formulas such as $x_{11}$ many times; the converter's output
    /// depends on nothing else, so each is converted once.
    private var convertedFormulas: [Bool: [String: String]] = [:]

    init(note: MarkdownNote, specs: [(outcome: SpecOutcome, line: Int)], fileStem: String) {
        self.note = note
        self.fileStem = fileStem
        scope = SpecScope(all: specs)
    }

    mutating func resolve() -> [PageBlock] {
        PageAnchors.assigningSpecAnchors(blocks(note.blocks))
    }

    private mutating func blocks(_ blocks: [Block]) -> [PageBlock] {
        var result: [PageBlock] = []
        for block in blocks {
            result += self.block(block)
        }
        return result
    }

    private mutating func block(_ block: Block) -> [PageBlock] {
        switch block {
        case .paragraph(let inlines, let location):
            blockLine = location.line
            if let directive = directivePlaceholder(inlines) {
                return self.directive(note.placeholders[directive])
            }
            if case .math(let index)? = inlines.singleMeaningful, note.maths[index].display {
                return [.displayMath(formula(note.maths[index]))]
            }
            return [.paragraph(self.inlines(inlines))]
        case .heading(let level, let inlines, let location):
            blockLine = location.line
            let content = self.inlines(inlines)
            return [.heading(level: level, content, anchor: anchors.unique(for: PlainText.of(content, includingMath: false)))]
        case .codeBlock(let info, let literal, let lines, let location):
            if specBlockName(info: info, at: SourceLocation(line: 1, column: 1)) != nil {
                if let warning = unclosedFenceWarning(contentLineCount: lines.count, at: location) {
                    diagnostics.append(warning)
                }
                return [spec(literal: literal)]
            }
            return [.code(info: info, literal: literal)]
        case .htmlBlock(let html, _):
            return [.rawHTML(html)]
        case .blockQuote(let children):
            return [.quote(blocks(children))]
        case .list(let ordered, let start, let tight, let items):
            return [.list(ordered: ordered, start: start, tight: tight, items: items.map { blocks($0) })]
        case .table(let alignments, let header, let rows):
            return [.table(alignments: alignments, header: header.map { inlines($0) },
                           rows: rows.map { $0.map { inlines($0) } })]
        case .thematicBreak:
            return [.rule]
        }
    }

    /// Records a relative link to a `.md` file, located at its destination in the note when
    /// the destination is written there as is (after `](` or `](<`), and otherwise at the
    /// start of its block.
    private mutating func recordNoteLink(_ destination: String) {
        let path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/") else { return }
        var location = SourceLocation(line: blockLine, column: 1)
        for line in blockLine...max(blockLine, min(blockLine + 50, note.lines.count)) where line >= 1 && line <= note.lines.count {
            if let range = note.lines[line - 1].range(of: "](" + destination) {
                let column = note.lines[line - 1][..<range.lowerBound].unicodeScalars.count + 3
                location = SourceLocation(line: line, column: column)
                break
            }
            if let range = note.lines[line - 1].range(of: "](<" + destination + ">") {
                let column = note.lines[line - 1][..<range.lowerBound].unicodeScalars.count + 4
                location = SourceLocation(line: line, column: column)
                break
            }
        }
        noteLinks.append(NoteLink(destination: path, location: location))
    }

    /// Returns a warning when a spec block's opening fence has no closing fence. cmark then
    /// ends the block at the end of the note or of its block quote or list item, so the spec
    /// parser reads the prose after it as statements.
    private func unclosedFenceWarning(contentLineCount: Int, at location: SourceLocation) -> Diagnostic? {
        guard location.line >= 1, location.line <= note.lines.count else { return nil }
        // cmark's start column counts bytes, and everything before a fence (container markers
        // and indentation) is ASCII, so it is also the character offset of the fence.
        let openingLine = note.lines[location.line - 1]
        let fenceStart = openingLine.dropFirst(max(0, location.column - 1)).drop { $0 == " " || $0 == "\t" }
        guard let fenceCharacter = fenceStart.first, fenceCharacter == "`" || fenceCharacter == "~" else { return nil }
        let fence = String(fenceStart.prefix { $0 == fenceCharacter })

        let closingLine = location.line + 1 + contentLineCount
        if closingLine <= note.lines.count {
            let text = note.lines[closingLine - 1].drop { $0 == " " || $0 == "\t" || $0 == ">" }
            let run = text.prefix { $0 == fenceCharacter }
            if run.count >= fence.count, text.dropFirst(run.count).allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        }

        let lastLine = location.line + contentLineCount
        let endsWithNote = note.lines.dropFirst(lastLine).allSatisfy { $0.allSatisfy(\.isWhitespace) }
        let end = endsWithNote ? "the end of the note" : "line \(lastLine), where its block quote or list item ends"
        return Diagnostic(
            id: "spec.unclosed-fence", severity: .warning, range: SourceRange(at: location, length: fence.count),
            message: "the fence \(fence) that opens this spec block is never closed, so the block runs to \(end)",
            notes: ["add a line with \(fence) after the last statement of the spec block"])
    }

    /// Returns the placeholder index when a paragraph contains only a directive.
    private func directivePlaceholder(_ inlines: [Inline]) -> Int? {
        guard case .placeholder(let index)? = inlines.singleMeaningful,
              Directive.isDirective(note.placeholders[index].content.string) else { return nil }
        return index
    }

    private mutating func spec(literal: String) -> PageBlock {
        guard let outcome = scope.advance() else {
            return .code(info: "conv", literal: literal)
        }
        guard case .evaluated(let spec) = outcome else {
            return .spec(SpecCard(name: outcome.name, anchor: "spec-" + outcome.name, literal: literal,
                                  status: "not evaluated: see the diagnostics", rows: []))
        }
        let location = SourceLocation(line: scope.all[scope.seen - 1].line, column: 1)
        let request = TeXRequest(
            range: SourceRange(at: location, length: 3), subject: "a value in the table under spec block '\(spec.name)'",
            advice: "use shorter symbol names in the spec block")
        let rows = SpecSummary.rows(spec) { tex in
            .math(generatedFormula(tex, display: false, for: request))
        }
        return .spec(SpecCard(name: spec.name, anchor: "spec-" + spec.name, literal: literal, status: SpecSummary.status(spec),
                              rows: rows))
    }

    private mutating func directive(_ placeholder: PlaceholderSpan) -> [PageBlock] {
        let range = SourceRange(at: placeholder.location, length: placeholder.content.count + 4)
        switch Directive.parse(placeholder.content.string, range: range) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return [.paragraph([.code("{{ \(placeholder.content.string) }}")])]
        case .success(let (directive, block)):
            switch scope.lookup(block, range: range) {
            case .missing(let diagnostic):
                diagnostics.append(diagnostic)
                return []
            case .failed:
                return []
            case .found(let spec):
                if let problem = directive.problem(for: spec, range: range) {
                    diagnostics.append(problem)
                    return []
                }
                if case .figure(let kind) = directive {
                    return figure(kind, spec: spec, range: range)
                }
                let example = Self.entryExample(.y, block: block, spec: spec)
                let request = TeXRequest(
                    range: range, subject: "the output of {{ \(placeholder.content.string) }}",
                    advice: "use the directive with a smaller spec, or show the entries you need with placeholders, such as {{ \(example) }}")
                let reported = diagnostics.count
                let blocks = generated(directive.blocks(for: spec), for: request)
                // One directive may write several formulas that are too large, so only the first
                // error about them is kept.
                var seenTooLarge = false
                diagnostics = Array(diagnostics.prefix(reported)) + diagnostics.dropFirst(reported).filter { diagnostic in
                    guard diagnostic.id == "render.value-too-large" else { return true }
                    defer { seenTooLarge = true }
                    return !seenTooLarge
                }
                return blocks
            }
        }
    }

    private mutating func figure(_ kind: FigureKind, spec: EvaluatedSpec, range: SourceRange) -> [PageBlock] {
        if let problem = kind.problem(for: spec, range: range) {
            diagnostics.append(problem)
            return []
        }
        let number = figures.count + 1
        guard let drawn = FigureDrawer(spec: spec, id: "figure-\(number)").draw(kind) else {
            // `problem(for:range:)` rejects every case in which the drawer returns nil.
            diagnostics.append(Diagnostic(
                id: "internal.figure", range: range,
                message: "internal error: convnote cannot draw figure \(kind.name) for the spec '\(spec.name)'",
                notes: ["please report this as a bug"]))
            return []
        }
        let figure = Figure(svg: drawn.svg, title: drawn.title, fileName: "\(fileStem)-figure-\(number).svg")
        figures.append(figure)
        return [.figure(figure)]
    }

    /// Converts TeX that convnote wrote, once per note for each formula that converts
    /// cleanly. A formula that fails is converted again wherever it appears, so that each
    /// request gets its own diagnostic.
    private mutating func generatedFormula(_ tex: String, display: Bool, for request: TeXRequest) -> Formula {
        if let mathML = convertedFormulas[display]?[tex] {
            return Formula(tex: tex, mathML: mathML, display: display)
        }
        let reported = diagnostics.count
        let formula = converter.generated(tex, display: display, for: request, diagnostics: &diagnostics)
        if diagnostics.count == reported { convertedFormulas[display, default: [:]][tex] = formula.mathML }
        return formula
    }

    private mutating func generated(_ blocks: [GeneratedBlock], for request: TeXRequest) -> [PageBlock] {
        blocks.map { block in
            switch block {
            case .paragraph(let spans):
                return .paragraph(generated(spans, for: request))
            case .display(let tex):
                return .displayMath(generatedFormula(tex, display: true, for: request))
            case .table(let header, let rows):
                return .table(alignments: header.map { _ in .none }, header: header.map { [.text($0)] },
                              rows: rows.map { $0.map { generated($0, for: request) } })
            case .list(let items):
                return .list(ordered: false, start: 1, tight: true, items: items.map { [.paragraph(generated($0, for: request))] })
            case .subheading(let title):
                return .heading(level: 3, [.text(title)], anchor: anchors.unique(for: title))
            case .code(let language, let text):
                return .code(info: language, literal: text)
            }
        }
    }

    private mutating func generated(_ spans: [GeneratedSpan], for request: TeXRequest) -> [PageInline] {
        spans.map { span in
            switch span {
            case .text(let text): .text(text)
            case .code(let code): .code(code)
            case .strong(let text): .strong([.text(text)])
            case .math(let tex): .math(generatedFormula(tex, display: false, for: request))
            }
        }
    }

    private mutating func inlines(_ inlines: [Inline]) -> [PageInline] {
        inlines.map { inline in
            switch inline {
            case .text(let text): return .text(text)
            case .softBreak: return .softBreak
            case .lineBreak: return .lineBreak
            case .code(let code): return .code(code)
            case .html(let html): return .rawHTML(html)
            case .emphasis(let children): return .emphasis(self.inlines(children))
            case .strong(let children): return .strong(self.inlines(children))
            case .link(let destination, let title, let children):
                recordNoteLink(destination)
                return .link(destination: destination, title: title, self.inlines(children))
            case .image(let destination, let title, let children):
                return .image(destination: destination, title: title, alt: PlainText.of(self.inlines(children)))
            case .math(let index):
                return .math(formula(note.maths[index]))
            case .placeholder(let index):
                return placeholder(note.placeholders[index])
            }
        }
    }

    /// Resolves a placeholder in prose to an inline formula of its own.
    private mutating func placeholder(_ placeholder: PlaceholderSpan) -> PageInline {
        let written = "{{ \(placeholder.content.string) }}"
        if Directive.isDirective(placeholder.content.string) {
            diagnostics.append(Diagnostic(
                id: "directive.not-alone", range: SourceRange(at: placeholder.location, length: written.unicodeScalars.count),
                message: "the directive \(written) must stand alone in its paragraph",
                notes: ["put a blank line before and after it"]))
            return .code(written)
        }
        guard let tex = placeholderTeX(placeholder) else { return .code(written) }
        let request = TeXRequest(range: SourceRange(at: placeholder.location, length: written.unicodeScalars.count),
                                 subject: "the value of \(written)", advice: "select fewer entries")
        return .math(generatedFormula(tex, display: false, for: request))
    }

    /// Resolves a quantity placeholder to TeX, or records why it cannot be.
    private mutating func placeholderTeX(_ placeholder: PlaceholderSpan) -> String? {
        guard placeholder.content.count > 0 else {
            diagnostics.append(Diagnostic(
                id: "placeholder.empty", range: SourceRange(at: placeholder.location, length: 2),
                message: "this placeholder is empty",
                notes: ["name a quantity, such as {{ y }} or {{ seed.dL/dx[1,1] }}"]))
            return nil
        }
        let reference: QuantityReference
        do {
            reference = try parseQuantityReference(placeholder.content)
        } catch {
            diagnostics += error.diagnostics.map { diagnostic in
                var copy = diagnostic
                copy.id = copy.id.replacingPrefix("spec.", with: "placeholder.")
                return copy
            }
            return nil
        }
        switch scope.lookup(reference.block, range: reference.blockRange ?? SourceRange(at: placeholder.location, length: 2)) {
        case .missing(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .failed:
            return nil
        case .found(let spec):
            let tex: String
            do {
                tex = try PlaceholderTeX.tex(reference, spec: spec)
            } catch {
                diagnostics += error.diagnostics
                return nil
            }
            let length = tex.unicodeScalarCount
            guard length <= TeXMathML.maximumFormulaLength else {
                diagnostics.append(MathConverter.tooLarge(Self.placeholderRequest(placeholder, reference, spec: spec), length: length))
                return nil
            }
            return tex
        }
    }

    /// Builds the request for a quantity placeholder, with advice on how to show less of it.
    private static func placeholderRequest(_ placeholder: PlaceholderSpan, _ reference: QuantityReference, spec: EvaluatedSpec) -> TeXRequest {
        let written = "{{ \(placeholder.content.string) }}"
        let name = (reference.block.map { $0 + "." } ?? "") + reference.quantity.rawValue
        let example = entryExample(reference.quantity, block: reference.block, spec: spec)
        return TeXRequest(
            range: SourceRange(at: placeholder.location, length: written.unicodeScalars.count),
            subject: "the value of \(written)",
            advice: "select fewer entries, such as {{ \(example) }} for one entry, or write {{ \(name) | shape }} for its shape")
    }

    /// Writes one entry of a quantity as a placeholder names it, such as `seed.y[1,1]`.
    private static func entryExample(_ quantity: Quantity, block: String?, spec: EvaluatedSpec) -> String {
        let rank = spec.report.value(of: quantity).shape.count
        let indices = Array(repeating: String(spec.indexBase), count: rank)
        let selector = indices.isEmpty ? "" : "[" + indices.joined(separator: ",") + "]"
        return (block.map { $0 + "." } ?? "") + quantity.rawValue + selector
    }

    /// Converts a formula from the note, filling in its placeholders first. A TeX error is
    /// reported at its line and column in the note.
    private mutating func formula(_ math: MathSpan) -> Formula {
        // The filled-in TeX is kept as runs, each copied from the note or from a placeholder,
        // so that an error in it can be traced back to the note.
        var tex = ""
        var runs: [(start: Int, length: Int, origin: Int?)] = []
        var filledLength = 0
        func appendFromNote(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            tex += String(scalars: math.tex.scalars[range])
            runs.append((filledLength, range.count, range.lowerBound))
            filledLength += range.count
        }

        var position = 0
        for inner in math.placeholders {
            guard let range = inner.texRange else { continue }
            appendFromNote(position..<range.lowerBound)
            let replacement = placeholderTeX(inner).map { "{\($0)}" } ?? "{\\text{?}}"
            tex += replacement
            let length = replacement.unicodeScalarCount
            runs.append((filledLength, length, nil))
            filledLength += length
            position = range.upperBound
        }
        appendFromNote(position..<math.tex.count)

        // A formula that is short as written but long once its placeholders are filled in
        // is reported with both lengths, because the length comes from the filled-in values.
        if filledLength > TeXMathML.maximumFormulaLength, math.tex.count <= TeXMathML.maximumFormulaLength {
            let delimiter = math.display ? 2 : 1
            let end = math.tex.location(math.tex.count)
            diagnostics.append(Diagnostic(
                id: "render.formula-too-large",
                range: SourceRange(start: math.location, end: SourceLocation(line: end.line, column: end.column + delimiter)),
                message: "this formula is too large to show: with its placeholders filled in, it is \(filledLength) "
                    + "characters long, over the limit of \(TeXMathML.maximumFormulaLength), although the note writes "
                    + "\(math.tex.count) characters",
                notes: ["put each placeholder in a formula of its own, or select fewer entries with a selector"]))
            return converter.tooLargeStandIn(display: math.display)
        }

        if let mathML = convertedFormulas[math.display]?[tex] {
            return Formula(tex: tex, mathML: mathML, display: math.display)
        }
        do {
            let mathML = try TeXMathML.convert(tex, display: math.display ? .block : .inline)
            convertedFormulas[math.display, default: [:]][tex] = mathML
            return Formula(tex: tex, mathML: mathML, display: math.display)
        } catch {
            let run = runs.last { $0.start <= error.offset }
            let origin = error.offset < filledLength
                ? run.flatMap { run in run.origin.map { $0 + error.offset - run.start } }
                : math.tex.count
            let location = origin.map { math.tex.location($0) } ?? math.location
            diagnostics.append(Diagnostic(
                id: "tex.invalid", range: SourceRange(at: location, length: error.length),
                message: error.message))
            return Formula(tex: tex, mathML: converter.fallbackMathML(tex, display: math.display), display: math.display)
        }
    }
}

extension Array where Element == Inline {
    /// The only element that is not white-space text, if there is exactly one.
    var singleMeaningful: Inline? {
        let meaningful = filter { inline in
            switch inline {
            case .text(let text): return !text.allSatisfy(\.isWhitespace)
            case .softBreak: return false
            default: return true
            }
        }
        return meaningful.count == 1 ? meaningful[0] : nil
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
