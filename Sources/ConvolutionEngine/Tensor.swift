/// A dense tensor in row-major order.
public struct Tensor<Scalar: ConvScalar>: Equatable, Sendable {
    public private(set) var shape: [Int]
    public var scalars: [Scalar]

    /// Creates a tensor; `scalars.count` must equal the product of `shape`.
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) entries")
        self.shape = shape
        self.scalars = scalars
    }

    public init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: .zero)
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// Returns the same entries under another shape with the same number of entries.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    public func map<Other: ConvScalar>(_ transform: (Scalar) -> Other) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map(transform))
    }

    /// Returns the tensor with every entry converted, or nil when `transform` returns nil for any.
    func compactMapScalars<Other: ConvScalar>(_ transform: (Scalar) -> Other?) -> Tensor<Other>? {
        var converted: [Other] = []
        converted.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard let value = transform(scalar) else { return nil }
            converted.append(value)
        }
        return Tensor<Other>(shape: shape, scalars: converted)
    }

    /// The flat index of the first invalid entry (overflow or blow-up), if any.
    public var firstInvalidIndex: Int? {
        scalars.firstIndex { $0.isInvalid }
    }
}

/// Returns an array of `count` elements that `initialize` fills through a pointer to the
/// first. It must initialize every element exactly once, which costs less than filling the
/// array with zeros first for routes that write every entry anyway. For a count of 0 it is
/// not called at all, so it must do nothing else that the caller relies on.
///
/// NOTE: Nothing checks that every element was initialized. A caller whose loops miss an
/// element leaves garbage in the array, so each caller's loop bounds must cover `count`.
@inline(__always)
func uninitializedArray<Element>(count: Int, _ initialize: (UnsafeMutablePointer<Element>) -> Void) -> [Element] {
    guard count > 0 else { return [] }
    return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
        initialize(buffer.baseAddress!)
        initialized = count
    }
}

/// Row-major strides of `shape`: the flat distance between neighbours along each axis.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var stride = 1
    for axis in shape.indices.reversed() {
        strides[axis] = stride
        stride *= shape[axis]
    }
    return strides
}

/// Converts a flat row-major index into one coordinate per axis.
public func coordinates(ofFlatIndex index: Int, in shape: [Int]) -> [Int] {
    var remainder = index
    var result = Array(repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        result[axis] = remainder % shape[axis]
        remainder /= shape[axis]
    }
    return result
}

/// Steps row-major coordinates within `shape` to the next entry, last axis fastest, and
/// wraps from the last entry back to all zeros.
@inline(__always)
func advance(_ coordinate: inout [Int], in shape: [Int]) {
    for axis in shape.indices.reversed() {
        coordinate[axis] += 1
        if coordinate[axis] < shape[axis] { return }
        coordinate[axis] = 0
    }
}

/// Lists `Σ coordinate[axis] · scales[axis]` for every entry of `shape` in row-major order:
/// the flat offsets of a grid of coordinates in another array's layout.
func scaledOffsets(_ shape: [Int], scales: [Int]) -> [Int] {
    let count = shape.reduce(1, *)
    guard count > 0 else { return [] }
    return [Int](unsafeUninitializedCapacity: count) { offsets, initialized in
        // Axis by axis, each offset of the axes so far becomes a run of `extent` offsets.
        // Working from the back, every run lands at or after the entry it grows from.
        offsets[0] = 0
        var length = 1
        for axis in shape.indices {
            let extent = shape[axis]
            let scale = scales[axis]
            var entry = length - 1
            while entry >= 0 {
                let base = offsets[entry]
                var coordinate = extent - 1
                while coordinate >= 0 {
                    offsets[entry * extent + coordinate] = base + coordinate * scale
                    coordinate -= 1
                }
                entry -= 1
            }
            length *= extent
        }
        initialized = count
    }
}
