import ConvolutionEngine
import SourceDiagnostics

/// Parses the body of a spec block into a `ParsedSpec`, collecting every error it finds
/// rather than stopping at the first.
public struct SpecParser {
    public init() {}

    /// Parses `lines`, the body of the block named `name` whose fence spans `range`.
    /// `canEvaluate` is false when an error outside the `expect` statements leaves the
    /// convolution undefined; a malformed `expect` alone is left out and the rest still runs.
    public func parse(name: String, range: SourceRange, lines: [SpecLine]) -> (spec: ParsedSpec, diagnostics: [Diagnostic], canEvaluate: Bool) {
        var spec = ParsedSpec(name: name, range: range)
        var diagnostics: [Diagnostic] = []
        var canEvaluate = true
        let statements: [LocatedText]
        do {
            statements = try splitStatements(lines)
        } catch {
            return (spec, error.diagnostics, false)
        }
        var firstSeen: [SpecKey: SourceRange] = [:]
        let numbers = numberMode(statements)
        for statement in statements {
            do {
                try parseStatement(statement, numbers: numbers, into: &spec, firstSeen: &firstSeen)
            } catch {
                diagnostics += error.diagnostics
                var cursor = Cursor(statement, statement.trimmed(0..<statement.count))
                if !cursor.consumeWord("expect") { canEvaluate = false }
            }
        }
        return (spec, diagnostics, canEvaluate)
    }

    /// Returns the number mode the block sets, found before any value is read, because a
    /// `numbers = float` line below `x` still decides how x's literals are read. The first
    /// `numbers` line counts, as for every key set twice.
    private func numberMode(_ statements: [LocatedText]) -> NumberMode {
        for text in statements {
            let whole = text.trimmed(0..<text.count)
            guard let equals = topLevelEquals(text, whole),
                  text.string(text.trimmed(whole.lowerBound..<equals)) == SpecKey.numbers.rawValue else { continue }
            return text.string(text.trimmed((equals + 1)..<whole.upperBound)) == "float" ? .float : .exact
        }
        return .exact
    }

    private func parseStatement(
        _ text: LocatedText, numbers: NumberMode, into spec: inout ParsedSpec, firstSeen: inout [SpecKey: SourceRange]
    ) throws(DiagnosticError) {
        let whole = text.trimmed(0..<text.count)
        guard let equals = topLevelEquals(text, whole) else {
            throw text.error("missing-equals", whole, "expected 'key = value', found '\(text.string(whole))'",
                             notes: ["write one statement per line, such as padding = same"])
        }
        let left = text.trimmed(whole.lowerBound..<equals)
        let right = text.trimmed((equals + 1)..<whole.upperBound)
        let statementRange = text.sourceRange(whole)
        guard !right.isEmpty else {
            throw text.error("missing-value", equals..<equals + 1, "nothing follows = in '\(text.string(whole))'")
        }

        var keyCursor = Cursor(text, left)
        if keyCursor.consumeWord("expect") {
            spec.expectations.append(try expectation(text, &keyCursor, value: right, statement: statementRange, numbers: numbers))
            return
        }

        let (key, shape) = try keyAndShape(text, &keyCursor, left)
        if let earlier = firstSeen[key] {
            throw text.error("duplicate-key", left, "\(key.rawValue) is set twice in this block",
                             notes: ["the first setting is at line \(earlier.start.line); remove one of them"])
        }
        firstSeen[key] = statementRange
        try parseValue(key, shape: shape, text, right, statementRange, numbers: numbers, into: &spec)
    }

    private func topLevelEquals(_ text: LocatedText, _ range: Range<Int>) -> Int? {
        var depth = 0
        for index in range {
            switch text.scalars[index] {
            case "[", "(": depth += 1
            case "]", ")": depth -= 1
            case "=" where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    private func keyAndShape(_ text: LocatedText, _ cursor: inout Cursor, _ left: Range<Int>) throws(DiagnosticError) -> (SpecKey, [Int]?) {
        let start = cursor.index
        while let scalar = cursor.current, scalar != ":", !scalar.properties.isWhitespace { cursor.advance() }
        let nameRange = start..<cursor.index
        let name = text.string(nameRange)
        guard let key = SpecKey(rawValue: name) else {
            let suggestion = closestMatch(to: name, among: SpecKey.allCases.map(\.rawValue) + ["expect"])
            throw text.error("unknown-key", nameRange.isEmpty ? left : nameRange, "unknown key '\(name)'",
                             notes: [suggestion.map { "did you mean '\($0)'?" }
                                     ?? "the keys are " + SpecKey.allCases.map(\.rawValue).joined(separator: ", ") + " and expect"])
        }
        cursor.skipSpace()
        guard cursor.consume(":") else {
            try cursor.expectEnd("the key \(name)")
            return (key, nil)
        }
        guard key.isTensor else {
            throw text.error("unexpected-shape", cursor.index - 1..<left.upperBound,
                             "only tensors (x, w, b, dL/dy) take an explicit shape, not \(name)")
        }
        cursor.skipSpace()
        let shape = try cursor.shape()
        try cursor.expectEnd("the shape")
        return (key, shape)
    }

    private func parseValue(
        _ key: SpecKey, shape: [Int]?, _ text: LocatedText, _ right: Range<Int>, _ statement: SourceRange,
        numbers: NumberMode, into spec: inout ParsedSpec
    ) throws(DiagnosticError) {
        var cursor = Cursor(text, right)
        let valueRange = text.sourceRange(right)
        switch key {
        case .x, .w, .b, .upstream:
            let source = try tensorSource(text, &cursor, numbers: numbers)
            spec.tensors[key] = Statement(value: TensorStatement(source: source, explicitShape: shape),
                                          range: statement, valueRange: valueRange)
        case .stride, .dilation, .outputPadding:
            let values = try cursor.integerOrTuple(what: key.rawValue)
            try cursor.expectEnd("the value of \(key.rawValue)")
            spec.integers[key] = Statement(value: values, range: statement, valueRange: valueRange)
        case .dims, .groups, .digits:
            let value = try cursor.integer(what: key.rawValue).value
            try cursor.expectEnd("the value of \(key.rawValue)")
            spec.integers[key] = Statement(value: [value], range: statement, valueRange: valueRange)
        case .padding:
            let padding = try cursor.padding()
            try cursor.expectEnd("the padding")
            spec.padding = Statement(value: padding, range: statement, valueRange: valueRange)
        case .mode, .numbers, .kind:
            let options: [SpecKey: [String]] = [
                .mode: ["cross-correlation", "convolution"], .numbers: ["exact", "float"], .kind: ["conv", "transpose"],
            ]
            let word = text.string(right)
            guard let known = options[key], known.contains(word) else {
                let choices = options[key] ?? []
                throw text.error("unknown-option", right, "\(key.rawValue) cannot be '\(word)'",
                                 notes: ["write one of: " + choices.joined(separator: ", ")])
            }
            spec.words[key] = Statement(value: word, range: statement, valueRange: valueRange)
        case .tolerance:
            spec.tolerance = Statement(value: try tolerance(text, right), range: statement, valueRange: valueRange)
        }
    }

    /// Reads a tolerance as a double in either number mode, because it is one. SpecOptions
    /// then rejects it outside float mode.
    private func tolerance(_ text: LocatedText, _ range: Range<Int>) throws(DiagnosticError) -> Double {
        let malformed = text.error("malformed-tolerance", range, "tolerance must be a positive number, such as 1e-9")
        let value: ScalarValue
        do {
            value = try ExpressionParser.parse(text, range, numbers: .float)
        } catch {
            // A symbol is reported as not a number, not as a clash with float mode.
            if error.diagnostics.first?.id == "spec.symbol-in-float" { throw malformed }
            throw error
        }
        guard case .float(let tolerance) = value, tolerance > 0 else { throw malformed }
        return tolerance
    }

    /// Reads a literal, a generator call, or a single scalar (a rank-0 tensor).
    private func tensorSource(_ text: LocatedText, _ cursor: inout Cursor, numbers: NumberMode) throws(DiagnosticError) -> TensorSource {
        if cursor.current == "[" {
            let literal = try TensorLiteralParser(text: text, numbers: numbers).parse(&cursor)
            try cursor.expectEnd("the tensor")
            return .literal(literal)
        }
        if let call = try cursor.generatorCall() {
            try cursor.expectEnd("the generator")
            return .generator(call.generator, shape: call.shape)
        }
        try rejectMisspelledGenerator(text, cursor)
        let value = try ExpressionParser.parse(text, cursor.index..<cursor.end, numbers: numbers)
        return .literal(TensorLiteral(shape: [], entries: [value]))
    }

    /// Rejects `name(...)` with an unknown name, and a bare name one typo away from a
    /// generator, which would otherwise read as a symbol.
    private func rejectMisspelledGenerator(_ text: LocatedText, _ cursor: Cursor) throws(DiagnosticError) {
        var probe = cursor
        guard let nameRange = probe.identifier() else { return }
        let name = text.string(nameRange)
        let suggestion = closestMatch(to: name, among: Generator.names)
        let isCall = probe.current == "("
        probe.skipSpace()
        guard isCall || (probe.isAtEnd && suggestion != nil) else { return }
        throw text.error("unknown-generator", nameRange, "unknown generator '\(name)'",
                         notes: [suggestion.map { "did you mean '\($0)'?" }
                                 ?? "the generators are " + Generator.names.joined(separator: ", ")])
    }

    private func expectation(
        _ text: LocatedText, _ cursor: inout Cursor, value right: Range<Int>, statement: SourceRange, numbers: NumberMode
    ) throws(DiagnosticError) -> Expectation {
        let reference = try cursor.quantityReference(allowBlock: false)
        try cursor.expectEnd("the quantity")
        if reference.filter == .expand {
            throw DiagnosticError(specError("expect-expand", reference.quantityRange,
                                            "expect cannot check '| expand'; state the value instead"))
        }

        var valueCursor = Cursor(text, right)
        let expected: ExpectedValue
        if reference.filter == .shape {
            // convnote writes the shape of a rank-0 quantity as scalar, so a note can state it.
            valueCursor.skipSpace()
            if valueCursor.consumeWord("scalar") {
                expected = .shape([])
            } else {
                do {
                    expected = .shape(try valueCursor.shape())
                } catch {
                    throw DiagnosticError(error.diagnostics.map { diagnostic in
                        var diagnostic = diagnostic
                        diagnostic.notes.append("write scalar for the shape of a single number, such as dL/db with one output channel")
                        return diagnostic
                    })
                }
            }
            try valueCursor.expectEnd("the shape")
        } else if valueCursor.current == "[" {
            expected = .value(try TensorLiteralParser(text: text, numbers: numbers, keepsWrittenEntries: true).parse(&valueCursor))
            try valueCursor.expectEnd("the tensor")
        } else {
            let value = try ExpressionParser.parse(text, right, numbers: numbers)
            expected = .value(TensorLiteral(shape: [], entries: [value], writtenEntries: [text.string(text.trimmed(right))]))
        }
        return Expectation(reference: reference, expected: expected, range: statement, valueRange: text.sourceRange(right))
    }
}
