extension Double: ConvScalar {
    public static let one: Double = 1

    public var isInvalid: Bool { !isFinite }

    public var scalarValue: ScalarValue { .float(self) }

    public func agrees(with other: Double, relativeTolerance: Double, termScale: Double) -> Bool {
        // An infinite or NaN result is an overflow, which no tolerance may hide.
        guard isFinite, other.isFinite else { return self == other }
        let scale = Swift.max(Swift.abs(self), Swift.abs(other), 1, Swift.min(termScale, .greatestFiniteMagnitude))
        return Swift.abs(self - other) <= relativeTolerance * scale
    }
}
