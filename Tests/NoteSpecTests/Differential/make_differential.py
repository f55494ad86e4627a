"""Generate differential.json: convnote spec blocks with two agreeing sets of reference values.

Each case is the body of a conv spec block in convnote's spec language, with the y, dL/dx,
dL/dw and dL/db that convnote must compute for it. The script writes each spec text, reads
it back with read_spec and computes the case from what it read, twice:

1. JAX in float64. A convolution is jax.lax.conv_general_dilated. A transposed convolution
   is the vjp of that convolution with respect to its input, not lax.conv_transpose, whose
   padding convention differs. The gradients of the whole operation come from jax.vjp.
2. Exact loops over fractions.Fraction that do not call JAX: a gather for the convolution,
   a scatter for the transposed convolution, and each product's contribution scattered
   into the gradients.

x, w and b are integers in [-3, 3], and dL/dy entries are in [-3, 3] with denominator 1, 2
or 4, so float64 represents every input, partial sum and result exactly. The script requires
float(exact) == jax_value for every entry, and it asserts the values of the regression
cases literally. The file is written only when every check passes.

Usage: python3 make_differential.py    (writes differential.json beside this file)
"""

import itertools
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

# NOTE: XLA's CPU algebraic simplifier in jaxlib 0.10.2 aborts the process with "Window
# dimensions do not match RHS shape" while compiling some input-gradient convolutions,
# for example x 1x1x4x4, w 1x1x3x2, stride 2, padding 1. Skipping that optimization pass
# leaves the results unchanged, and the exact loops check every value anyway. XLA reads
# XLA_FLAGS once, so this must run before JAX is imported. Optimization level 0 only
# shortens compilation, which takes most of the run time because every case has its own shapes.
os.environ["XLA_FLAGS"] = " ".join([
    os.environ.get("XLA_FLAGS", ""),
    "--xla_disable_hlo_passes=algsimp",
    "--xla_backend_optimization_level=0",
]).strip()

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

# make_reference.py, the generator of the ConvolutionEngine reference cases, provides the
# padding rules, the exact convolution loops and the JSON layout.
REFERENCE_DIRECTORY = Path(__file__).resolve().parents[2] / "ConvolutionEngineTests" / "Reference"
sys.path.insert(0, str(REFERENCE_DIRECTORY))
import make_reference as reference  # noqa: E402

# Must run before JAX creates any array, or arrays default to float32.
jax.config.update("jax_enable_x64", True)

OUTPUT_PATH = Path(__file__).resolve().parent / "differential.json"

# Base seed of the random cases. Case i draws from default_rng((RANDOM_SEED, i)), so a
# change to one case leaves the data of every other case as it was.
RANDOM_SEED = 3301

# Padding forms of the spec language. Transposed convolutions use only the explicit forms,
# because the rule forms have no single agreed meaning for them.
CONV_PADDING_FORMS = ("valid", "full", "same", "same-start", "integer", "tuple", "sides", "pairs")
TRANSPOSE_PADDING_FORMS = ("valid", "integer", "tuple", "sides", "pairs")
PADDING_RULES = ("valid", "full", "same", "same-start")

# Random cases per (dims, padding form): 3 * 8 * 11 = 264 convolutions and
# 3 * 5 * 7 = 105 transposed convolutions.
CONV_REPEATS = 11
TRANSPOSE_REPEATS = 7

# Share of the transposed convolutions drawn with nonzero output padding.
OUTPUT_PADDING_SHARE = 0.75

# Named padding sides as (begin, end) per spatial axis, outermost axis first.
SIDE_NAMES = {
    1: (("left", "right"),),
    2: (("top", "bottom"), ("left", "right")),
    3: (("front", "back"), ("top", "bottom"), ("left", "right")),
}

# Inclusive ranges of the drawn input and kernel sizes, per number of spatial dimensions.
INPUT_SIZE_RANGES = {1: (1, 9), 2: (1, 6), 3: (1, 4)}
KERNEL_SIZE_RANGES = {1: (1, 4), 2: (1, 3), 3: (1, 3)}

# Largest number of products x * w in one case. Geometries above it are drawn again, which
# keeps the exact loops fast and the tensors in the file small.
MAX_PRODUCTS = 3000

# Draws of one case's geometry before the script gives up with an error.
MAX_GEOMETRY_DRAWS = 1000

MINIMUM_CASES = 320
MINIMUM_TRANSPOSE_CASES = 60

TENSOR_FIELDS = ("y", "dx", "dw", "db")


# Reading spec text.


@dataclass
class Spec:
    """The statements of one spec block, as read from its text.

    Tensors are NumPy object arrays of Fraction. Strides, dilations and output padding
    are tuples with one entry per spatial axis. padding_text is the value of the padding
    statement, "valid" when the statement is missing.
    """

    dims: int
    kind: str
    mode: str
    numbers: str
    x: np.ndarray
    w: np.ndarray
    b: np.ndarray | None
    dy: np.ndarray | None
    padding_text: str
    strides: tuple
    dilations: tuple
    groups: int
    output_padding: tuple


def read_spec(text):
    """Parse a spec text made by write_spec into a Spec.

    This parses only the subset of the spec language that write_spec produces: one
    statement per line, tensors as numpy-style nested lists, and no generators, symbols,
    comments or expect statements.
    """
    values = {}
    for line in text.splitlines():
        key, separator, value = line.partition(" = ")
        if not separator or key in values:
            raise ValueError(f"invalid or repeated statement {line!r}")
        values[key] = value

    dims = int(values.pop("dims"))
    spec = Spec(
        dims=dims,
        kind=values.pop("kind", "conv"),
        mode=values.pop("mode", "cross-correlation"),
        numbers=values.pop("numbers", "exact"),
        x=read_tensor(values.pop("x")),
        w=read_tensor(values.pop("w")),
        b=read_optional_tensor(values.pop("b", None)),
        dy=read_optional_tensor(values.pop("dL/dy", None)),
        padding_text=values.pop("padding", "valid"),
        strides=read_per_axis(values.pop("stride", "1"), dims),
        dilations=read_per_axis(values.pop("dilation", "1"), dims),
        groups=int(values.pop("groups", "1")),
        output_padding=read_per_axis(values.pop("output-padding", "0"), dims),
    )
    if values:
        raise ValueError(f"unknown keys {sorted(values)}")
    if spec.kind not in ("conv", "transpose") or spec.mode not in ("cross-correlation", "convolution"):
        raise ValueError(f"invalid kind {spec.kind!r} or mode {spec.mode!r}")
    return spec


def read_tensor(text):
    """Read a numpy-style nested list whose entries are integers, decimals or fractions."""
    quoted = re.sub(r"-?\d+(?:\.\d+)?(?:/\d+)?", lambda match: f'"{match.group()}"', text)
    return reference.exact_array(json.loads(quoted))


def read_optional_tensor(text):
    return None if text is None else read_tensor(text)


def read_per_axis(text, dims):
    """Read an integer, which applies to every axis, or a tuple with one entry per axis."""
    if not text.startswith("("):
        return (int(text),) * dims
    values = tuple(int(value) for value in text.strip("()").split(","))
    if len(values) != dims:
        raise ValueError(f"the tuple {text} needs {dims} entries")
    return values


def resolve_padding_text(text, dims, input_sizes, kernel_sizes, strides, dilations):
    """Resolve a padding value to one (begin, end) pair per spatial axis.

    The rules follow make_reference.resolve_padding. An integer pads every side, a tuple
    pads both sides of each axis, named sides missing from the text are 0, and pairs
    are taken as written.
    """
    if text in PADDING_RULES:
        return reference.resolve_padding(text, input_sizes, kernel_sizes, strides, dilations)
    if text.lstrip("-").isdigit():
        return [(int(text), int(text))] * dims
    if text.startswith("["):
        pairs = [tuple(int(amount) for amount in pair) for pair in re.findall(r"\((-?\d+), (-?\d+)\)", text)]
        if len(pairs) != dims:
            raise ValueError(f"the padding {text} needs {dims} pairs")
        return pairs
    if text.startswith("("):
        return [(amount, amount) for amount in read_per_axis(text, dims)]
    return read_named_sides(text, dims)


def read_named_sides(text, dims):
    """Read named sides such as "right 2 top 1" into (begin, end) pairs."""
    amounts = {}
    words = text.split()
    for name, amount in zip(words[0::2], words[1::2]):
        amounts[name] = int(amount)
    names = [name for pair in SIDE_NAMES[dims] for name in pair]
    if len(words) % 2 != 0 or len(amounts) != len(words) // 2 or not set(amounts) <= set(names):
        raise ValueError(f"invalid named sides {text!r} for {dims} spatial dimensions")
    return [(amounts.get(begin, 0), amounts.get(end, 0)) for begin, end in SIDE_NAMES[dims]]


# Geometry.


@dataclass
class Geometry:
    """The resolved padding and the spatial output sizes of a spec."""

    padding: list
    output_sizes: tuple


def transpose_output_sizes(input_sizes, kernel_sizes, padding, strides, dilations, output_padding):
    """Return (in - 1)·stride - pad_begin - pad_end + dilation·(k - 1) + 1 + output_padding per axis."""
    return tuple(
        (size - 1) * stride - begin - end + reference.dilated_extent(kernel, dilation) + extra
        for size, kernel, (begin, end), stride, dilation, extra
        in zip(input_sizes, kernel_sizes, padding, strides, dilations, output_padding)
    )


def resolve_geometry(spec):
    """Resolve the padding and output sizes of a spec, raising ValueError on an invalid one.

    An empty output is an error too, because it has no entries to compare.
    """
    input_sizes = spec.x.shape[2:]
    kernel_sizes = spec.w.shape[2:]
    padding = resolve_padding_text(spec.padding_text, spec.dims, input_sizes, kernel_sizes, spec.strides, spec.dilations)

    if spec.kind == "conv":
        reference.check_padding_against_jax(spec.padding_text, input_sizes, kernel_sizes, spec.strides, spec.dilations, padding)
        sizes = tuple(reference.output_sizes(input_sizes, kernel_sizes, padding, spec.strides, spec.dilations))
    else:
        if spec.padding_text in PADDING_RULES[1:]:
            raise ValueError(f"padding = {spec.padding_text} is not supported with kind = transpose here, use explicit pads")
        if spec.mode == "convolution":
            raise ValueError("mode = convolution applies only to kind = conv, remove it or use kind = conv")
        if spec.x.shape[1] != spec.w.shape[0] or spec.x.shape[1] % spec.groups != 0:
            raise ValueError(f"x shape {spec.x.shape} and w shape {spec.w.shape} do not fit {spec.groups} groups")
        for extra, stride, dilation in zip(spec.output_padding, spec.strides, spec.dilations):
            if not 0 <= extra < max(stride, dilation):
                raise ValueError(f"output padding {extra} must be smaller than stride {stride} or dilation {dilation}")
        sizes = transpose_output_sizes(input_sizes, kernel_sizes, padding, spec.strides, spec.dilations, spec.output_padding)

    if min(sizes) <= 0:
        raise ValueError(f"the output size {sizes} is empty")
    return Geometry(padding, sizes)


def output_shape(spec, geometry):
    """Return the full output shape (N, C_out, spatial...) of a spec."""
    if spec.kind == "conv":
        out_channels = spec.w.shape[0]
    else:
        out_channels = spec.w.shape[1] * spec.groups
    return (spec.x.shape[0], out_channels) + tuple(geometry.output_sizes)


def product_count(spec, geometry):
    """Return the number of products x * w that the operation sums."""
    kernel_size = int(np.prod(spec.w.shape[2:]))
    if spec.kind == "conv":
        per_output = spec.w.shape[1] * kernel_size
        return int(np.prod(output_shape(spec, geometry))) * per_output
    per_input = spec.w.shape[1] * kernel_size
    return int(np.prod(spec.x.shape)) * per_input


def spatial_flip(values, dims):
    """Reverse axes 2 and up, the spatial axes of a kernel or its gradient, as mode = convolution does."""
    return np.flip(values, axis=tuple(range(2, 2 + dims)))


# Exact reference.


def exact_case(spec, geometry):
    """Compute y, dx, dw and db exactly with Fraction loops.

    With mode = convolution the loops use the spatially flipped kernel, and the gradient
    with respect to it is flipped back, so dw belongs to the kernel as written.
    """
    kernel = spatial_flip(spec.w, spec.dims) if spec.mode == "convolution" else spec.w
    if spec.kind == "conv":
        results = reference.exact_convolution(
            spec.x, kernel, spec.b, spec.dy, geometry.padding, spec.strides, spec.dilations, spec.groups
        )
    else:
        results = exact_transpose(spec, kernel, geometry)

    if spec.mode == "convolution":
        results["dw"] = spatial_flip(results["dw"], spec.dims)
    return results


def transpose_taps(spec, kernel, geometry):
    """Yield (y index, x index, w index) for every product that lands inside y.

    Input channel c belongs to group c // (C_in / groups) and writes only the output
    channels of that group. Input position p and kernel offset k reach output position
    p·stride + k·dilation - pad_begin, and positions outside y are cropped.
    """
    batch, in_channels = spec.x.shape[:2]
    group_in = in_channels // spec.groups
    group_out = kernel.shape[1]
    begins = [begin for begin, _ in geometry.padding]

    for n, c in itertools.product(range(batch), range(in_channels)):
        first_output_channel = (c // group_in) * group_out
        for position in np.ndindex(*spec.x.shape[2:]):
            for j in range(group_out):
                for offset in np.ndindex(*kernel.shape[2:]):
                    target = tuple(
                        p * s + k * d - begin
                        for p, k, s, d, begin in zip(position, offset, spec.strides, spec.dilations, begins)
                    )
                    if all(0 <= t < size for t, size in zip(target, geometry.output_sizes)):
                        yield (n, first_output_channel + j) + target, (n, c) + position, (c, j) + offset


def exact_transpose(spec, kernel, geometry):
    """Compute the transposed convolution and its gradients by scattering each product.

    The term x[i] * w[k] of y[j] adds dy[j] * w[k] to dx[i] and dy[j] * x[i] to dw[k].
    """
    y = reference.exact_zeros(output_shape(spec, geometry))
    dx = reference.exact_zeros(spec.x.shape)
    dw = reference.exact_zeros(kernel.shape)

    for y_index, x_index, w_index in transpose_taps(spec, kernel, geometry):
        y[y_index] += spec.x[x_index] * kernel[w_index]
        dx[x_index] += spec.dy[y_index] * kernel[w_index]
        dw[w_index] += spec.dy[y_index] * spec.x[x_index]

    if spec.b is not None:
        for index in np.ndindex(*y.shape):
            y[index] += spec.b[index[1]]

    db = reference.exact_zeros(y.shape[1:2])
    for index in np.ndindex(*spec.dy.shape):
        db[index[1]] += spec.dy[index]
    return {"y": y, "dx": dx, "dw": dw, "db": db}


# JAX reference.


def float64_array(values):
    """Convert a Fraction array to a float64 JAX array, rounding each entry to nearest."""
    floats = np.array([float(value) for value in values.flat], dtype=np.float64)
    return jnp.asarray(floats.reshape(values.shape))


def jax_convolution(spec, geometry, lhs, rhs):
    """Cross-correlate lhs (N, C, spatial...) with rhs (O, C / groups, kernel...) in JAX."""
    return jax.lax.conv_general_dilated(
        lhs,
        rhs,
        window_strides=spec.strides,
        padding=[tuple(pair) for pair in geometry.padding],
        rhs_dilation=spec.dilations,
        dimension_numbers=reference.DIMENSION_NUMBERS[spec.dims],
        feature_group_count=spec.groups,
        precision=jax.lax.Precision.HIGHEST,
    )


def jax_transpose(spec, geometry, x, kernel):
    """Return the transposed convolution of x as the adjoint of a convolution.

    The kernel (C_in, C_out / groups, k...) is the weight of a convolution from C_out to
    C_in channels with the same stride, dilation, padding and groups. That convolution
    maps inputs of y's size to outputs of x's size, and its vjp with respect to its input,
    at cotangent x, is the transposed convolution. Where output padding is at least the
    stride (allowed when it is smaller than the dilation), the convolution has more
    outputs than x has positions, and the extra outputs are dropped before the vjp.
    """
    keep_x_positions = (slice(None), slice(None)) + tuple(slice(0, size) for size in spec.x.shape[2:])

    def convolve(z):
        return jax_convolution(spec, geometry, z, kernel)[keep_x_positions]

    zeros = jnp.zeros(output_shape(spec, geometry), dtype=jnp.float64)
    _, pullback = jax.vjp(convolve, zeros)
    (adjoint,) = pullback(x)
    return adjoint


def jax_case(spec, geometry):
    """Compute y, dx, dw and db in float64 with jax.vjp of the whole operation.

    A spec without b gets a zero bias, so that db comes out of the same vjp. The
    computation is compiled once with jax.jit, which is faster than running each
    operation on its own for shapes that occur only once.
    """
    bias = spec.b if spec.b is not None else reference.exact_zeros(output_shape(spec, geometry)[1:2])
    bias_shape = (1, -1) + (1,) * spec.dims
    spatial_axes = tuple(range(2, 2 + spec.dims))

    def operation(x, w, b):
        kernel = jnp.flip(w, axis=spatial_axes) if spec.mode == "convolution" else w
        if spec.kind == "conv":
            y = jax_convolution(spec, geometry, x, kernel)
        else:
            y = jax_transpose(spec, geometry, x, kernel)
        return y + b.reshape(bias_shape)

    @jax.jit
    def values_and_gradients(x, w, b, dy):
        y, pullback = jax.vjp(operation, x, w, b)
        dx, dw, db = pullback(dy)
        return y, dx, dw, db

    arrays = (float64_array(spec.x), float64_array(spec.w), float64_array(bias), float64_array(spec.dy))
    return dict(zip(TENSOR_FIELDS, (np.asarray(value) for value in values_and_gradients(*arrays))))


# Cases.


def compute_case(name, text):
    """Read a spec text, compute it with both references and return (JSON object, exact results).

    Raises AssertionError when the references disagree on any entry.
    """
    spec = read_spec(text)
    geometry = resolve_geometry(spec)
    if spec.dy is None or spec.dy.shape != output_shape(spec, geometry):
        raise ValueError(f"{name}: dL/dy must be given with shape {output_shape(spec, geometry)}")

    exact = exact_case(spec, geometry)
    reference.check_references_agree(name, exact, jax_case(spec, geometry))

    case = {
        "name": name,
        "spec": text,
        "kind": spec.kind,
        "mode": spec.mode,
        "padding": [list(pair) for pair in geometry.padding],
        "y": reference.tensor_json(exact["y"]),
        "dx": reference.tensor_json(exact["dx"]),
        "dw": reference.tensor_json(exact["dw"]),
        "db": None if spec.b is None else reference.tensor_json(exact["db"]),
    }
    return case, exact


def format_tensor(values):
    """Write an array as a numpy-style nested list: [[1, -2], [1/2, 3]]."""
    if not isinstance(values, np.ndarray):
        return str(values)
    return "[" + ", ".join(format_tensor(item) for item in values) + "]"


def write_spec(dims, x, w, dy, **statements):
    """Write a spec text: dims first, then x, w, the other statements in order, then dL/dy.

    Keyword names are spec keys with "-" written as "_" (output_padding). Statements
    whose value is None are left out.
    """
    lines = [f"dims = {dims}"]
    if statements.get("kind") is not None:
        lines.append(f"kind = {statements.pop('kind')}")
    lines.append(f"x = {format_tensor(x)}")
    lines.append(f"w = {format_tensor(w)}")
    for key in ("b", "padding", "stride", "dilation", "groups", "output_padding", "mode", "numbers"):
        value = statements.pop(key, None)
        if value is not None:
            text = format_tensor(value) if isinstance(value, np.ndarray) else str(value)
            lines.append(f"{key.replace('_', '-')} = {text}")
    if any(value is not None for value in statements.values()):
        raise ValueError(f"unknown statements {sorted(statements)}")
    lines.append(f"dL/dy = {format_tensor(dy)}")
    return "\n".join(lines)


def ones_upstream_spec(dims, x, w, **statements):
    """Write a spec whose dL/dy is ones, shaped like the output of the other statements."""
    placeholder = write_spec(dims, x, w, reference.exact_ones((1,)), **dict(statements))
    spec = read_spec(placeholder)
    shape = output_shape(spec, resolve_geometry(spec))
    return write_spec(dims, x, w, reference.exact_ones(shape), **statements)


# Regression cases.


def regression_specs():
    """Return (name, spec text) for the regression cases, whose values check_regression_values asserts."""
    arange = reference.exact_arange
    ones = reference.exact_ones
    x_1_to_5 = arange((1, 1, 5), 1)
    w_1_to_4 = arange((1, 1, 4), 1)
    return [
        ("regression-1d-same-k4", ones_upstream_spec(1, x_1_to_5, w_1_to_4, padding="same")),
        ("regression-1d-same-start-k4", ones_upstream_spec(1, x_1_to_5, w_1_to_4, padding="same-start")),
        ("regression-1d-same-k4-d2", ones_upstream_spec(1, x_1_to_5, w_1_to_4, padding="same", dilation=2)),
        ("regression-same-4x4-k1-s2", ones_upstream_spec(
            2, arange((1, 1, 4, 4), 1), ones((1, 1, 1, 1)), padding="same", stride=2)),
        ("regression-depthwise-6x6-k3-s2-p1", ones_upstream_spec(
            2, ones((1, 3, 6, 6)), ones((3, 1, 3, 3)), padding=1, stride=2, groups=3)),
        ("regression-1d-k7-s3-p2", ones_upstream_spec(1, arange((1, 1, 16), 1), arange((1, 1, 7), 1), padding=2, stride=3)),
        ("regression-1d-k4-s4", ones_upstream_spec(1, arange((1, 1, 7), 1), w_1_to_4, stride=4)),
        ("regression-5x5-k3-d2", write_spec(
            2, arange((1, 1, 5, 5), 0), arange((1, 1, 3, 3), 1), reference.exact_array([[[[2]]]]), dilation=2)),
        ("regression-3x3-k2-fractional-dy", write_spec(
            2, arange((1, 1, 3, 3), 0), arange((1, 1, 2, 2), 1), reference.exact_array([[[[1, -1], [2, "1/2"]]]]))),
        ("regression-ones-4x4-k2", ones_upstream_spec(2, ones((1, 1, 4, 4)), ones((1, 1, 2, 2)))),
        ("regression-ones-5x5-k3-s2-p1", ones_upstream_spec(2, ones((1, 1, 5, 5)), ones((1, 1, 3, 3)), padding=1, stride=2)),
        ("regression-5x5-k3-asymmetric", ones_upstream_spec(
            2, arange((1, 1, 5, 5), 0), ones((1, 1, 3, 3)), padding="top 1 left 2 bottom 0 right 3")),
    ]


def check_regression_values(results):
    """Assert the known values of the regression cases against the exact results."""
    expect = reference.expect_equal
    expect("regression-1d-same-k4 y", results["regression-1d-same-k4"]["y"], [20, 30, 40, 26, 14])
    expect("regression-1d-same-start-k4 y", results["regression-1d-same-start-k4"]["y"], [11, 20, 30, 40, 26])
    expect("regression-1d-same-k4-d2 y", results["regression-1d-same-k4-d2"]["y"], [22, 31, 16, 22, 10])

    expect("regression-same-4x4-k1-s2 y", results["regression-same-4x4-k1-s2"]["y"], [[1, 3], [9, 11]])

    dw = results["regression-depthwise-6x6-k3-s2-p1"]["dw"]
    expect("regression-depthwise-6x6-k3-s2-p1 dw shape", np.array(dw.shape), [3, 1, 3, 3])
    for channel in range(3):
        expect(f"regression-depthwise-6x6-k3-s2-p1 dw[{channel}]", dw[channel, 0], [[4, 6, 6], [6, 9, 9], [6, 9, 9]])

    expect("regression-1d-k7-s3-p2 dx", results["regression-1d-k7-s3-p2"]["dx"],
           [3, 5, 7, 9, 12, 7, 9, 12, 7, 9, 12, 7, 9, 11, 5, 6])
    expect("regression-1d-k4-s4 dx", results["regression-1d-k4-s4"]["dx"], [1, 2, 3, 4, 0, 0, 0])

    expect("regression-5x5-k3-d2 dx", results["regression-5x5-k3-d2"]["dx"],
           [[2, 0, 4, 0, 6], [0, 0, 0, 0, 0], [8, 0, 10, 0, 12], [0, 0, 0, 0, 0], [14, 0, 16, 0, 18]])

    case = results["regression-3x3-k2-fractional-dy"]
    expect("regression-3x3-k2-fractional-dy dx", case["dx"], [[1, 1, -2], [5, "11/2", -3], [6, "19/2", 2]])
    expect("regression-3x3-k2-fractional-dy dw", case["dw"], [[7, "19/2"], ["29/2", 17]])

    expect("regression-ones-4x4-k2 dx", results["regression-ones-4x4-k2"]["dx"],
           [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])
    expect("regression-ones-5x5-k3-s2-p1 dx", results["regression-ones-5x5-k3-s2-p1"]["dx"],
           [[1, 2, 1, 2, 1], [2, 4, 2, 4, 2], [1, 2, 1, 2, 1], [2, 4, 2, 4, 2], [1, 2, 1, 2, 1]])

    y = results["regression-5x5-k3-asymmetric"]["y"]
    expect("regression-5x5-k3-asymmetric y shape", np.array(y.shape), [1, 1, 4, 8])
    expect("regression-5x5-k3-asymmetric y first row", y[0, 0, 0], [5, 12, 21, 27, 33, 24, 13, 0])
    expect("regression-5x5-k3-asymmetric y last column", y[0, 0, :, -1], [0, 0, 0, 0])


# The float case.

FLOAT_CASE_NAME = "regression-float-1d-transpose-s2"

FLOAT_CASE_SPEC = "\n".join([
    "dims = 1",
    "kind = transpose",
    "x = [[[-1.9954, -0.3385]]]",
    "w = [[[-0.7767]]]",
    "stride = 2",
    "numbers = float",
    "dL/dy = [[[1.5, 0, 0.7]]]",
])

# Relative tolerance between JAX's float64 values and the exact decimal results.
FLOAT_TOLERANCE = 1e-12


def format_float(value):
    """Write a float64 with 17 significant digits, and 0 for both signed zeros."""
    return "0" if value == 0 else f"{float(value):.17g}"


def float_case():
    """Compute the float case and return its JSON object, with JAX's values as decimals.

    The exact reference reads the decimals as exact fractions. Its results must equal
    the known values, and JAX's must be within FLOAT_TOLERANCE of them.
    """
    spec = read_spec(FLOAT_CASE_SPEC)
    geometry = resolve_geometry(spec)
    exact = exact_case(spec, geometry)
    approximate = jax_case(spec, geometry)

    reference.expect_equal(f"{FLOAT_CASE_NAME} y", exact["y"], ["1.54982718", 0, "0.26291295"])
    reference.expect_equal(f"{FLOAT_CASE_NAME} dx", exact["dx"], ["-1.16505", "-0.54369"])
    for field in TENSOR_FIELDS:
        for index in np.ndindex(*exact[field].shape):
            expected = float(exact[field][index])
            actual = float(approximate[field][index])
            if abs(actual - expected) > FLOAT_TOLERANCE * abs(expected):
                raise AssertionError(f"{FLOAT_CASE_NAME}: {field}{list(index)} is {expected!r} exactly but {actual!r} in JAX")

    def decimal_json(values):
        return {"shape": list(values.shape), "data": [format_float(value) for value in values.flat]}

    return {
        "name": FLOAT_CASE_NAME,
        "spec": FLOAT_CASE_SPEC,
        "kind": spec.kind,
        "mode": spec.mode,
        "padding": [list(pair) for pair in geometry.padding],
        "y": decimal_json(approximate["y"]),
        "dx": decimal_json(approximate["dx"]),
        "dw": decimal_json(approximate["dw"]),
        "db": None,
    }


# Random cases.


@dataclass
class Channels:
    """Batch size and channel counts of one case. in_channels are x's, out_channels y's."""

    batch: int
    groups: int
    in_channels: int
    out_channels: int


def case_plan():
    """Return (kind, dims, padding form) for every random case, in order.

    Each combination of dims and padding form appears the same number of times, so the
    spread over them does not depend on the random draws.
    """
    plan = []
    for forms, kind, repeats in ((CONV_PADDING_FORMS, "conv", CONV_REPEATS), (TRANSPOSE_PADDING_FORMS, "transpose", TRANSPOSE_REPEATS)):
        for _ in range(repeats):
            for form in forms:
                for dims in (1, 2, 3):
                    plan.append((kind, dims, form))
    return plan


def draw_channels(rng):
    """Draw the batch and channels: groups 1 to 3, at most 4 channels on either side.

    With groups 3, both sides have 3 channels, a depthwise convolution. With groups 2,
    each group has 1 or 2 channels on each side, so some of those are depthwise too.
    """
    batch = int(rng.integers(1, 3))
    groups = int(rng.choice([1, 2, 3], p=[0.45, 0.35, 0.2]))
    if groups == 1:
        in_channels, out_channels = (int(count) for count in rng.integers(1, 5, size=2))
    elif groups == 2:
        in_channels, out_channels = (2 * int(count) for count in rng.integers(1, 3, size=2))
    else:
        in_channels, out_channels = 3, 3
    return Channels(batch, groups, in_channels, out_channels)


def draw_per_axis(rng, dims, low, high):
    """Draw one value in [low, high] per axis: the same on every axis half of the time."""
    if rng.random() < 0.5:
        return (int(rng.integers(low, high + 1)),) * dims
    return tuple(int(value) for value in rng.integers(low, high + 1, size=dims))


def format_per_axis(rng, values, default):
    """Write per-axis values as an integer or a tuple, or return None to leave the statement out.

    Equal values are mostly written as one integer, and default values are left out a
    third of the time, so that the spec texts exercise both forms and the defaults.
    """
    if all(value == default for value in values) and rng.random() < 1 / 3:
        return None
    if len(set(values)) == 1 and rng.random() < 0.8:
        return str(values[0])
    return "(" + ", ".join(str(value) for value in values) + ")"


def draw_padding_text(rng, form, dims):
    """Draw the value of a padding statement in one form, or None to leave it out (valid)."""
    if form == "valid":
        return None if rng.random() < 0.25 else "valid"
    if form in PADDING_RULES:
        return form
    if form == "integer":
        return str(int(rng.integers(0, 3)))
    if form == "tuple":
        return "(" + ", ".join(str(int(amount)) for amount in rng.integers(0, 3, size=dims)) + ")"
    if form == "pairs":
        pairs = rng.integers(0, 3, size=(dims, 2))
        return "[" + ", ".join(f"({begin}, {end})" for begin, end in pairs) + "]"
    if form == "sides":
        return draw_named_sides(rng, dims)
    raise ValueError(f"unknown padding form {form!r}")


def draw_named_sides(rng, dims):
    """Draw named sides in a random order, leaving out about half of the zero sides."""
    sides = [(name, int(rng.integers(0, 3))) for pair in SIDE_NAMES[dims] for name in pair]
    written = [(name, amount) for name, amount in sides if amount > 0 or rng.random() < 0.5]
    if not written:
        written = [sides[int(rng.integers(0, len(sides)))]]
    order = rng.permutation(len(written))
    return " ".join(f"{written[i][0]} {written[i][1]}" for i in order)


def draw_output_padding(rng, strides, dilations, nonzero):
    """Draw output padding for a transposed convolution, each axis below max(stride, dilation).

    With nonzero set, at least one axis gets a value above 0, and the result is None when
    no axis allows one. With stride 1 and dilation 2 the value 1 is at least the stride,
    which PyTorch allows.
    """
    limits = [max(stride, dilation) for stride, dilation in zip(strides, dilations)]
    if not nonzero:
        return (0,) * len(limits)
    open_axes = [axis for axis, limit in enumerate(limits) if limit > 1]
    if not open_axes:
        return None

    values = [int(rng.integers(0, limit)) for limit in limits]
    if not any(values):
        axis = open_axes[int(rng.integers(0, len(open_axes)))]
        values[axis] = int(rng.integers(1, limits[axis]))
    return tuple(values)


@dataclass
class DrawnGeometry:
    """The shapes and the written geometry statements of one random case."""

    x_shape: tuple
    w_shape: tuple
    padding: str | None
    strides: tuple
    dilations: tuple
    output_padding: tuple


def draw_geometry(rng, kind, dims, form, channels):
    """Draw shapes, stride, dilation and padding until the output is non-empty and small.

    The geometry is checked by reading a spec text with zero tensors, so the check uses
    exactly the code that later computes the case.
    """
    wants_output_padding = kind == "transpose" and rng.random() < OUTPUT_PADDING_SHARE
    for _ in range(MAX_GEOMETRY_DRAWS):
        input_sizes = tuple(int(size) for size in rng.integers(*INPUT_SIZE_RANGES[dims], endpoint=True, size=dims))
        kernel_sizes = tuple(int(size) for size in rng.integers(*KERNEL_SIZE_RANGES[dims], endpoint=True, size=dims))
        strides = draw_per_axis(rng, dims, 1, 3)
        dilations = (1,) * dims if rng.random() < 0.5 else draw_per_axis(rng, dims, 1, 2)
        padding = draw_padding_text(rng, form, dims)
        output_padding = draw_output_padding(rng, strides, dilations, wants_output_padding)
        if output_padding is None:
            continue

        if kind == "conv":
            w_shape = (channels.out_channels, channels.in_channels // channels.groups) + kernel_sizes
        else:
            w_shape = (channels.in_channels, channels.out_channels // channels.groups) + kernel_sizes
        drawn = DrawnGeometry((channels.batch, channels.in_channels) + input_sizes, w_shape, padding, strides, dilations, output_padding)
        if fits_budget(kind, dims, drawn, channels.groups):
            return drawn
    raise AssertionError(f"no {kind} geometry for {dims}-D with {form} padding and {channels} within {MAX_GEOMETRY_DRAWS} draws")


def fits_budget(kind, dims, drawn, groups):
    """Return whether the drawn geometry has a non-empty output and at most MAX_PRODUCTS products."""
    text = write_spec(
        dims, reference.exact_zeros(drawn.x_shape), reference.exact_zeros(drawn.w_shape), reference.exact_zeros((1,)),
        kind=kind, padding=drawn.padding, stride=per_axis_text(drawn.strides), dilation=per_axis_text(drawn.dilations),
        groups=groups, output_padding=per_axis_text(drawn.output_padding),
    )
    spec = read_spec(text)
    try:
        geometry = resolve_geometry(spec)
    except ValueError:
        return False
    return product_count(spec, geometry) <= MAX_PRODUCTS


def per_axis_text(values):
    return "(" + ", ".join(str(value) for value in values) + ")"


def random_fractional_upstream(rng, shape):
    """Return dL/dy with about 40% of its entries replaced by fractions, at least one.

    Each fraction is k/4 in [-3, 3] with k not a multiple of 4, written reduced: 1/2, -3/4.
    """
    values = reference.random_integers(rng, shape)
    chosen = rng.random(size=shape) < 0.4
    if not chosen.any():
        chosen[np.unravel_index(int(rng.integers(0, chosen.size)), shape)] = True
    numerators = [k for k in range(-12, 13) if k % 4 != 0]
    for index in zip(*np.nonzero(chosen)):
        values[index] = Fraction(int(rng.choice(numerators)), 4)
    return values


def draw_random_spec(index, kind, dims, form):
    """Draw the spec text of random case number index."""
    rng = np.random.default_rng((RANDOM_SEED, index))
    channels = draw_channels(rng)
    drawn = draw_geometry(rng, kind, dims, form, channels)

    x = reference.random_integers(rng, drawn.x_shape)
    w = reference.random_integers(rng, drawn.w_shape)
    b = reference.random_integers(rng, (channels.out_channels,)) if rng.random() < 1 / 3 else None
    # convnote accepts mode = convolution only with kind = conv.
    mode = "convolution" if kind == "conv" and rng.random() < 1 / 3 else "cross-correlation"

    statements = {
        "kind": kind if kind == "transpose" or rng.random() < 0.2 else None,
        "b": b,
        "padding": drawn.padding,
        "stride": format_per_axis(rng, drawn.strides, 1),
        "dilation": format_per_axis(rng, drawn.dilations, 1),
        "groups": None if channels.groups == 1 and rng.random() < 1 / 3 else channels.groups,
        "output_padding": format_per_axis(rng, drawn.output_padding, 0) if kind == "transpose" else None,
        "mode": mode if mode == "convolution" or rng.random() < 0.3 else None,
    }

    spec = read_spec(write_spec(dims, x, w, reference.exact_zeros((1,)), **statements))
    shape = output_shape(spec, resolve_geometry(spec))
    if rng.random() < 1 / 3:
        dy = random_fractional_upstream(rng, shape)
    else:
        dy = reference.random_integers(rng, shape)
    return write_spec(dims, x, w, dy, **statements)


def random_specs():
    """Return (name, spec text) for every random case. Names are d<dims>-<case number>."""
    specs = []
    for index, (kind, dims, form) in enumerate(case_plan()):
        specs.append((f"d{dims}-{index:03d}", draw_random_spec(index, kind, dims, form)))
    return specs


# Coverage.


def padding_form(spec):
    """Return the padding form of a spec: a rule name, integer, tuple, sides or pairs."""
    text = spec.padding_text
    if text in PADDING_RULES:
        return text
    if text.isdigit():
        return "integer"
    if text.startswith("("):
        return "tuple"
    if text.startswith("["):
        return "pairs"
    return "sides"


def case_features(spec, text):
    """Return the features of one case that the coverage check and the summary count."""
    geometry = resolve_geometry(spec)
    in_channels = spec.x.shape[1]
    return {
        "dims": spec.dims,
        "kind": spec.kind,
        "mode": spec.mode,
        "padding form": padding_form(spec),
        "groups": spec.groups,
        "depthwise": spec.groups > 1 and spec.groups == in_channels,
        "batch": spec.x.shape[0],
        "bias": spec.b is not None,
        "fractions": any(value.denominator != 1 for value in spec.dy.flat),
        "stride > 1": max(spec.strides) > 1,
        "stride 3": 3 in spec.strides,
        "stride tuple": "stride = (" in text,
        "dilation 2": 2 in spec.dilations,
        "dilation tuple": "dilation = (" in text,
        "padding omitted": "padding = " not in text,
        "mode written": "mode = " in text,
        "output padding > 0": max(spec.output_padding) > 0,
        "output padding >= stride": any(0 < stride <= extra for extra, stride in zip(spec.output_padding, spec.strides)),
        "sides left out": padding_form(spec) == "sides" and len(spec.padding_text.split()) < 4 * spec.dims,
        "asymmetric padding": any(begin != end for begin, end in geometry.padding),
    }


def check_coverage(features):
    """Raise AssertionError if the random draws missed a combination the tests rely on.

    The current seed covers all of them. A change to the draws, or a NumPy release with
    another random stream, could lose one without this check.
    """
    transposes = [f for f in features if f["kind"] == "transpose"]
    if len(transposes) < MINIMUM_TRANSPOSE_CASES:
        raise AssertionError(f"only {len(transposes)} transposed convolutions, at least {MINIMUM_TRANSPOSE_CASES} are required")
    with_output_padding = sum(f["output padding > 0"] for f in transposes)
    if with_output_padding < MINIMUM_TRANSPOSE_CASES:
        raise AssertionError(f"only {with_output_padding} transposed convolutions have output padding, at least {MINIMUM_TRANSPOSE_CASES} are required")

    for description, condition in coverage_requirements().items():
        if not any(condition(f) for f in features):
            raise AssertionError(f"no case covers {description}, choose another RANDOM_SEED")


def coverage_requirements():
    """Return a condition on one case's features for each combination that must occur."""
    def case_with(dims, kind, key, value=True):
        return lambda f: f["dims"] == dims and f["kind"] == kind and f[key] == value

    requirements = {}
    flags = ("depthwise", "bias", "fractions", "stride 3", "dilation 2", "asymmetric padding", "mode written")
    for dims in (1, 2, 3):
        for kind, forms in (("conv", CONV_PADDING_FORMS), ("transpose", TRANSPOSE_PADDING_FORMS)):
            for form in forms:
                requirements[f"{kind} with {form} padding in {dims}-D"] = case_with(dims, kind, "padding form", form)
            for mode in ("cross-correlation", "convolution") if kind == "conv" else ("cross-correlation",):
                requirements[f"{kind} in {mode} mode in {dims}-D"] = case_with(dims, kind, "mode", mode)
            for groups in (1, 2, 3):
                requirements[f"{kind} with groups {groups} in {dims}-D"] = case_with(dims, kind, "groups", groups)
            for flag in flags:
                requirements[f"{kind} with {flag} in {dims}-D"] = case_with(dims, kind, flag)
            requirements[f"{kind} with batch 2 in {dims}-D"] = case_with(dims, kind, "batch", 2)

        requirements[f"named sides left out in {dims}-D"] = case_with(dims, "conv", "sides left out")
        requirements[f"output padding >= stride in {dims}-D"] = case_with(dims, "transpose", "output padding >= stride")
        if dims > 1:
            requirements[f"stride tuple in {dims}-D"] = case_with(dims, "conv", "stride tuple")
            requirements[f"dilation tuple in {dims}-D"] = case_with(dims, "conv", "dilation tuple")

    requirements["a padding statement left out"] = lambda f: f["padding omitted"]
    return requirements


def print_summary(features, cases, float_cases):
    """Print the number of cases by each feature, for the README and for review."""
    print(f"{len(cases)} exact cases ({len(cases) - len(features)} regression, {len(features)} random), {len(float_cases)} float case")
    for key in ("dims", "kind", "mode", "padding form", "groups", "batch", "bias", "fractions", "depthwise", "output padding > 0"):
        counts = Counter(f[key] for f in features)
        print(f"  {key}: " + ", ".join(f"{value}: {counts[value]}" for value in sorted(counts)))
    by_kind = Counter((f["kind"], f["padding form"]) for f in features)
    print("  kind and padding form: " + ", ".join(f"{kind} {form}: {count}" for (kind, form), count in sorted(by_kind.items())))


# Output.


def main():
    regression = regression_specs()
    random = random_specs()
    names = [name for name, _ in regression + random]
    if len(set(names)) != len(names):
        raise AssertionError("duplicate case names")

    cases = []
    results = {}
    for name, text in regression + random:
        case, exact = compute_case(name, text)
        cases.append(case)
        results[name] = exact
    check_regression_values(results)

    features = [case_features(read_spec(text), text) for _, text in random]
    check_coverage(features)
    if len(cases) < MINIMUM_CASES:
        raise AssertionError(f"only {len(cases)} cases, at least {MINIMUM_CASES} are required")

    float_cases = [float_case()]
    document = {
        "generator": f"make_differential.py: JAX {jax.__version__} (float64) and exact Fraction loops, compared entry by entry",
        "cases": cases,
        "float_cases": float_cases,
    }
    text = reference.format_json(document) + "\n"
    if json.loads(text) != document:
        raise AssertionError("format_json output does not parse back to the same document")

    OUTPUT_PATH.write_text(text, encoding="utf-8")
    print_summary(features, cases, float_cases)
    print(f"wrote {len(cases)} cases and {len(float_cases)} float case to {OUTPUT_PATH}")


if __name__ == "__main__":
    main()
