// Times the engine on the two workloads of docs/benchmarks.md and prints one line each:
// the median of the runs in milliseconds. Run it in release mode (scripts/benchmark).
import ConvolutionEngine
import Foundation

// convnote itself does the same; see AllocatorTuning.
AllocatorTuning.keepLargeAllocations()

/// Returns the median wall-clock time of `runs` calls, in milliseconds.
func medianMilliseconds(runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[runs / 2]
}

func uniform(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in generator.nextUniform() }
}

func integers(_ count: Int, seed: UInt64) -> [Rational] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Rational(generator.nextInteger(in: -3...3)) }
}

// Forward pass and both gradients in float64: 1×16×64×64 input, 32×16×3×3 kernel, padding 1.
let floatGeometry = try ConvolutionGeometry(
    batch: 1, inputChannels: 16, outputChannels: 32, groups: 1, inputSize: [64, 64], kernelSize: [3, 3],
    stride: [1, 1], dilation: [1, 1], padding: .explicit([PadPair(begin: 1, end: 1), PadPair(begin: 1, end: 1)]))
let floatProblem = try ConvolutionProblem(
    geometry: floatGeometry,
    x: Tensor(shape: floatGeometry.inputShape, scalars: uniform(16 * 64 * 64, seed: 1)),
    w: Tensor(shape: floatGeometry.kernelShape, scalars: uniform(32 * 16 * 9, seed: 2)),
    bias: nil,
    upstream: Tensor(shape: floatGeometry.outputShape, scalars: uniform(32 * 64 * 64, seed: 3)))
let floatTime = medianMilliseconds(runs: CommandLine.arguments.dropFirst().first == "float" ? 201 : 21) {
    _ = PrimaryRoutes.forwardAndGradients(floatProblem)
}
print("forward+gradients float64 1x16x64x64 * 32x16x3x3: \(String(format: "%.2f", floatTime)) ms")

// `convnote-benchmark float` stops here, for profiling the float workload alone.
if CommandLine.arguments.dropFirst().first == "float" { exit(0) }

// Every route compared, exactly: 512×512 single channel, 3×3 kernel, same padding.
let exactGeometry = try ConvolutionGeometry(
    batch: 1, inputChannels: 1, outputChannels: 1, groups: 1, inputSize: [512, 512], kernelSize: [3, 3],
    stride: [1, 1], dilation: [1, 1], padding: .same)
let exactProblem = try ConvolutionProblem(
    geometry: exactGeometry,
    x: Tensor(shape: exactGeometry.inputShape, scalars: integers(512 * 512, seed: 4)),
    w: Tensor(shape: exactGeometry.kernelShape, scalars: integers(9, seed: 5)),
    bias: nil,
    upstream: Tensor(shape: exactGeometry.outputShape, scalars: integers(512 * 512, seed: 6)))
var agreed = true
let exactTime = medianMilliseconds(runs: 5) {
    let analysis = ConvolutionAnalysis(exactProblem, layout: .full)
    agreed = agreed && analysis.comparisons.allSatisfy(\.agrees)
}
print("all routes exact 512x512 * 3x3: \(String(format: "%.2f", exactTime)) ms (routes agree: \(agreed))")

// The primary routes alone on the same exact problem, for comparison with NumPy's integers.
let exactPrimaryTime = medianMilliseconds(runs: 5) {
    _ = PrimaryRoutes.forwardAndGradients(exactProblem)
}
print("forward+gradients exact 512x512 * 3x3: \(String(format: "%.2f", exactPrimaryTime)) ms")
