import ConvolutionEngine
import SourceDiagnostics

/// A value as written in one statement, with the statement's and the value's ranges.
public struct Statement<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange
    public var valueRange: SourceRange
}

/// The source of a tensor key: a literal, a generator, or one scalar.
public enum TensorSource: Sendable {
    case literal(TensorLiteral)
    case generator(Generator, shape: [Int]?)
}

/// A tensor statement: its source and the explicit `: SHAPE`, if any.
public struct TensorStatement: Sendable {
    public var source: TensorSource
    public var explicitShape: [Int]?
}

/// The value an `expect` statement states: a tensor or scalar, or a shape after `| shape`.
public enum ExpectedValue: Sendable {
    case value(TensorLiteral)
    case shape([Int])
}

/// One `expect QUANTITY = VALUE` statement.
public struct Expectation: Sendable {
    public var reference: QuantityReference
    public var expected: ExpectedValue
    public var range: SourceRange
    public var valueRange: SourceRange
}

/// The arithmetic of a spec: exact (integers, fractions and symbols) or floating point.
public enum NumberMode: String, Sendable {
    case exact
    case float
}

/// The keys a spec block accepts.
public enum SpecKey: String, CaseIterable, Sendable {
    case x, w, b
    case upstream = "dL/dy"
    case dims, padding, stride, dilation, groups, mode, numbers, digits, tolerance, kind
    case outputPadding = "output-padding"

    var isTensor: Bool { [.x, .w, .b, .upstream].contains(self) }
}

/// A spec block after parsing, before any shape is checked.
public struct ParsedSpec: Sendable {
    public var name: String
    /// The range of the block's opening fence line.
    public var range: SourceRange
    public var tensors: [SpecKey: Statement<TensorStatement>] = [:]
    public var integers: [SpecKey: Statement<[Int]>] = [:]
    public var padding: Statement<PaddingSpec>?
    public var words: [SpecKey: Statement<String>] = [:]
    public var tolerance: Statement<Double>?
    public var expectations: [Expectation] = []
}
