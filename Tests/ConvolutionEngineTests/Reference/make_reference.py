"""Generate cases.json, the reference values for the ConvolutionEngine tests.

Every case is computed twice: by JAX (jax.lax.conv_general_dilated in float64, with
gradients through jax.vjp) and by the exact Fraction loops in this file, which do not
call JAX. The script writes cases.json only after the two agree entry by entry and the
hand-computed values in check_literal_values hold. The exact values are written.

Convolution here is cross-correlation, as in PyTorch and JAX:

    y[n, o, p] = b[o] + sum over c, k of
                 x_padded[n, g * C_in_per_group + c, p * stride + k * dilation] * w[o, c, k]

where g = o // C_out_per_group is the group of output channel o, p and k are spatial
index tuples and the products with stride and dilation are per dimension.

All inputs are small integers or fractions with denominator 2 or 4, so every input,
partial sum and result is exact in float64 and the agreement check compares with ==.

Usage: python3 make_reference.py    (writes cases.json beside this file)
"""

import itertools
import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

# Must run before JAX creates any array, or arrays default to float32.
jax.config.update("jax_enable_x64", True)

OUTPUT_PATH = Path(__file__).resolve().parent / "cases.json"

PADDING_KINDS = ("valid", "full", "same", "same-start", "explicit")

# padtype_to_pads names for the padding kinds that JAX can resolve itself.
JAX_PADDING_NAMES = {"valid": "VALID", "same": "SAME", "same-start": "SAME_LOWER"}

# (input, kernel, output) layouts for conv_general_dilated, by number of spatial dimensions.
DIMENSION_NUMBERS = {
    1: ("NCH", "OIH", "NCH"),
    2: ("NCHW", "OIHW", "NCHW"),
    3: ("NCDHW", "OIDHW", "NCDHW"),
}

TENSOR_FIELDS = ("y", "dx", "dw", "db")

# Base seeds of the random blocks. Each case seeds its own generator with (base, index),
# so appending a case to a block does not change the data of the cases before it.
SEED_SINGLE_CHANNEL_2D = 2101
SEED_1D = 2102
SEED_3D = 2103
SEED_MULTICHANNEL_2D = 2104
SEED_BIAS_BATCH = 2105


# Padding rules and output sizes.


def dilated_extent(kernel_size, dilation):
    """Return the number of input positions that one dilated kernel window spans."""
    return dilation * (kernel_size - 1) + 1


def resolve_padding(kind, input_sizes, kernel_sizes, strides, dilations, explicit_pairs=None):
    """Return the (begin, end) padding of each spatial dimension under a padding rule.

    "same" and "same-start" give ceil(input / stride) outputs. Their total padding is
    clamped at 0, because an input of 4 with kernel 1 and stride 2 would need -1.
    An odd total puts the extra element at the end for "same" (TensorFlow SAME,
    ONNX SAME_UPPER) or at the start for "same-start" (ONNX SAME_LOWER).
    """
    rank = len(input_sizes)
    if kind == "explicit":
        pairs = [tuple(pair) for pair in explicit_pairs]
        if len(pairs) != rank or any(len(pair) != 2 for pair in pairs):
            raise ValueError(f"explicit padding {explicit_pairs} must have one (begin, end) pair per spatial dimension ({rank})")
        if any(amount < 0 for pair in pairs for amount in pair):
            raise ValueError(f"explicit padding {explicit_pairs} contains a negative amount, but the exact reference supports only padding >= 0")
        return pairs

    pairs = []
    for size, kernel_size, stride, dilation in zip(input_sizes, kernel_sizes, strides, dilations):
        extent = dilated_extent(kernel_size, dilation)
        if kind == "valid":
            pairs.append((0, 0))
        elif kind == "full":
            pairs.append((extent - 1, extent - 1))
        elif kind in ("same", "same-start"):
            outputs = -(-size // stride)
            total = max(0, (outputs - 1) * stride + extent - size)
            smaller = total // 2
            larger = total - smaller
            pairs.append((smaller, larger) if kind == "same" else (larger, smaller))
        else:
            raise ValueError(f"invalid padding kind {kind!r}, expected one of {PADDING_KINDS}")
    return pairs


def check_padding_against_jax(kind, input_sizes, kernel_sizes, strides, dilations, pairs):
    """Raise AssertionError if jax.lax.padtype_to_pads resolves the rule differently.

    JAX has no "full" or "explicit" rule, so those pass unchecked.
    """
    if kind not in JAX_PADDING_NAMES:
        return

    extents = [dilated_extent(k, d) for k, d in zip(kernel_sizes, dilations)]
    jax_pairs = jax.lax.padtype_to_pads(input_sizes, extents, strides, JAX_PADDING_NAMES[kind])
    jax_pairs = [tuple(int(amount) for amount in pair) for pair in jax_pairs]
    if jax_pairs != [tuple(pair) for pair in pairs]:
        raise AssertionError(
            f"{kind} padding for input {input_sizes}, kernel {kernel_sizes}, stride {strides}, "
            f"dilation {dilations}: resolved {pairs} but padtype_to_pads gives {jax_pairs}"
        )


def output_sizes(input_sizes, kernel_sizes, padding, strides, dilations):
    """Return the output size of each spatial dimension, 0 where the kernel does not fit."""
    sizes = []
    for size, kernel_size, (begin, end), stride, dilation in zip(input_sizes, kernel_sizes, padding, strides, dilations):
        padded = begin + size + end
        extent = dilated_extent(kernel_size, dilation)
        sizes.append(0 if padded < extent else (padded - extent) // stride + 1)
    return sizes


def unread_trailing_inputs(input_sizes, kernel_sizes, padding, strides, dilations):
    """Return, per dimension, how many trailing input positions no output window reaches.

    When the stride does not divide (padded length - kernel extent), the last padded
    positions fall outside every window. Only those inside x are counted, and their dx is 0.
    """
    outputs = output_sizes(input_sizes, kernel_sizes, padding, strides, dilations)
    counts = []
    for size, kernel_size, (begin, end), stride, dilation, count in zip(
        input_sizes, kernel_sizes, padding, strides, dilations, outputs
    ):
        last_read = (count - 1) * stride + dilated_extent(kernel_size, dilation) - 1
        unread_padded = begin + size + end - 1 - last_read
        counts.append(max(0, unread_padded - end))
    return counts


# Exact tensors: NumPy object arrays of Fraction.


def exact_array(values):
    """Convert nested lists of ints, Fractions or strings such as "11/2" to a Fraction array."""
    return np.frompyfunc(Fraction, 1, 1)(np.array(values, dtype=object))


def exact_zeros(shape):
    return np.full(shape, Fraction(0), dtype=object)


def exact_ones(shape):
    return np.full(shape, Fraction(1), dtype=object)


def exact_arange(shape, start):
    """Return start, start + 1, ... in row-major order with the given shape."""
    count = int(np.prod(shape))
    return exact_array(list(range(start, start + count))).reshape(shape)


def as_single_channel(values):
    """Reshape a spatial array to a batch of one image with one channel (or one filter)."""
    array = exact_array(values)
    return array.reshape((1, 1) + array.shape)


# Exact reference.


def pad_exact(x, padding):
    """Return a copy of x with zeros added around each spatial dimension."""
    padded_shape = x.shape[:2] + tuple(begin + size + end for size, (begin, end) in zip(x.shape[2:], padding))
    padded = exact_zeros(padded_shape)
    padded[spatial_window(x.shape, padding)] = x
    return padded


def spatial_window(shape, padding):
    """Return the index of the unpadded region inside a padded tensor of the original shape."""
    spatial = tuple(slice(begin, begin + size) for size, (begin, _) in zip(shape[2:], padding))
    return (slice(None), slice(None)) + spatial


def convolution_taps(x_shape, w_shape, out_spatial, strides, dilations, groups):
    """Yield (y index, padded-x index, w index) for every product in the convolution sum.

    Output channel o belongs to group o // C_out_per_group and reads only the input
    channels of that group. The x index refers to x after padding.
    """
    batch, in_channels = x_shape[:2]
    out_channels, group_in = w_shape[:2]
    kernel = w_shape[2:]
    group_out = out_channels // groups
    if in_channels != groups * group_in or out_channels % groups != 0:
        raise ValueError(f"x shape {x_shape} and w shape {w_shape} do not fit {groups} groups")

    for n, o in itertools.product(range(batch), range(out_channels)):
        first_input_channel = (o // group_out) * group_in
        for position in np.ndindex(*out_spatial):
            for c in range(group_in):
                for offset in np.ndindex(*kernel):
                    source = tuple(p * s + k * d for p, k, s, d in zip(position, offset, strides, dilations))
                    yield (n, o) + position, (n, first_input_channel + c) + source, (o, c) + offset


def exact_convolution(x, w, b, dy, padding, strides, dilations, groups):
    """Compute y, dx, dw and db exactly by direct loops over Fractions.

    The forward pass gathers each output as a sum of products. The backward pass
    scatters each product's contribution: the term x[j] * w[k] of y[i] adds
    dy[i] * w[k] to dx[j] and dy[i] * x[j] to dw[k].
    """
    out_spatial = output_sizes(x.shape[2:], w.shape[2:], padding, strides, dilations)
    padded_x = pad_exact(x, padding)
    y = exact_zeros(x.shape[:1] + w.shape[:1] + tuple(out_spatial))
    padded_dx = exact_zeros(padded_x.shape)
    dw = exact_zeros(w.shape)

    for y_index, x_index, w_index in convolution_taps(x.shape, w.shape, out_spatial, strides, dilations, groups):
        y[y_index] += padded_x[x_index] * w[w_index]
        padded_dx[x_index] += dy[y_index] * w[w_index]
        dw[w_index] += dy[y_index] * padded_x[x_index]

    if b is not None:
        for index in np.ndindex(*y.shape):
            y[index] += b[index[1]]

    db = exact_zeros(w.shape[:1])
    for index in np.ndindex(*dy.shape):
        db[index[1]] += dy[index]

    dx = padded_dx[spatial_window(x.shape, padding)].copy()
    return {"y": y, "dx": dx, "dw": dw, "db": db}


# JAX reference.


def to_float64(values):
    """Convert a Fraction array to float64, raising if any entry is not exactly representable."""
    floats = np.array([float(value) for value in values.flat], dtype=np.float64).reshape(values.shape)
    for value, converted in zip(values.flat, floats.flat):
        if Fraction(float(converted)) != value:
            raise ValueError(f"input {value} is not exact in float64, use a power-of-two denominator")
    return jnp.asarray(floats)


def jax_convolution(x, w, b, dy, padding, strides, dilations, groups):
    """Compute y, dx, dw and db in float64 with conv_general_dilated and jax.vjp.

    dx and dw come from the vjp of the convolution without bias. db is the sum of dy
    over the batch and all output positions, and y adds b per output channel.
    """
    rank = x.ndim - 2

    def convolve(lhs, rhs):
        return jax.lax.conv_general_dilated(
            lhs,
            rhs,
            window_strides=tuple(strides),
            padding=[tuple(pair) for pair in padding],
            rhs_dilation=tuple(dilations),
            dimension_numbers=DIMENSION_NUMBERS[rank],
            feature_group_count=groups,
            precision=jax.lax.Precision.HIGHEST,
        )

    y, pullback = jax.vjp(convolve, to_float64(x), to_float64(w))
    dx, dw = pullback(to_float64(dy))
    if b is not None:
        y = y + to_float64(b).reshape((1, -1) + (1,) * rank)
    db = jnp.sum(to_float64(dy), axis=(0,) + tuple(range(2, 2 + rank)))
    return {"y": np.asarray(y), "dx": np.asarray(dx), "dw": np.asarray(dw), "db": np.asarray(db)}


def check_references_agree(name, exact, approximate):
    """Raise AssertionError unless every exact entry converts to exactly the JAX value."""
    for field in TENSOR_FIELDS:
        exact_values = exact[field]
        jax_values = approximate[field]
        if exact_values.shape != jax_values.shape:
            raise AssertionError(f"{name}: {field} has shape {exact_values.shape} exactly but {jax_values.shape} in JAX")

        for index in np.ndindex(*exact_values.shape):
            value = exact_values[index]
            if Fraction(float(value)) != value:
                raise AssertionError(f"{name}: {field}{list(index)} = {value} is not exact in float64")
            if float(value) != jax_values[index]:
                raise AssertionError(f"{name}: {field}{list(index)} is {value} exactly but {float(jax_values[index])!r} in JAX")


# Cases.


@dataclass
class CaseSpec:
    """Inputs and geometry of one case. Strides and dilations are per spatial dimension."""

    name: str
    note: str
    x: np.ndarray
    w: np.ndarray
    padding_kind: str
    strides: tuple
    dilations: tuple
    groups: int = 1
    b: np.ndarray | None = None
    dy: np.ndarray | None = None  # None means dL/dy is all ones
    explicit_padding: tuple | None = None


def make_spec(name, note, x, w, padding_kind, stride=1, dilation=1, **options):
    """Build a CaseSpec, repeating an int stride or dilation over every spatial dimension."""
    rank = x.ndim - 2
    strides = (stride,) * rank if isinstance(stride, int) else tuple(stride)
    dilations = (dilation,) * rank if isinstance(dilation, int) else tuple(dilation)
    return CaseSpec(name, note, x, w, padding_kind, strides, dilations, **options)


def tensor_json(values):
    return {"shape": list(values.shape), "data": [str(value) for value in values.flat]}


def compute_case(spec):
    """Compute one case with both references and return its JSON object and exact results.

    Raises AssertionError if the references or the padding rules disagree.
    """
    input_sizes = spec.x.shape[2:]
    kernel_sizes = spec.w.shape[2:]
    padding = resolve_padding(spec.padding_kind, input_sizes, kernel_sizes, spec.strides, spec.dilations, spec.explicit_padding)
    check_padding_against_jax(spec.padding_kind, input_sizes, kernel_sizes, spec.strides, spec.dilations, padding)

    out_spatial = output_sizes(input_sizes, kernel_sizes, padding, spec.strides, spec.dilations)
    if min(out_spatial) <= 0:
        raise ValueError(f"{spec.name}: output size {out_spatial} is empty")
    y_shape = spec.x.shape[:1] + spec.w.shape[:1] + tuple(out_spatial)
    dy = exact_ones(y_shape) if spec.dy is None else spec.dy
    if dy.shape != y_shape:
        raise ValueError(f"{spec.name}: dy has shape {dy.shape} but y has shape {y_shape}")

    arguments = (spec.x, spec.w, spec.b, dy, padding, spec.strides, spec.dilations, spec.groups)
    exact = exact_convolution(*arguments)
    check_references_agree(spec.name, exact, jax_convolution(*arguments))

    case = {
        "name": spec.name,
        "note": spec.note,
        "padding_rule": {"kind": spec.padding_kind},
        "padding": [list(pair) for pair in padding],
        "stride": list(spec.strides),
        "dilation": list(spec.dilations),
        "groups": spec.groups,
        "x": tensor_json(spec.x),
        "w": tensor_json(spec.w),
        "b": None if spec.b is None else tensor_json(spec.b),
        "dy": tensor_json(dy),
    }
    for field in TENSOR_FIELDS:
        case[field] = tensor_json(exact[field])
    return case, exact


def literal_specs():
    """Return the hand-written cases whose values check_literal_values asserts."""
    x_1_to_9 = as_single_channel([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    w_2x2 = as_single_channel([[1, 2], [3, 4]])
    specs = []

    for kind in ("same-start", "same", "valid", "full"):
        specs.append(make_spec(
            f"{kind}-3x3-k2", f"2-D 3x3 input and 2x2 kernel, stride 1, {kind} padding, dL/dy all ones.",
            x_1_to_9, w_2x2, kind,
        ))
    for kind in ("same-start", "same", "valid", "full"):
        specs.append(make_spec(
            f"{kind}-3x3-k2-s2", f"2-D 3x3 input and 2x2 kernel, stride 2, {kind} padding, dL/dy all ones.",
            x_1_to_9, w_2x2, kind, stride=2,
        ))

    specs.append(make_spec(
        "valid-3x3-k2-fractional-dy", "2-D 3x3 input from 0 and 2x2 kernel, valid padding, dL/dy with halves.",
        exact_arange((1, 1, 3, 3), 0), w_2x2, "valid", dy=as_single_channel([[1, -1], [2, "1/2"]]),
    ))
    specs.append(make_spec(
        "valid-ones-4x4-k2", "2-D all-ones 4x4 input and 2x2 kernel, valid padding: dx counts the windows over each input.",
        exact_ones((1, 1, 4, 4)), exact_ones((1, 1, 2, 2)), "valid",
    ))
    specs.append(make_spec(
        "explicit-ones-5x5-k3-s2-p1", "2-D all-ones 5x5 input and 3x3 kernel, stride 2, padding 1 on every side.",
        exact_ones((1, 1, 5, 5)), exact_ones((1, 1, 3, 3)), "explicit", stride=2, explicit_padding=((1, 1), (1, 1)),
    ))
    specs.append(make_spec(
        "explicit-asymmetric-5x5-k3", "2-D 5x5 input from 0 and 3x3 ones kernel, padding top 1, bottom 0, left 2, right 3, so the last output column reads only padding.",
        exact_arange((1, 1, 5, 5), 0), exact_ones((1, 1, 3, 3)), "explicit", explicit_padding=((1, 0), (2, 3)),
    ))

    x_1_to_5 = as_single_channel([1, 2, 3, 4, 5])
    w_1_to_4 = as_single_channel([1, 2, 3, 4])
    specs.append(make_spec(
        "1d-same-k4", "1-D length 5 input and even kernel of 4, same padding puts the odd pad at the end.",
        x_1_to_5, w_1_to_4, "same",
    ))
    specs.append(make_spec(
        "1d-same-start-k4", "1-D length 5 input and even kernel of 4, same-start padding puts the odd pad at the start.",
        x_1_to_5, w_1_to_4, "same-start",
    ))
    specs.append(make_spec(
        "1d-same-k4-d2", "1-D length 5 input and kernel of 4 with dilation 2 (extent 7), same padding.",
        x_1_to_5, w_1_to_4, "same", dilation=2,
    ))
    specs.append(make_spec(
        "1d-explicit-k7-s3-p2", "1-D length 16 input and kernel of 7, stride 3, padding 2 on both sides, dL/dy all ones.",
        exact_arange((1, 1, 16), 1), exact_arange((1, 1, 7), 1), "explicit", stride=3, explicit_padding=((2, 2),),
    ))
    specs.append(make_spec(
        "1d-valid-k4-s4", "1-D length 7 input and kernel of 4, stride 4, so one output and the last 3 inputs are never read.",
        exact_arange((1, 1, 7), 1), w_1_to_4, "valid", stride=4,
    ))

    specs.append(make_spec(
        "valid-5x5-k3-d2", "2-D 5x5 input from 0 and 3x3 kernel with dilation 2 (extent 5), valid padding, one output.",
        exact_arange((1, 1, 5, 5), 0), exact_arange((1, 1, 3, 3), 1), "valid", dilation=2, dy=as_single_channel([[2]]),
    ))
    specs.append(make_spec(
        "depthwise-3ch-6x6-k3-s2-p1", "2-D depthwise convolution: 3 channels in 3 groups, all-ones 6x6 input and 3x3 kernels, stride 2, padding 1.",
        exact_ones((1, 3, 6, 6)), exact_ones((3, 1, 3, 3)), "explicit", stride=2, groups=3, explicit_padding=((1, 1), (1, 1)),
    ))
    specs.append(make_spec(
        "same-4x4-k1-s2", "2-D 4x4 input from 1 and 1x1 kernel, stride 2, same padding whose total of -1 clamps to 0.",
        exact_arange((1, 1, 4, 4), 1), as_single_channel([[1]]), "same", stride=2,
    ))

    specs.append(bias_batch_spec())
    return specs


def bias_batch_spec():
    """Return a 2-D case with a batch of 2, 2 input and 3 output channels, and a bias."""
    rng = np.random.default_rng(SEED_BIAS_BATCH)
    x = random_integers(rng, (2, 2, 3, 4))
    w = random_integers(rng, (3, 2, 2, 3))
    b = exact_array([1, -2, "1/2"])
    dy = random_upstream(rng, (2, 3, 3, 2))
    return make_spec(
        "bias-batch2-2to3ch-3x4-k2x3", "2-D batch of 2, 2 to 3 channels, 3x4 input, 2x3 kernel, stride 1x2, same padding, bias per output channel.",
        x, w, "same", stride=(1, 2), b=b, dy=dy,
    )


def expect_equal(label, actual, expected):
    """Raise AssertionError unless the Fraction array equals hand-computed values.

    Leading axes of size 1 in actual may be left out of expected, so a single-channel
    2-D tensor can be written as a matrix.
    """
    expected = exact_array(expected)
    leading = actual.shape[: actual.ndim - expected.ndim]
    if any(size != 1 for size in leading) or actual.shape[actual.ndim - expected.ndim :] != expected.shape:
        raise AssertionError(f"{label}: shape {actual.shape} does not match expected shape {expected.shape}")
    if not np.array_equal(actual.reshape(expected.shape), expected):
        actual_text = [str(value) for value in actual.flat]
        expected_text = [str(value) for value in expected.flat]
        raise AssertionError(f"{label}: got {actual_text}, expected {expected_text}")


def check_literal_values(results):
    """Assert the hand-computed values of the literal cases against the exact reference."""
    case = results["same-start-3x3-k2"]
    expect_equal("same-start-3x3-k2 y", case["y"], [[4, 11, 18], [18, 37, 47], [36, 67, 77]])
    expect_equal("same-start-3x3-k2 dw", case["dw"], [[12, 21], [27, 45]])
    expect_equal("same-start-3x3-k2 dx", case["dx"], [[10, 10, 6], [10, 10, 6], [7, 7, 4]])
    expect_equal("same-start-3x3-k2 db", case["db"], [9])

    case = results["valid-3x3-k2-fractional-dy"]
    expect_equal("valid-3x3-k2-fractional-dy dx", case["dx"], [[1, 1, -2], [5, "11/2", -3], [6, "19/2", 2]])
    expect_equal("valid-3x3-k2-fractional-dy dw", case["dw"], [[7, "19/2"], ["29/2", 17]])

    expect_equal("valid-ones-4x4-k2 dx", results["valid-ones-4x4-k2"]["dx"],
                 [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])
    expect_equal("explicit-ones-5x5-k3-s2-p1 dx", results["explicit-ones-5x5-k3-s2-p1"]["dx"],
                 [[1, 2, 1, 2, 1], [2, 4, 2, 4, 2], [1, 2, 1, 2, 1], [2, 4, 2, 4, 2], [1, 2, 1, 2, 1]])

    y = results["explicit-asymmetric-5x5-k3"]["y"]
    expect_equal("explicit-asymmetric-5x5-k3 y shape", np.array(y.shape), [1, 1, 4, 8])
    expect_equal("explicit-asymmetric-5x5-k3 y first row", y[0, 0, 0], [5, 12, 21, 27, 33, 24, 13, 0])
    expect_equal("explicit-asymmetric-5x5-k3 y last column", y[0, 0, :, -1], [0, 0, 0, 0])

    expect_equal("1d-same-k4 y", results["1d-same-k4"]["y"], [20, 30, 40, 26, 14])
    expect_equal("1d-same-start-k4 y", results["1d-same-start-k4"]["y"], [11, 20, 30, 40, 26])
    expect_equal("1d-same-k4-d2 y", results["1d-same-k4-d2"]["y"], [22, 31, 16, 22, 10])
    expect_equal("1d-explicit-k7-s3-p2 dx", results["1d-explicit-k7-s3-p2"]["dx"],
                 [3, 5, 7, 9, 12, 7, 9, 12, 7, 9, 12, 7, 9, 11, 5, 6])
    expect_equal("1d-valid-k4-s4 dx", results["1d-valid-k4-s4"]["dx"], [1, 2, 3, 4, 0, 0, 0])

    expect_equal("valid-5x5-k3-d2 dx", results["valid-5x5-k3-d2"]["dx"],
                 [[2, 0, 4, 0, 6], [0, 0, 0, 0, 0], [8, 0, 10, 0, 12], [0, 0, 0, 0, 0], [14, 0, 16, 0, 18]])

    dw = results["depthwise-3ch-6x6-k3-s2-p1"]["dw"]
    for channel in range(3):
        expect_equal(f"depthwise-3ch-6x6-k3-s2-p1 dw[{channel}]", dw[channel, 0], [[4, 6, 6], [6, 9, 9], [6, 9, 9]])

    expect_equal("same-4x4-k1-s2 y", results["same-4x4-k1-s2"]["y"], [[1, 3], [9, 11]])


# Random cases.


def random_integers(rng, shape):
    """Return a Fraction array of integers drawn uniformly from [-3, 3]."""
    return exact_array(rng.integers(-3, 4, size=shape).tolist()).reshape(shape)


def random_upstream(rng, shape):
    """Return dL/dy: integers in [-3, 3], about a quarter of them shifted by +-1/2 or +-1/4."""
    values = random_integers(rng, shape)
    for index in np.ndindex(*shape):
        if rng.random() < 0.25:
            sign = int(rng.choice([-1, 1]))
            denominator = int(rng.choice([2, 4]))
            values[index] += Fraction(sign, denominator)
    return values


def format_sizes(sizes):
    return "x".join(str(size) for size in sizes)


def random_spec(rng, prefix, kind, kernel, strides, dilations, size_range,
                batch=1, groups=1, group_in=1, group_out=1, with_bias=False):
    """Draw the input size, padding pairs and data of one random case.

    Input sizes (and "explicit" pairs, each side in 0..2) are drawn again until the
    output is non-empty. A "valid" input smaller than the dilated kernel has an empty
    output, which has no entries to compare, so those geometries are skipped.
    """
    rank = len(kernel)
    low, high = size_range
    while True:
        input_sizes = tuple(int(size) for size in rng.integers(low, high + 1, size=rank))
        explicit = None
        if kind == "explicit":
            explicit = tuple(tuple(int(amount) for amount in pair) for pair in rng.integers(0, 3, size=(rank, 2)))
        padding = resolve_padding(kind, input_sizes, kernel, strides, dilations, explicit)
        outputs = output_sizes(input_sizes, kernel, padding, strides, dilations)
        if min(outputs) > 0:
            break

    in_channels = groups * group_in
    out_channels = groups * group_out
    x = random_integers(rng, (batch, in_channels) + input_sizes)
    w = random_integers(rng, (out_channels, group_in) + tuple(kernel))
    b = random_integers(rng, (out_channels,)) if with_bias else None
    dy = random_upstream(rng, (batch, out_channels) + tuple(outputs))

    name = f"{prefix}-{kind}-in{format_sizes(input_sizes)}-k{format_sizes(kernel)}-s{format_sizes(strides)}"
    if any(dilation > 1 for dilation in dilations):
        name += f"-d{format_sizes(dilations)}"
    note = (
        f"{rank}-D input {format_sizes(input_sizes)}, kernel {format_sizes(kernel)}, stride {format_sizes(strides)}, "
        f"dilation {format_sizes(dilations)}, {kind} padding, batch {batch}, {in_channels} to {out_channels} channels "
        f"in {groups} group{'s' if groups > 1 else ''}{', with bias' if with_bias else ''}"
    )
    unread = unread_trailing_inputs(input_sizes, kernel, padding, strides, dilations)
    if any(unread):
        note += f", and the stride leaves {format_sizes(unread)} trailing input positions unread"
    return make_spec(name, note + ".", x, w, kind, stride=strides, dilation=dilations,
                     groups=groups, b=b, dy=dy, explicit_padding=explicit)


def single_channel_2d_specs():
    """Return one 2-D single-channel case for every padding kind and stride pair.

    The kernel shape steps through all twelve shapes from 1x1 to 3x4, so that each
    shape meets several strides and padding kinds.
    """
    kernels = [(height, width) for height in range(1, 4) for width in range(1, 5)]
    stride_pairs = [(1, 1), (2, 2), (3, 3), (1, 2), (2, 3), (3, 1)]
    specs = []
    for kind_index, kind in enumerate(PADDING_KINDS):
        for stride_index, strides in enumerate(stride_pairs):
            index = kind_index * len(stride_pairs) + stride_index
            rng = np.random.default_rng((SEED_SINGLE_CHANNEL_2D, index))
            kernel = kernels[(kind_index + 5 * stride_index) % len(kernels)]
            specs.append(random_spec(rng, f"r2d-{index:02d}", kind, kernel, strides, (1, 1), size_range=(2, 7)))
    return specs


def one_dimensional_specs():
    """Return 1-D cases with channels, batches, strides 1-3 and dilation 1-2."""
    specs = []
    for index in range(6):
        rng = np.random.default_rng((SEED_1D, index))
        kind = PADDING_KINDS[index % len(PADDING_KINDS)]
        kernel = (int(rng.integers(1, 5)),)
        strides = (index % 3 + 1,)
        dilations = (index % 2 + 1,)
        specs.append(random_spec(
            rng, f"r1d-{index:02d}", kind, kernel, strides, dilations, size_range=(3, 10),
            batch=int(rng.integers(1, 3)), group_in=int(rng.integers(1, 3)), group_out=int(rng.integers(1, 3)),
        ))
    return specs


def three_dimensional_specs():
    """Return one 3-D case per padding kind, with strides 1-2 and one dilated case."""
    specs = []
    for index, kind in enumerate(PADDING_KINDS):
        rng = np.random.default_rng((SEED_3D, index))
        kernel = tuple(int(size) for size in rng.integers(1, 3, size=3))
        strides = tuple(int(stride) for stride in rng.integers(1, 3, size=3))
        dilations = (1, 2, 1) if index == 2 else (1, 1, 1)
        specs.append(random_spec(
            rng, f"r3d-{index:02d}", kind, kernel, strides, dilations, size_range=(2, 4),
            batch=int(rng.integers(1, 3)), group_in=int(rng.integers(1, 3)), group_out=int(rng.integers(1, 3)),
            with_bias=index % 2 == 1,
        ))
    return specs


def multichannel_2d_specs():
    """Return 2-D cases with batches, 1 to 3 groups, dilation 1-2 per axis and some biases."""
    specs = []
    for index in range(10):
        rng = np.random.default_rng((SEED_MULTICHANNEL_2D, index))
        kind = PADDING_KINDS[index % len(PADDING_KINDS)]
        kernel = tuple(int(size) for size in rng.integers(1, 4, size=2))
        strides = tuple(int(stride) for stride in rng.integers(1, 3, size=2))
        dilations = tuple(int(dilation) for dilation in rng.integers(1, 3, size=2))
        specs.append(random_spec(
            rng, f"r2dc-{index:02d}", kind, kernel, strides, dilations, size_range=(3, 7),
            batch=int(rng.integers(1, 3)), groups=index % 3 + 1,
            group_in=int(rng.integers(1, 3)), group_out=int(rng.integers(1, 3)), with_bias=index % 2 == 0,
        ))
    return specs


def check_coverage(cases):
    """Raise AssertionError if the random draws missed a geometry the tests rely on.

    The current seeds satisfy all of these. A change to a block, or a NumPy release
    that changes the random stream, could lose one without this check.
    """
    def count(condition):
        return sum(1 for case in cases if condition(case))

    requirements = {
        "a 3x4 kernel": lambda case: case["w"]["shape"][2:] == [3, 4],
        "a 1x1 kernel with stride > 1": lambda case: case["w"]["shape"][2:] == [1, 1] and max(case["stride"]) > 1,
        "asymmetric explicit padding": lambda case: case["padding_rule"]["kind"] == "explicit"
        and any(begin != end for begin, end in case["padding"]),
        "unread trailing inputs": lambda case: "unread" in case["note"],
        "groups > 1 with several channels per group": lambda case: case["groups"] > 1 and case["w"]["shape"][1] > 1,
        "dilation > 1 in 1-D": lambda case: len(case["stride"]) == 1 and max(case["dilation"]) > 1,
        "dilation > 1 in 3-D": lambda case: len(case["stride"]) == 3 and max(case["dilation"]) > 1,
        "batch > 1 in 3-D": lambda case: len(case["stride"]) == 3 and case["x"]["shape"][0] > 1,
        "a fraction in dy": lambda case: any("/" in value for value in case["dy"]["data"]),
    }
    for rank in (1, 2, 3):
        for kind in PADDING_KINDS:
            requirements[f"{kind} padding in {rank}-D"] = (
                lambda case, rank=rank, kind=kind: len(case["stride"]) == rank and case["padding_rule"]["kind"] == kind
            )

    for description, condition in requirements.items():
        if count(condition) == 0:
            raise AssertionError(f"no case covers {description}, choose another seed for its block")


# Output.


def format_json(value, indent=0):
    """Format value as JSON with sorted keys, writing each list that contains no objects on one line.

    One line per tensor keeps cases.json short and its diffs readable.
    """
    inner = "  " * (indent + 1)
    outer = "  " * indent
    if isinstance(value, dict):
        lines = [f"{inner}{json.dumps(key)}: {format_json(value[key], indent + 1)}" for key in sorted(value)]
        return "{\n" + ",\n".join(lines) + "\n" + outer + "}"
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        lines = [inner + format_json(item, indent + 1) for item in value]
        return "[\n" + ",\n".join(lines) + "\n" + outer + "]"
    return json.dumps(value, sort_keys=True)


def main():
    specs = (
        literal_specs()
        + single_channel_2d_specs()
        + one_dimensional_specs()
        + three_dimensional_specs()
        + multichannel_2d_specs()
    )
    names = [spec.name for spec in specs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise AssertionError(f"duplicate case names: {duplicates}")

    cases = []
    results = {}
    for spec in specs:
        case, exact = compute_case(spec)
        cases.append(case)
        results[spec.name] = exact

    check_literal_values(results)
    check_coverage(cases)

    document = {
        "generator": f"make_reference.py: JAX {jax.__version__} (float64) and exact Fraction loops, compared entry by entry",
        "cases": cases,
    }
    text = format_json(document) + "\n"
    if json.loads(text) != document:
        raise AssertionError("format_json output does not parse back to the same document")

    OUTPUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUTPUT_PATH}")


if __name__ == "__main__":
    main()
