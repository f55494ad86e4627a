@testable import ConvolutionEngine
import Testing

/// The input-side enumeration behind the sparse Jacobians, against a brute-force search over
/// every (output, kernel offset) pair written in this file.
@Suite struct ImpactEnumerationTests {
    static let geometries: [(inputSize: [Int], kernelSize: [Int], stride: [Int], dilation: [Int], padding: PaddingRule)] = [
        ([7], [3], [1], [1], .valid),
        ([9], [3], [2], [2], .explicit([PadPair(begin: 3, end: 1)])),
        ([5, 6], [2, 3], [2, 1], [1, 2], .same),
        ([4, 5], [3, 3], [3, 2], [1, 1], .full),
        ([3, 4, 5], [2, 2, 3], [1, 2, 2], [2, 1, 1], .explicit([PadPair(begin: 1, end: 0), PadPair(begin: 0, end: 2), PadPair(begin: 2, end: 2)])),
        ([], [], [], [], .valid),
    ]

    /// Returns the geometry of row `index` of the table, with two groups of channels and a batch of two.
    static func geometry(_ index: Int) throws -> ConvolutionGeometry {
        let shape = geometries[index]
        return try ConvolutionGeometry(
            batch: 2, inputChannels: 4, outputChannels: 6, groups: 2, inputSize: shape.inputSize,
            kernelSize: shape.kernelSize, stride: shape.stride, dilation: shape.dilation, padding: shape.padding)
    }

    @Test(arguments: geometries.indices)
    func impactsMatchBruteForce(_ index: Int) throws {
        let geometry = try Self.geometry(index)

        var found: [[Int]] = []
        forEachImpact(geometry) { found.append([$0.output, $0.input, $0.weight]) }

        #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == bruteForceImpacts(geometry))
    }

    /// Each input entry comes in row-major order with its weights increasing, so that the
    /// rows of the Jacobians need no sorting.
    @Test(arguments: geometries.indices)
    func impactsComeInInputThenWeightOrder(_ index: Int) throws {
        let geometry = try Self.geometry(index)

        var found: [(input: Int, weight: Int)] = []
        forEachImpact(geometry) { found.append(($0.input, $0.weight)) }

        for (previous, next) in zip(found, found.dropFirst()) {
            #expect(previous.input < next.input || (previous.input == next.input && previous.weight < next.weight))
        }
    }

    /// The sparse Jacobians hold exactly the brute-force terms, with the weight in J_x and the
    /// input in J_w.
    @Test(arguments: geometries.indices)
    func jacobiansMatchBruteForce(_ index: Int) throws {
        let geometry = try Self.geometry(index)
        let x = Tensor(shape: geometry.inputShape, scalars: (0..<geometry.inputShape.reduce(1, *)).map { Rational($0 + 1) })
        let w = Tensor(shape: geometry.kernelShape, scalars: (0..<geometry.kernelShape.reduce(1, *)).map { Rational(-$0 - 1) })
        let problem = try ConvolutionProblem(geometry: geometry, x: x, w: w, bias: nil,
                                             upstream: Tensor.zeros(geometry.outputShape))

        let (inputJacobian, weightJacobian) = impactJacobians(problem)

        let terms = bruteForceImpacts(geometry)
        #expect(inputJacobian.storedCount == terms.count)
        #expect(weightJacobian.storedCount == terms.count)
        for term in terms {
            #expect(inputJacobian.entry(row: term[0], column: term[1]) == w.scalars[term[2]])
            #expect(weightJacobian.entry(row: term[0], column: term[2]) == x.scalars[term[1]])
        }
    }

    /// Lists every (output, input, weight) triple by placing each kernel offset in each
    /// output window, sorted.
    private func bruteForceImpacts(_ geometry: ConvolutionGeometry) -> [[Int]] {
        let inputStrides = rowMajorStrides(geometry.inputSize)
        let perGroupIn = geometry.inputChannelsPerGroup
        var result: [[Int]] = []
        for n in 0..<geometry.batch {
            for co in 0..<geometry.outputChannels {
                for o in 0..<geometry.outputPositions {
                    let output = coordinates(ofFlatIndex: o, in: geometry.outputSize)
                    for k in 0..<geometry.kernelPositions {
                        let kernel = coordinates(ofFlatIndex: k, in: geometry.kernelSize)
                        var position = 0
                        var inside = true
                        for axis in output.indices {
                            let coordinate = output[axis] * geometry.stride[axis] + kernel[axis] * geometry.dilation[axis]
                                - geometry.padding[axis].begin
                            if coordinate < 0 || coordinate >= geometry.inputSize[axis] { inside = false }
                            position += coordinate * inputStrides[axis]
                        }
                        guard inside else { continue }
                        for ci in 0..<perGroupIn {
                            let c = geometry.group(ofOutputChannel: co) * perGroupIn + ci
                            result.append([
                                (n * geometry.outputChannels + co) * geometry.outputPositions + o,
                                (n * geometry.inputChannels + c) * geometry.inputPositions + position,
                                (co * perGroupIn + ci) * geometry.kernelPositions + k,
                            ])
                        }
                    }
                }
            }
        }
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
