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

    var source = Array(repeating: 0, count: spatial.count)
    for position in 0..<oldPlane {
        var target = 0
        var inside = true
        for axis in source.indices {
            let coordinate = source[axis] + pads[axis].begin
            if coordinate < 0 || coordinate >= newSpatial[axis] {
                inside = false
                break
            }
            target += coordinate * newStrides[axis]
        }
        if inside {
            for plane in 0..<planes {
                result.scalars[plane * newPlane + target] = tensor.scalars[plane * oldPlane + position]
            }
        }
        advance(&source, in: spatial)
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
    for (position, target) in targets.enumerated() {
        for plane in 0..<planes {
            result.scalars[plane * newPlane + target] = tensor.scalars[plane * oldPlane + position]
        }
    }
    return result
}
