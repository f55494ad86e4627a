
/// Text from a note with the source location of every Unicode scalar, so that any part a
/// parser rejects can be reported at its exact line and column.
public struct LocatedText: Sendable {
    public private(set) var scalars: [Unicode.Scalar] = []
    public private(set) var locations: [SourceLocation] = []
    /// The location just past the last scalar.
    public private(set) var endLocation: SourceLocation

    public init(endLocation: SourceLocation) {
        self.endLocation = endLocation
    }

    /// Creates text from one line that starts at `location`.
    public init(_ text: String, at location: SourceLocation) {
        endLocation = location
        append(line: text, at: location)
    }

    public mutating func append(_ scalar: Unicode.Scalar, at location: SourceLocation) {
        scalars.append(scalar)
        locations.append(location)
        endLocation = SourceLocation(line: location.line, column: location.column + 1)
    }

    /// Reserves room for `count` scalars in all, so that appending them allocates once. Most
    /// located texts are short, and growing them from empty reallocates several times.
    public mutating func reserveCapacity(_ count: Int) {
        scalars.reserveCapacity(count)
        locations.reserveCapacity(count)
    }

    /// Appends a line of text whose first scalar is at `location`.
    public mutating func append(line: String, at location: SourceLocation) {
        var column = location.column
        for scalar in line.unicodeScalars {
            append(scalar, at: SourceLocation(line: location.line, column: column))
            column += 1
        }
        endLocation = SourceLocation(line: location.line, column: column)
    }

    public var count: Int { scalars.count }

    /// Returns the scalars in `range` as a string.
    public func string(_ range: Range<Int>) -> String {
        return String(scalars: scalars[range])
    }

    public var string: String { string(0..<count) }

    /// Returns the location of the scalar at `index`, or the end location past the last one.
    public func location(_ index: Int) -> SourceLocation {
        index < locations.count ? locations[index] : endLocation
    }

    /// Returns the source range that covers the scalars in `range`. An empty range marks one column.
    public func sourceRange(_ range: Range<Int>) -> SourceRange {
        let start = location(range.lowerBound)
        guard range.upperBound > range.lowerBound, range.upperBound - 1 < locations.count else {
            return SourceRange(at: start)
        }
        let last = locations[range.upperBound - 1]
        return SourceRange(start: start, end: SourceLocation(line: last.line, column: last.column + 1))
    }

    /// Returns `range` without leading and trailing white space.
    public func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return lower..<upper
    }
}
