import ConvolutionEngine
import NoteSpec

/// `{{ frameworks }}`: PyTorch, JAX and TensorFlow code that computes the same y as the spec,
/// with every asymmetric pad written out.
///
/// Each snippet starts from the full (N, C, spatial...) tensors as flat lists in float64, so
/// integers and fractions with power-of-two denominators reproduce exactly. A transposed
/// spec is written as the framework's transposed convolution where one exists with the same
/// meaning, and otherwise as a convolution of x with stride − 1 zeros inserted, padded by
/// dilation·(k − 1) − padding (plus output-padding at the end), with the kernel rotated and
/// its channels swapped.
struct FrameworkSnippets {
    let spec: EvaluatedSpec

    private var geometry: ConvolutionGeometry { spec.geometry }
    private var dimensions: Int { geometry.dimensions }
    private var transposed: Bool { spec.report.isTransposed }

    func blocks() -> [GeneratedBlock] {
        [
            .paragraph([.text("The same y in PyTorch:")]),
            .code(language: "python", text: pytorch()),
            .paragraph([.text("In JAX:")]),
            .code(language: "python", text: jax()),
            .paragraph([.text("In TensorFlow, which keeps channels last:")]),
            .code(language: "python", text: tensorflow()),
        ]
    }

    // MARK: Shared pieces

    /// The full shapes of x, w and y as the snippets build them.
    private var shapes: (x: [Int], w: [Int], y: [Int]) {
        transposed
            ? (geometry.outputShape, geometry.kernelShape, geometry.inputShape)
            : (geometry.inputShape, geometry.kernelShape, geometry.outputShape)
    }

    private var inputChannels: Int { transposed ? geometry.outputChannels : geometry.inputChannels }
    private var outputChannels: Int { transposed ? geometry.inputChannels : geometry.outputChannels }

    /// A Python list literal of a quantity's entries in row-major order.
    private func list(_ quantity: Quantity) -> String {
        let value = spec.report.value(of: quantity)
        return "[" + (0..<value.count).map { python(value[flat: $0]) }.joined(separator: ", ") + "]"
    }

    /// The bias per output channel as a Python list, or nil without one.
    private var biasList: String? {
        guard spec.spec.tensors[.b] != nil else { return nil }
        let bias = spec.report.value(of: .b)
        let entries = bias.shape.isEmpty
            ? Array(repeating: python(bias[flat: 0]), count: outputChannels)
            : (0..<bias.count).map { python(bias[flat: $0]) }
        return "[" + entries.joined(separator: ", ") + "]"
    }

    /// A Python number: an integer, a quotient `p / q`, or a float with 17 significant digits.
    private func python(_ value: ScalarValue) -> String {
        switch value {
        case .float(let number):
            return "\(number)"
        case .exact(let polynomial):
            guard let constant = polynomial.constantValue else { return "0" }
            return constant.isInteger ? "\(constant.numerator)" : "\(constant.numerator) / \(constant.denominator)"
        }
    }

    private func tuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    private func shapeArguments(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: ", ")
    }

    private var spatialAxes: [Int] { Array(2..<(2 + dimensions)) }

    /// The pads of the transposed form: `dilation·(k − 1) − pad` on each side, plus the output
    /// padding at the end; a negative pad crops.
    private var transposedPads: [(Int, Int)] {
        (0..<dimensions).map { axis in
            let reach = geometry.dilation[axis] * (geometry.kernelSize[axis] - 1)
            let outputPadding = geometry.inputSize[axis] - ((geometry.outputSize[axis] - 1) * geometry.stride[axis]
                + reach + 1 - geometry.padding[axis].begin - geometry.padding[axis].end)
            return (reach - geometry.padding[axis].begin, reach - geometry.padding[axis].end + outputPadding)
        }
    }

    private var outputPadding: [Int] {
        (0..<dimensions).map { transposedPads[$0].1 - (geometry.dilation[$0] * (geometry.kernelSize[$0] - 1) - geometry.padding[$0].end) }
    }

    private var header: String {
        let operation = transposed ? "transposed convolution" : (spec.report.mode == .convolution ? "convolution (kernel rotated 180°)" : "cross-correlation")
        return "# The spec '\(spec.name)': a \(dimensions)-D \(operation), computed in float64.\n"
    }
}

// MARK: PyTorch

extension FrameworkSnippets {
    func pytorch() -> String {
        let (xShape, wShape, _) = shapes
        var code = header + "import torch\nimport torch.nn.functional as F\n\n"
        code += "x = torch.tensor(\(list(.x)), dtype=torch.float64).reshape(\(shapeArguments(xShape)))\n"
        code += "w = torch.tensor(\(list(.w)), dtype=torch.float64).reshape(\(shapeArguments(wShape)))\n"
        code += "b = " + (biasList.map { "torch.tensor(\($0), dtype=torch.float64)" } ?? "None") + "\n"
        if spec.report.mode == .convolution {
            code += "w = torch.flip(w, dims=\(spatialAxes))  # mode = convolution rotates the kernel\n"
        }
        let function = transposed ? "conv_transpose\(dimensions)d" : "conv\(dimensions)d"
        if transposed {
            code += "y = F.\(function)(x, w, bias=b, stride=\(tuple(geometry.stride)), padding=0, output_padding=\(tuple(outputPadding)), groups=\(geometry.groups), dilation=\(tuple(geometry.dilation)))\n"
            let crops = geometry.padding.enumerated().map { axis, pad in
                "\(pad.begin):y.shape[\(axis + 2)] - \(pad.end)"
            }
            code += "# PyTorch pads both sides alike, so crop the (begin, end) padding here.\n"
            code += "y = y[:, :, " + crops.joined(separator: ", ") + "]\n"
        } else {
            let pads = geometry.padding.reversed().flatMap { ["\($0.begin)", "\($0.end)"] }.joined(separator: ", ")
            code += "# F.pad takes (begin, end) pairs starting from the last axis.\n"
            code += "x = F.pad(x, (\(pads)))\n"
            code += "y = F.\(function)(x, w, bias=b, stride=\(tuple(geometry.stride)), dilation=\(tuple(geometry.dilation)), groups=\(geometry.groups))\n"
        }
        return code + "print(y)\n"
    }
}

// MARK: JAX

extension FrameworkSnippets {
    func jax() -> String {
        let (xShape, wShape, _) = shapes
        let letters = ["1-D": "H", "2-D": "HW", "3-D": "DHW"]["\(dimensions)-D"] ?? "HW"
        let spatial = ["1": "W", "2": "HW", "3": "DHW"]["\(dimensions)"] ?? letters
        var code = header + "import jax\njax.config.update(\"jax_enable_x64\", True)\nimport jax.numpy as jnp\nfrom jax import lax\n\n"
        code += "x = jnp.array(\(list(.x)), dtype=jnp.float64).reshape(\(shapeArguments(xShape)))\n"
        code += "w = jnp.array(\(list(.w)), dtype=jnp.float64).reshape(\(shapeArguments(wShape)))\n"
        if spec.report.mode == .convolution {
            code += "w = jnp.flip(w, axis=\(tuple(spatialAxes)))  # mode = convolution rotates the kernel\n"
        }
        let numbers = "(\"NC\(spatial)\", \"OI\(spatial)\", \"NC\(spatial)\")"
        if transposed {
            let groups = geometry.groups
            let kernel = shapeArguments(geometry.kernelSize)
            code += "# The transposed convolution as a convolution: w regrouped to (C_out, C_in/groups, ...) and\n"
            code += "# rotated 180°, x spread by the stride (lhs_dilation), and pads of dilation·(k - 1) - padding.\n"
            code += "w = w.reshape(\(groups), \(inputChannels / groups), \(outputChannels / groups), \(kernel)).swapaxes(1, 2)"
            code += ".reshape(\(outputChannels), \(inputChannels / groups), \(kernel))\n"
            code += "w = jnp.flip(w, axis=\(tuple(spatialAxes)))\n"
            let pads = transposedPads.map { "(\($0.0), \($0.1))" }.joined(separator: ", ")
            code += "y = lax.conv_general_dilated(x, w, window_strides=\(tuple(Array(repeating: 1, count: dimensions))), padding=[\(pads)],\n"
            code += "                             lhs_dilation=\(tuple(geometry.stride)), rhs_dilation=\(tuple(geometry.dilation)),\n"
            code += "                             dimension_numbers=\(numbers), feature_group_count=\(groups))\n"
        } else {
            let pads = geometry.padding.map { "(\($0.begin), \($0.end))" }.joined(separator: ", ")
            code += "y = lax.conv_general_dilated(x, w, window_strides=\(tuple(geometry.stride)), padding=[\(pads)],\n"
            code += "                             rhs_dilation=\(tuple(geometry.dilation)),\n"
            code += "                             dimension_numbers=\(numbers), feature_group_count=\(geometry.groups))\n"
        }
        if let bias = biasList {
            code += "y = y + jnp.array(\(bias), dtype=jnp.float64).reshape(1, -1\(String(repeating: ", 1", count: dimensions)))\n"
        }
        return code + "print(y)\n"
    }
}

// MARK: TensorFlow

extension FrameworkSnippets {
    func tensorflow() -> String {
        let (xShape, wShape, _) = shapes
        let groups = geometry.groups
        let channelsLast = "(0, " + (2..<(2 + dimensions)).map(String.init).joined(separator: ", ") + ", 1)"
        let channelsFirst = "(0, \(dimensions + 1), " + (1...dimensions).map(String.init).joined(separator: ", ") + ")"
        var code = header + "import numpy as np\nimport tensorflow as tf\n\n"
        code += "x = np.array(\(list(.x)), dtype=np.float64).reshape(\(shapeArguments(xShape)))\n"
        code += "w = np.array(\(list(.w)), dtype=np.float64).reshape(\(shapeArguments(wShape)))\n"
        if spec.report.mode == .convolution {
            code += "w = np.flip(w, axis=\(tuple(spatialAxes)))  # mode = convolution rotates the kernel\n"
        }

        var pads: [(Int, Int)] = geometry.padding.map { ($0.begin, $0.end) }
        var strides = geometry.stride
        if transposed {
            let kernel = shapeArguments(geometry.kernelSize)
            code += "# The transposed convolution as a convolution: x spread by the stride, w regrouped to\n"
            code += "# (C_out, C_in/groups, ...) and rotated 180°.\n"
            code += "spread = np.zeros((\(xShape[0]), \(xShape[1]), " + (0..<dimensions).map { "\((xShape[$0 + 2] - 1) * geometry.stride[$0] + 1)" }.joined(separator: ", ") + "))\n"
            code += "spread[:, :, " + geometry.stride.map { "::\($0)" }.joined(separator: ", ") + "] = x\n"
            code += "x = spread\n"
            code += "w = w.reshape(\(groups), \(inputChannels / groups), \(outputChannels / groups), \(kernel)).swapaxes(1, 2)"
            code += ".reshape(\(outputChannels), \(inputChannels / groups), \(kernel))\n"
            code += "w = np.flip(w, axis=\(tuple(spatialAxes)))\n"
            pads = transposedPads
            strides = Array(repeating: 1, count: dimensions)
            if pads.contains(where: { $0.0 < 0 || $0.1 < 0 }) {
                let crops = pads.enumerated().map { axis, pad in "\(max(-pad.0, 0)):x.shape[\(axis + 2)] - \(max(-pad.1, 0))" }
                code += "x = x[:, :, " + crops.joined(separator: ", ") + "]  # negative pads crop\n"
                pads = pads.map { (max($0.0, 0), max($0.1, 0)) }
            }
        }

        code += "x = tf.constant(np.transpose(x, \(channelsLast)))  # channels last\n"
        code += "w = np.transpose(w, \(tuple(Array(2..<(2 + dimensions)) + [1, 0])))  # (spatial..., C_in/groups, C_out)\n"
        let padList = "[[0, 0], " + pads.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ") + ", [0, 0]]"
        code += "x = tf.pad(x, \(padList))\n"
        let perGroupIn = inputChannels / groups
        let perGroupOut = outputChannels / groups
        code += "# One convolution per group, joined along the channels.\n"
        code += "y = tf.concat([tf.nn.convolution(x[..., \(perGroupIn) * g:\(perGroupIn) * (g + 1)], "
        code += "tf.constant(w[..., \(perGroupOut) * g:\(perGroupOut) * (g + 1)]),\n"
        code += "                                 strides=\(tuple(strides)), padding=\"VALID\", dilations=\(tuple(geometry.dilation)))\n"
        code += "               for g in range(\(groups))], axis=-1)\n"
        if let bias = biasList {
            code += "y = y + tf.constant(\(bias), dtype=tf.float64)\n"
        }
        code += "y = tf.transpose(y, \(channelsFirst))  # back to channels first\n"
        return code + "print(y)\n"
    }
}
