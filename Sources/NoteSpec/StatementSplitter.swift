import SourceDiagnostics

/// One line of a spec block's body with the location of its first character in the note.
public struct SpecLine: Sendable {
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// Splits a block body into statements: one per line, continued over further lines while a
/// bracket or parenthesis is open, and also split at a `;` outside brackets. A `#` starts a
/// comment that runs to the end of its line. Newlines inside brackets are kept, because
/// they separate matrix rows. A character outside printable ASCII before any `#` is an error
/// at its location, because no statement contains one. Up to `maximumCharacterErrors` of
/// them are reported together, so that text pasted with many look-alikes takes one round.
func splitStatements(_ lines: [SpecLine]) throws(DiagnosticError) -> [LocatedText] {
    var statements: [LocatedText] = []
    var characterErrors: [Diagnostic] = []
    var current = LocatedText(endLocation: lines.first?.location ?? SourceLocation(line: 1, column: 1))
    var openBrackets: [(scalar: Unicode.Scalar, location: SourceLocation)] = []

    func finishStatement() {
        if !current.trimmed(0..<current.count).isEmpty { statements.append(current) }
        current = LocatedText(endLocation: current.endLocation)
    }

    for line in lines {
        var column = line.location.column
        for scalar in line.text.unicodeScalars {
            let location = SourceLocation(line: line.location.line, column: column)
            column += 1
            if scalar == "#" { break }
            if !CharacterCheck.isAccepted(scalar), characterErrors.count < maximumCharacterErrors {
                characterErrors.append(CharacterCheck.diagnostic(scalar, at: location))
            }
            switch scalar {
            case "[", "(":
                openBrackets.append((scalar, location))
            case "]", ")":
                let expected: Unicode.Scalar = scalar == "]" ? "[" : "("
                guard let open = openBrackets.popLast() else {
                    throw DiagnosticError(characterErrors + [specError(
                        "unbalanced-bracket", SourceRange(at: location),
                        "unexpected \(scalar) with no matching \(expected) before it",
                        notes: ["remove it, or add the opening \(expected)"])])
                }
                guard open.scalar == expected else {
                    let closing = open.scalar == "[" ? "]" : ")"
                    throw DiagnosticError(characterErrors + [specError(
                        "unbalanced-bracket", SourceRange(at: open.location),
                        "this \(open.scalar) is still open at the \(scalar) in column \(location.column)",
                        notes: ["close it with \(closing) before the \(scalar)"])])
                }
            case ";" where openBrackets.isEmpty:
                finishStatement()
                continue
            default:
                break
            }
            current.append(scalar, at: location)
        }
        if openBrackets.isEmpty {
            finishStatement()
        } else {
            current.append("\n", at: SourceLocation(line: line.location.line, column: column))
        }
    }

    if !characterErrors.isEmpty {
        throw DiagnosticError(characterErrors)
    }
    if let open = openBrackets.last {
        let closing = open.scalar == "[" ? "]" : ")"
        throw DiagnosticError(specError(
            "unterminated-bracket", SourceRange(at: open.location),
            "this \(open.scalar) is never closed before the end of the block",
            notes: ["add the matching \(closing)"]))
    }
    return statements
}

/// The maximum number of invalid characters that one spec block reports.
let maximumCharacterErrors = 10
