import ConvolutionEngine
import SourceDiagnostics

/// Parses a placeholder's content, such as `seed.dL/dx[1,:] | sum`, as a quantity reference.
public func parseQuantityReference(_ text: LocatedText) throws(DiagnosticError) -> QuantityReference {
    var cursor = Cursor(text, 0..<text.count)
    let reference = try cursor.quantityReference(allowBlock: true)
    try cursor.expectEnd("the quantity")
    return reference
}

/// Reads a spec block's fence info string: `conv` or `conv NAME`. Returns nil for any
/// other code block, and the name (nil when unnamed) or a diagnostic for a bad name.
public func specBlockName(info: String, at location: SourceLocation) -> (name: String?, error: Diagnostic?)? {
    let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard words.first == "conv" else { return nil }
    guard words.count <= 2 else {
        return (nil, specError("malformed-name", SourceRange(at: location, length: 3 + info.unicodeScalars.count),
                               "a spec block takes one name after conv, but found '\(words.dropFirst().joined(separator: " "))'",
                               notes: ["write ```conv NAME with NAME an identifier such as seed or stride_two"]))
    }
    guard words.count == 2 else { return (nil, nil) }
    let name = words[1]
    let valid = name.unicodeScalars.first.map(isIdentifierStart) == true
        && name.unicodeScalars.allSatisfy(isIdentifierContinuation)
    guard valid else {
        return (nil, specError("malformed-name", SourceRange(at: location, length: 3 + info.unicodeScalars.count),
                               "'\(name)' is not a valid spec block name",
                               notes: ["a name starts with a letter and holds letters, digits and underscores, such as stride_two"]))
    }
    return (name, nil)
}
