extension Double: ConvScalar {
    public static let one: Double = 1

    public var isInvalid: Bool { !isFinite }

    public var scalarValue: ScalarValue { .float(self) }

    public func agrees(with other: Double, relativeTolerance: Double) -> Bool {
        let scale = Swift.max(Swift.abs(self), Swift.abs(other), 1)
        return Swift.abs(self - other) <= relativeTolerance * scale
    }
}
