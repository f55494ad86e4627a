/// Returns `tensor` with its trailing spatial axes padded with zeros, or cropped where a pad
/// is negative. The leading `leadingAxes` axes (batch, channels) are kept as they are.
func padOrCrop<Scalar>(_ tensor: Tensor<Scalar>, leadingAxes: Int, pads: [PadPair]) -> Tensor<Scalar> {
    let spatial = Array(tensor.shape[leadingAxes...])
    let newSpatial = spatial.indices.map { spatial[$0] + pads[$0].begin + pads[$0].end }
    let newShape = Array(tensor.shape[..<leadingAxes]) + newSpatial
    var result = Tensor<Scalar>.zeros(newShape)
    let planes = tensor.shape[..<leadingAxes].reduce(1, *)
    let oldPlane = spatial.reduce(1, *)
    let newPlane = newSpatial.reduce(1, *)
    let newStrides = rowMajorStrides(newSpatial)

    // For each position of the old plane in row-major order, its flat position in the new
    // plane, or −1 where a negative pad crops it. Built axis by axis as in `scaledOffsets`.
    var targets = [Int](repeating: -1, count: oldPlane)
    if oldPlane > 0 {
        targets.withUnsafeMutableBufferPointer { targets in
            targets[0] = 0
            var length = 1
            for axis in spatial.indices {
                let extent = spatial[axis]
                var entry = length - 1
                while entry >= 0 {
                    let base = targets[entry]
                    var coordinate = extent - 1
                    while coordinate >= 0 {
                        let shifted = coordinate + pads[axis].begin
                        let inside = base >= 0 && shifted >= 0 && shifted < newSpatial[axis]
                        targets[entry * extent + coordinate] = inside ? base + shifted * newStrides[axis] : -1
                        coordinate -= 1
                    }
                    entry -= 1
                }
                length *= extent
            }
        }
    }

    result.scalars.withUnsafeMutableBufferPointer { result in
        tensor.scalars.withUnsafeBufferPointer { source in
            for plane in 0..<planes {
                let oldBase = plane * oldPlane
                let newBase = plane * newPlane
                for position in 0..<oldPlane {
                    let target = targets[position]
                    if target >= 0 { result[newBase + target] = source[oldBase + position] }
                }
            }
        }
    }
    return result
}

/// Returns `tensor` with `factor − 1` zeros inserted between neighbours along each trailing
/// spatial axis, as the backward pass of a strided convolution needs.
func dilate<Scalar>(_ tensor: Tensor<Scalar>, leadingAxes: Int, factor: [Int]) -> Tensor<Scalar> {
    let spatial = Array(tensor.shape[leadingAxes...])
    let newSpatial = spatial.indices.map { (spatial[$0] - 1) * factor[$0] + 1 }
    var result = Tensor<Scalar>.zeros(Array(tensor.shape[..<leadingAxes]) + newSpatial)
    let planes = tensor.shape[..<leadingAxes].reduce(1, *)
    let oldPlane = spatial.reduce(1, *)
    let newPlane = newSpatial.reduce(1, *)
    let newStrides = rowMajorStrides(newSpatial)

    let targets = scaledOffsets(spatial, scales: spatial.indices.map { factor[$0] * newStrides[$0] })
    result.scalars.withUnsafeMutableBufferPointer { result in
        tensor.scalars.withUnsafeBufferPointer { source in
            for plane in 0..<planes {
                for (position, target) in targets.enumerated() {
                    result[plane * newPlane + target] = source[plane * oldPlane + position]
                }
            }
        }
    }
    return result
}
