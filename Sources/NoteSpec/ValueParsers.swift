import ConvolutionEngine
import SourceDiagnostics

/// Parsers for the small values of spec keys: shapes, integers and integer tuples.
extension Cursor {
    /// Reads a shape such as `3x3` or `1x2x4x4`, whose entry count must stay within
    /// `TensorLiteralParser.maximumEntries`, so that no later product of extents overflows.
    mutating func shape() throws(DiagnosticError) -> [Int] {
        let shapeStart = index
        var shape: [Int] = []
        repeat {
            let start = index
            guard let run = digits() else {
                throw text.error("malformed-shape", start..<start + 1,
                                 "expected a shape such as 3x3, found \(describeNext(from: start))")
            }
            guard let extent = Int(text.string(run)), extent >= 1, extent <= ConvolutionGeometry.maximumExtent else {
                throw text.error("malformed-shape", run,
                                 "each extent of a shape must be between 1 and \(ConvolutionGeometry.maximumExtent), found \(text.string(run))")
            }
            shape.append(extent)
        } while consume("x")

        var entries = 1
        for extent in shape {
            let (product, overflow) = entries.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= TensorLiteralParser.maximumEntries else {
                throw text.error("tensor-too-large", shapeStart..<index,
                                 "the shape \(text.string(shapeStart..<index)) has more than \(TensorLiteralParser.maximumEntries) entries",
                                 notes: ["use a smaller shape"])
            }
            entries = product
        }
        return shape
    }

    /// Reads `4` or a tuple `(2, 1)`.
    mutating func integerOrTuple(what: String) throws(DiagnosticError) -> [Int] {
        guard consume("(") else {
            return [try integer(what: what).value]
        }
        var values: [Int] = []
        repeat {
            skipSpace()
            values.append(try integer(what: what).value)
            skipSpace()
        } while consume(",")
        guard consume(")") else {
            throw text.error("malformed-tuple", index..<index + 1,
                             "expected , or ) in the tuple for \(what), found \(describeNext(from: index))")
        }
        return values
    }

    /// Fails unless only white space is left.
    mutating func expectEnd(_ what: String) throws(DiagnosticError) {
        skipSpace()
        guard isAtEnd else {
            throw text.error("trailing-text", index..<end,
                             "unexpected \(describeNext(from: index)) after \(what)")
        }
    }
}

/// The padding as the author wrote it, before it is resolved for a geometry.
public enum PaddingSpec: Equatable, Sendable {
    case rule(PaddingRule)
    /// One integer for every side.
    case uniform(Int)
    /// One integer per spatial dimension, both sides: `(1, 2)`.
    case perDimension([Int])
    /// Named sides: `top 1 left 2 bottom 0 right 3`; missing sides are 0.
    case sides([String: Int])
    /// Begin/end pairs per spatial dimension: `[(1, 0), (1, 0)]`.
    case pairs([PadPair])

    /// Side names per number of spatial dimensions, as (begin, end) for each axis in order.
    public static func sideNames(dimensions: Int) -> [(begin: String, end: String)] {
        let all = [("front", "back"), ("top", "bottom"), ("left", "right")]
        return Array(all.suffix(dimensions))
    }
}

extension Cursor {
    /// Reads any padding form of the note format.
    mutating func padding() throws(DiagnosticError) -> PaddingSpec {
        let start = index
        if consumeWord("same-start") || consumeWord("same_start") { return .rule(.sameStart) }
        for (word, rule) in [("valid", PaddingRule.valid), ("full", .full), ("same", .same)] where consumeWord(word) {
            if current == "-" { break }
            return .rule(rule)
        }
        index = start

        if let scalar = current, isDigit(scalar) || scalar == "-" {
            return .uniform(try integer(what: "padding").value)
        }
        if current == "(" {
            return .perDimension(try integerOrTuple(what: "padding"))
        }
        if consume("[") {
            var pairs: [PadPair] = []
            repeat {
                skipSpace()
                let pairStart = index
                let pair = try integerOrTuple(what: "a padding pair")
                guard pair.count == 2 else {
                    throw text.error("malformed-padding", pairStart..<index,
                                     "each padding pair needs two values, (begin, end), found \(pair.count)")
                }
                pairs.append(PadPair(begin: pair[0], end: pair[1]))
                skipSpace()
            } while consume(",")
            guard consume("]") else {
                throw text.error("malformed-padding", index..<index + 1, "expected , or ] in the padding pairs")
            }
            return .pairs(pairs)
        }
        if current.map(isIdentifierStart) == true {
            return try namedSides()
        }
        throw paddingError(start)
    }

    private mutating func namedSides() throws(DiagnosticError) -> PaddingSpec {
        let known = ["top", "bottom", "left", "right", "front", "back"]
        var sides: [String: Int] = [:]
        while let range = identifier() {
            let name = text.string(range)
            guard known.contains(name) else {
                let suggestion = closestMatch(to: name, among: known + ["valid", "full", "same", "same-start"])
                throw text.error("unknown-padding", range, "unknown padding side or rule '\(name)'",
                                 notes: [suggestion.map { "did you mean '\($0)'?" }
                                         ?? "write valid, full, same, same-start, an integer, (1, 2), top 1 left 1 bottom 0 right 0, or [(1, 0), (1, 0)]"])
            }
            guard sides[name] == nil else {
                throw text.error("duplicate-side", range, "the padding side '\(name)' is given twice")
            }
            skipSpace()
            sides[name] = try integer(what: "the \(name) padding").value
            skipSpace()
            _ = consume(",")
            skipSpace()
        }
        return .sides(sides)
    }

    private func paddingError(_ start: Int) -> DiagnosticError {
        text.error("unknown-padding", start..<max(end, start + 1),
                   "unknown padding \(describeNext(from: start))",
                   notes: ["write valid, full, same, same-start, an integer, (1, 2), top 1 left 1 bottom 0 right 0, or [(1, 0), (1, 0)]"])
    }
}
