/// Padding before and after one spatial dimension, in input entries.
public struct PadPair: Equatable, Hashable, Sendable {
    public var begin: Int
    public var end: Int

    public init(begin: Int, end: Int) {
        self.begin = begin
        self.end = end
    }
}

/// How the author asked for padding; `resolve` turns every rule into explicit pairs.
public enum PaddingRule: Equatable, Sendable {
    case valid
    /// `dilation·(k − 1)` on both sides, so every partial overlap produces an output.
    case full
    /// `ceil(in / stride)` outputs with the odd extra pad at the end, as TensorFlow `SAME`,
    /// PyTorch `padding="same"` and ONNX `SAME_UPPER`.
    case same
    /// As `same` with the odd extra pad at the start, as ONNX `SAME_LOWER`.
    case sameStart
    case explicit([PadPair])

    /// Returns one (begin, end) pair per spatial dimension.
    ///
    /// For `same` and `same-start` the total pad is `(out − 1)·stride + dilation·(k − 1) + 1 − in`
    /// with `out = ceil(in / stride)`, clamped to 0 when negative.
    public func resolve(inputSize: [Int], kernelSize: [Int], stride: [Int], dilation: [Int]) -> [PadPair] {
        inputSize.indices.map { axis in
            let extent = dilation[axis] * (kernelSize[axis] - 1)
            switch self {
            case .valid:
                return PadPair(begin: 0, end: 0)
            case .full:
                return PadPair(begin: extent, end: extent)
            case .same, .sameStart:
                let outputs = (inputSize[axis] + stride[axis] - 1) / stride[axis]
                let total = max(0, (outputs - 1) * stride[axis] + extent + 1 - inputSize[axis])
                let small = total / 2
                return self == .same
                    ? PadPair(begin: small, end: total - small)
                    : PadPair(begin: total - small, end: small)
            case .explicit(let pairs):
                return pairs[axis]
            }
        }
    }
}
