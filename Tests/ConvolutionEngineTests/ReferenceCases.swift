import ConvolutionEngine
import Foundation
import Testing

/// One case of `Reference/cases.json`, values produced by JAX and by exact Python loops.
struct ReferenceCase: Decodable, CustomTestStringConvertible, Sendable {
    struct TensorData: Decodable, Sendable {
        var shape: [Int]
        var data: [String]

        /// Parses entries written as `-3` or `11/2`.
        var rationals: [Rational] {
            data.map { text in
                let parts = text.split(separator: "/")
                let numerator = Int(parts[0]) ?? 0
                let denominator = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
                return Rational(numerator: numerator, denominator: denominator) ?? .invalid
            }
        }
    }

    struct Rule: Decodable, Sendable {
        var kind: String
    }

    var name: String
    var padding: [[Int]]
    var padding_rule: Rule
    var stride: [Int]
    var dilation: [Int]
    var groups: Int
    var x: TensorData
    var w: TensorData
    var b: TensorData?
    var dy: TensorData
    var y: TensorData
    var dx: TensorData
    var dw: TensorData
    var db: TensorData

    var testDescription: String { name }

    var pads: [PadPair] { padding.map { PadPair(begin: $0[0], end: $0[1]) } }

    var rule: PaddingRule {
        switch padding_rule.kind {
        case "valid": .valid
        case "full": .full
        case "same": .same
        case "same-start": .sameStart
        default: .explicit(pads)
        }
    }

    func geometry() throws -> ConvolutionGeometry {
        try ConvolutionGeometry(
            batch: x.shape[0], inputChannels: x.shape[1], outputChannels: w.shape[0], groups: groups,
            inputSize: Array(x.shape.dropFirst(2)), kernelSize: Array(w.shape.dropFirst(2)),
            stride: stride, dilation: dilation, padding: rule)
    }

    /// The case as a problem over any scalar type, converted from exact rationals.
    func problem<Scalar: ConvScalar>(_ convert: (Rational) -> Scalar) throws -> ConvolutionProblem<Scalar> {
        let geometry = try geometry()
        return try ConvolutionProblem(
            geometry: geometry,
            x: Tensor(shape: x.shape, scalars: x.rationals.map(convert)),
            w: Tensor(shape: w.shape, scalars: w.rationals.map(convert)),
            bias: b.map { Tensor(shape: $0.shape, scalars: $0.rationals.map(convert)) },
            upstream: Tensor(shape: dy.shape, scalars: dy.rationals.map(convert)))
    }

    static let all: [ReferenceCase] = {
        struct File: Decodable { var cases: [ReferenceCase] }
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "json", subdirectory: "Reference"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()
}
