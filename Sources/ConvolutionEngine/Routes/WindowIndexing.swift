/// Precomputed coordinates and flat offsets shared by the routes that walk windows.
///
/// Offsets are flat indices within one spatial plane of the padded input, so the entry that
/// kernel offset `k` meets in the window of output position `o` is at
/// `windowOrigin[o] + kernelOffset[k]`.
struct WindowIndexing {
    let windowOrigin: [Int]
    let kernelOffset: [Int]
    let paddedPositions: Int

    init(_ geometry: ConvolutionGeometry) {
        let paddedStrides = rowMajorStrides(geometry.paddedSize)
        windowOrigin = scaledOffsets(geometry.outputSize, scales: geometry.stride.indices.map {
            geometry.stride[$0] * paddedStrides[$0]
        })
        kernelOffset = scaledOffsets(geometry.kernelSize, scales: geometry.dilation.indices.map {
            geometry.dilation[$0] * paddedStrides[$0]
        })
        paddedPositions = geometry.paddedSize.reduce(1, *)
    }
}
