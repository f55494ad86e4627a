import ConvolutionEngine
import Foundation
import NoteSpec
import SourceDiagnostics

/// `convnote eval 'SPEC' [--show NAME...]`: evaluates one spec given on the command line or on
/// standard input and prints its quantities as aligned matrices.
struct EvalCommand {
    let console: Console
    let printer: DiagnosticPrinter

    /// The quantities printed when `--show` is not given.
    static let defaultQuantities: [Quantity] = [.y, .weightGradient, .inputGradient]

    /// Evaluates the spec in `source`, its UTF-8 bytes, and returns the exit code: 1 when it
    /// has any diagnostic, as `check` would report for a spec block, and 0 otherwise.
    func run(source: Data, show: [String], indexBase: Int) throws(CommandError) -> Int32 {
        let quantities = try show.map { name throws(CommandError) -> Quantity in
            guard let quantity = Quantity(rawValue: name) else {
                let suggestion = closestMatch(to: name, among: Quantity.allCases.map(\.rawValue))
                throw .usage("unknown quantity '\(name)' for --show" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
            return quantity
        }

        let (lines, inputDiagnostic) = SpecInput.decode(source)
        if let inputDiagnostic { return report([inputDiagnostic], lines: lines) }

        // Statements are separated by newlines or by `;` outside brackets, as in a block. The
        // steps below are those of a note's spec block, so eval reports what check would.
        let specLines = lines.enumerated().map { SpecLine(text: $1, location: SourceLocation(line: $0 + 1, column: 1)) }
        let range = SourceRange(at: SourceLocation(line: 1, column: 1))
        let parsed = SpecParser().parse(name: "eval", range: range, lines: specLines)
        // A malformed expect alone still lets the spec run, as in a note.
        var exitCode = report(parsed.diagnostics, lines: lines)
        guard parsed.canEvaluate else { return 1 }
        let spec: EvaluatedSpec
        do {
            spec = try SpecEvaluator(indexBase: indexBase).evaluate(parsed.spec)
        } catch {
            return report(error.diagnostics, lines: lines)
        }
        // Overflowed entries and disagreeing routes leave no values worth printing.
        let engineDiagnostics = SpecChecks.routeAndOverflowDiagnostics(spec, at: range)
        guard engineDiagnostics.isEmpty else { return report(engineDiagnostics, lines: lines) }

        var shown = quantities.isEmpty ? Self.defaultQuantities : quantities
        if quantities.isEmpty, parsed.spec.tensors[.b] != nil { shown.append(.biasGradient) }
        for quantity in shown {
            console.output(MatrixText.render(quantity.rawValue, spec.report.value(of: quantity),
                                             digits: spec.digits, indexBase: indexBase))
        }
        for expectation in parsed.spec.expectations {
            guard let failure = spec.check(expectation) else { continue }
            exitCode = report([failure.diagnostic], lines: lines)
        }
        return exitCode
    }

    /// Prints the diagnostics and returns the exit code they give: 1 for any, 0 for none.
    private func report(_ diagnostics: [Diagnostic], lines: [String]) -> Int32 {
        for diagnostic in diagnostics {
            console.error(printer.render(diagnostic.inFile("<eval>"), lines: lines))
        }
        return diagnostics.isEmpty ? 0 : 1
    }
}

/// Writes a quantity for a terminal: a header with its shape, then its entries in aligned
/// columns, and matrices of higher-rank tensors one slice at a time.
enum MatrixText {
    /// The most rows or columns printed before the rest is left out around `…`.
    static let maximumShownExtent = 16

    static func render(_ name: String, _ value: QuantityValue, digits: Int, indexBase: Int) -> String {
        let shape = value.shape
        var text = "\(name) (\(formatShape(shape))):\n"
        switch shape.count {
        case 0:
            return text + "  " + entry(value[flat: 0], digits: digits) + "\n\n"
        case 1:
            return text + matrix(rows: 1, columns: shape[0], digits: digits) { value[flat: $1] } + "\n"
        default:
            let (rows, columns) = (shape[shape.count - 2], shape[shape.count - 1])
            let leading = Array(shape.dropLast(2))
            let slices = leading.reduce(1, *)
            for slice in 0..<min(slices, maximumShownExtent) {
                if !leading.isEmpty {
                    let index = coordinates(ofFlatIndex: slice, in: leading).map { String($0 + indexBase) }
                    text += "  [\(index.joined(separator: ", ")), :, :]\n"
                }
                text += matrix(rows: rows, columns: columns, digits: digits) { row, column in
                    value[flat: (slice * rows + row) * columns + column]
                }
            }
            if slices > maximumShownExtent {
                text += "  … \(slices - maximumShownExtent) more slices left out\n"
            }
            return text + "\n"
        }
    }

    private static func matrix(rows: Int, columns: Int, digits: Int, entry read: (Int, Int) -> ScalarValue) -> String {
        let shownRows = shown(rows)
        let shownColumns = shown(columns)
        let cells = shownRows.map { row in
            shownColumns.map { column -> String in
                guard let row, let column else { return "…" }
                return entry(read(row, column), digits: digits)
            }
        }
        let widths = shownColumns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            "  " + row.enumerated().map { column, cell in
                String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private static func shown(_ count: Int) -> [Int?] {
        guard count > maximumShownExtent else { return Array(0..<count) }
        return Array(0..<6) + [nil] + Array((count - 2)..<count)
    }

    static func entry(_ value: ScalarValue, digits: Int) -> String {
        switch value {
        case .exact: return value.description
        case .float(let number): return String(format: "%.\(digits)g", number)
        }
    }
}
