/// A quantity's entries seen through `ScalarValue`, whatever scalar type computed them.
/// Entries are converted when read, so a large quantity costs nothing until it is shown.
public struct QuantityValue: Sendable {
    public let shape: [Int]
    private let read: @Sendable (Int) -> ScalarValue
    /// Reads an entry of a quantity computed in rationals as it is. Writers that show many
    /// entries use it to skip building a one-term polynomial for each; nil for other scalars.
    public let readRational: (@Sendable (Int) -> Rational)?

    public init(shape: [Int], read: @escaping @Sendable (Int) -> ScalarValue) {
        self.shape = shape
        self.read = read
        readRational = nil
    }

    public init<Scalar: ConvScalar>(_ tensor: Tensor<Scalar>) {
        shape = tensor.shape
        read = { tensor.scalars[$0].scalarValue }
        if let rationals = tensor as? Tensor<Rational> {
            readRational = { rationals.scalars[$0] }
        } else {
            readRational = nil
        }
    }

    public var count: Int { shape.reduce(1, *) }

    /// The entry at a flat row-major index.
    public subscript(flat index: Int) -> ScalarValue { read(index) }

    public subscript(coordinates: [Int]) -> ScalarValue {
        read(flatIndex(of: coordinates))
    }

    /// The flat row-major index of in-range zero-based coordinates.
    public func flatIndex(of coordinates: [Int]) -> Int {
        var index = 0
        for axis in shape.indices {
            index = index * shape[axis] + coordinates[axis]
        }
        return index
    }
}
