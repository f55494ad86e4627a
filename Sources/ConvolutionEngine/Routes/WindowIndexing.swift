/// Precomputed coordinates and flat offsets shared by the routes that walk windows.
///
/// Offsets are flat indices within one spatial plane of the padded input, so the entry that
/// kernel offset `k` meets in the window of output position `o` is at
/// `windowOrigin[o] + kernelOffset[k]`.
struct WindowIndexing {
    let geometry: ConvolutionGeometry
    let outputCoordinates: [[Int]]
    let kernelCoordinates: [[Int]]
    let windowOrigin: [Int]
    let kernelOffset: [Int]
    let paddedPositions: Int

    init(_ geometry: ConvolutionGeometry) {
        self.geometry = geometry
        outputCoordinates = allCoordinates(geometry.outputSize)
        kernelCoordinates = allCoordinates(geometry.kernelSize)
        let paddedStrides = rowMajorStrides(geometry.paddedSize)
        windowOrigin = outputCoordinates.map { output in
            output.indices.reduce(0) { $0 + output[$1] * geometry.stride[$1] * paddedStrides[$1] }
        }
        kernelOffset = kernelCoordinates.map { kernel in
            kernel.indices.reduce(0) { $0 + kernel[$1] * geometry.dilation[$1] * paddedStrides[$1] }
        }
        paddedPositions = geometry.paddedSize.reduce(1, *)
    }
}
