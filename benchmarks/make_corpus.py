#!/usr/bin/env python3
"""Generate a corpus of convnote notes for the build-speed benchmark.

The notes resemble the ones in notes/ in size and content. Each has front matter, prose with
inline and display math, links to other notes, and two to eight spec blocks. The blocks mix
1-D, 2-D and 3-D convolutions, symbolic, exact and floating-point numbers, every padding form,
strides, dilations, channels, groups and transposed convolutions. Placeholders use selectors
and filters, and directives follow many blocks. Numeric blocks carry `expect` lines computed
here, so the corpus also exercises the checks.

The output depends only on --seed and --count: the same arguments write the same bytes.
Every note builds without errors, which build_speed.sh checks before timing.

Usage: make_corpus.py FOLDER [--count 200] [--seed 1]
"""

import argparse
import random
from pathlib import Path

SYMBOLIC_KERNELS = {
    (2, 2): "[a b\n     c d]",
    (1, 3): "[p q r]",
    (3, 3): "[a b c\n     d e f\n     g h i]",
}
BLOCK_WORDS = [
    "base", "shifted", "wide", "narrow", "strided", "dilated", "padded", "upper", "lower",
    "tall", "small", "large", "mixed", "sparse", "dense", "upstream", "grouped", "stamp",
    "decoder", "probe", "edge", "corner", "centre", "blur", "detector", "pooled",
]
TOPICS = [
    "padding", "stride", "dilation", "the input gradient", "the kernel gradient", "im2col",
    "the Jacobian", "channels", "groups", "the transposed convolution", "the output size",
    "the flipped kernel", "the stride remainder", "same padding", "floating point",
]
OPENINGS = [
    "This note follows {topic} through one small convolution after another.",
    "Most shape bugs in a network come down to {topic}, so this note takes it apart.",
    "A convolutional layer hides {topic} behind one function call; here it is written out.",
    "The examples below change one setting at a time and watch what {topic} does.",
]
CONNECTIVES = [
    "The same holds when", "Note that", "In the example above,", "Compare this with the case where",
    "It follows that", "Written with loops,", "Seen from the output side,", "For the backward pass,",
]
CLAUSES = [
    "every window of the padded input meets the kernel once",
    "the stride skips positions that the next window would reuse",
    "the upstream gradient gets stride minus one zeros between its entries",
    "the kernel is read backwards, from its last tap to its first",
    "padding adds room at the ends without adding weights",
    "the output shrinks by the kernel's reach minus one",
    "each output channel sums the correlations of every input channel",
    "a group reads only its own block of input channels",
    "the transposed convolution stamps one copy of the kernel per input entry",
    "the routes agree entry by entry, which the verification table records",
    "the Jacobian has one row per output entry and one column per input entry",
    "the last entries of the input are never read when the stride does not divide the room",
]
DISPLAY_FORMULAS = [
    r"m = \left\lfloor \frac{n + p_{\text{begin}} + p_{\text{end}} - d(k - 1) - 1}{s} \right\rfloor + 1.",
    r"\frac{\partial L}{\partial w_{mn}} = \sum_{i,j} \frac{\partial L}{\partial y_{ij}} \, \frac{\partial y_{ij}}{\partial w_{mn}}.",
    r"y_i = \sum_{m=1}^{k} w_m \, \tilde{x}_{s(i-1) + d(m-1) + 1}.",
    r"P = \max\bigl(0,\ (m - 1)\,s + d(k - 1) + 1 - n\bigr).",
    r"\frac{\partial L}{\partial x} = J^{\top} \frac{\partial L}{\partial y}, \qquad \langle J x, u \rangle = \langle x, J^{\top} u \rangle.",
    r"w^{\text{flip}}_{m'n'} = w_{K_1 + 1 - m',\, K_2 + 1 - n'}.",
    r"r = \bigl(n + p_{\text{begin}} + p_{\text{end}} - d(k - 1) - 1\bigr) \bmod s.",
    r"y[o, i] = b_o + \sum_{c=1}^{C_{\text{in}}} \sum_{m=1}^{k} w[o, c, m] \, x_{\text{pad}}[c, i + m - 1].",
    r"n_{\text{out}} = (n_{\text{in}} - 1)\, s - p_{\text{begin}} - p_{\text{end}} + d(k-1) + 1 + a.",
]
INLINE_MATH = [
    r"$\lceil n / s \rceil$", r"$d(k - 1) + 1$", r"$\partial L / \partial y$", r"$w_{\text{flip}}$",
    r"$X_{\text{col}}^{\top}$", r"$C_{\text{out}} \times C_{\text{in}} \times k$", r"$y = w * x + b$",
    r"$J^{\top} J$", r"$x_{11}$", r"$\frac{\partial L}{\partial x_{kl}}$", r"$s - 1$",
]


class Spec:
    """One generated spec block and the facts about it that the prose may use."""

    def __init__(self, name, lines, *, dims, y_shape, symbolic, transpose, numeric_x=None,
                 has_dilated=False, has_channels=False):
        self.name = name
        self.lines = lines
        self.dims = dims
        self.y_shape = y_shape
        self.symbolic = symbolic
        self.transpose = transpose
        self.numeric_x = numeric_x
        self.has_dilated = has_dilated
        self.has_channels = has_channels

    def text(self):
        header = "```conv" + (f" {self.name}" if self.name else "")
        return "\n".join([header, *self.lines, "```"])


def format_row(values):
    return " ".join(str(v) for v in values)


def matrix_literal(rows):
    """Format a matrix literal with one row per line, aligned under the opening bracket."""
    return "[" + "\n     ".join(format_row(row) for row in rows) + "]"


def resolve_padding(rng, stride, dilation, dims_count, axis_sizes, kernel_sizes):
    """Choose a padding form and return (statement or None, [(begin, end)] per axis)."""
    forms = ["valid", "full", "same", "same-start", "int", "tuple", "named", "pairs"]
    if dims_count == 1:
        forms.remove("tuple")
    form = rng.choice(forms)

    pads = []
    for size, kernel in zip(axis_sizes, kernel_sizes):
        reach = dilation * (kernel - 1)
        if form == "full":
            pads.append((reach, reach))
        elif form in ("same", "same-start"):
            outputs = -(-size // stride)
            total = max(0, (outputs - 1) * stride + reach + 1 - size)
            small, large = total // 2, total - total // 2
            pads.append((small, large) if form == "same" else (large, small))
        else:
            pads.append((0, 0))

    if form in ("valid", "full", "same", "same-start"):
        return f"padding = {form}", pads
    if form == "int":
        value = rng.randint(1, 2)
        return f"padding = {value}", [(value, value)] * dims_count
    if form == "tuple":
        values = [rng.randint(0, 2) for _ in range(dims_count)]
        return "padding = (" + ", ".join(map(str, values)) + ")", [(v, v) for v in values]
    if form == "pairs":
        pairs = [(rng.randint(0, 2), rng.randint(0, 2)) for _ in range(dims_count)]
        return "padding = [" + ", ".join(f"({b}, {e})" for b, e in pairs) + "]", pairs

    sides = {1: [("left", "right")], 2: [("top", "bottom"), ("left", "right")],
             3: [("front", "back"), ("top", "bottom"), ("left", "right")]}[dims_count]
    pairs = [(rng.randint(0, 2), rng.randint(0, 1)) for _ in range(dims_count)]
    words = []
    for (begin_name, end_name), (begin, end) in zip(sides, pairs):
        words += [f"{begin_name} {begin}", f"{end_name} {end}"]
    return "padding = " + " ".join(words), pairs


def output_length(size, kernel, stride, dilation, pad):
    room = size + pad[0] + pad[1] - dilation * (kernel - 1) - 1
    return None if room < 0 else room // stride + 1


def correlate(x, w, pads, stride, dilation):
    """Compute the cross-correlation of a 1-D list or a 2-D list of lists, and the input
    gradient for an all-ones upstream gradient, in exact integers as convnote does."""
    if not isinstance(x[0], list):
        y, dx = correlate([x], [w], [(0, 0)] + pads, (1, stride), (1, dilation))
        return y[0], dx[0]
    (top, bottom), (left, right) = pads
    stride_rows, stride_cols = stride
    dil_rows, dil_cols = dilation
    rows, cols = len(x), len(x[0])
    krows, kcols = len(w), len(w[0])
    out_rows = output_length(rows, krows, stride_rows, dil_rows, (top, bottom))
    out_cols = output_length(cols, kcols, stride_cols, dil_cols, (left, right))
    y = [[0] * out_cols for _ in range(out_rows)]
    dx = [[0] * cols for _ in range(rows)]
    for i in range(out_rows):
        for j in range(out_cols):
            for m in range(krows):
                for n in range(kcols):
                    r = i * stride_rows + m * dil_rows - top
                    c = j * stride_cols + n * dil_cols - left
                    if 0 <= r < rows and 0 <= c < cols:
                        y[i][j] += w[m][n] * x[r][c]
                        dx[r][c] += w[m][n]
    return y, dx


def literal(values):
    """Format a tensor literal in the `expect` form, with rows separated by `;`.

    A matrix of one row gets two bracket levels, because a plain `[...]` is a vector.
    """
    if not isinstance(values[0], list):
        return "[" + format_row(values) + "]"
    if len(values) == 1:
        return "[[" + format_row(values[0]) + "]]"
    return "[" + "; ".join(format_row(row) for row in values) + "]"


def shape_text(shape):
    return "x".join(map(str, shape))


def numeric_spec(rng, name, dims, base):
    """Generate an exact 1-D or 2-D single-channel spec with expectations computed here."""
    while True:
        if dims == 1:
            sizes = [rng.randint(4, 24)]
            kernels = [rng.randint(2, 7)]
        else:
            # Mostly the small examples of the notes, with some larger inputs.
            size = rng.choice([3, 4, 4, 5, 5, 6, 6, 8, 10, 12, 16])
            sizes = [size, rng.choice([size, size + 1, size + 2])]
            kernels = [rng.choice([1, 2, 3, 3, 5]), rng.choice([2, 3, 3])]
        stride = rng.choice([1, 1, 1, 2, 2, 3])
        dilation = rng.choice([1, 1, 1, 2])
        statement, pads = resolve_padding(rng, stride, dilation, dims, sizes, kernels)
        lengths = [output_length(s, k, stride, dilation, p) for s, k, p in zip(sizes, kernels, pads)]
        if None not in lengths:
            break

    lines = []
    start = rng.randint(-3, 2)
    if dims == 1:
        x = [start + i for i in range(sizes[0])]
        w = [rng.randint(-2, 4) for _ in range(kernels[0])]
        lines.append(f"x : {sizes[0]} = arange(start: {start})")
        lines.append("w = [" + format_row(w) + "]")
    else:
        x = [[start + r * sizes[1] + c for c in range(sizes[1])] for r in range(sizes[0])]
        w = [[rng.randint(-2, 4) for _ in range(kernels[1])] for _ in range(kernels[0])]
        if sizes[0] * sizes[1] <= 16 and rng.random() < 0.5:
            lines.append("x = " + matrix_literal(x))
        else:
            lines.append(f"x : {shape_text(sizes)} = arange(start: {start})")
        # A kernel of one row needs two bracket levels to stay 2-D.
        lines.append("w = " + (f"[[{format_row(w[0])}]]" if len(w) == 1 else matrix_literal(w)))
    if statement != "padding = valid" or rng.random() < 0.3:
        lines.append(statement)
    if stride > 1:
        lines.append(f"stride = {stride}")
    if dilation > 1:
        lines.append(f"dilation = {dilation}")

    strides = stride if dims == 1 else (stride, stride)
    dilations = dilation if dims == 1 else (dilation, dilation)
    y, dx = correlate(x, w, pads, strides, dilations)
    y_shape = [len(y)] if dims == 1 else [len(y), len(y[0])]
    if rng.random() < 0.4:
        lines.append("# the all-ones upstream gradient makes dL/dx count the weights that reach each entry")
    if len(y_shape) == 1 or y_shape[0] * y_shape[1] <= 30:
        lines.append(f"expect y = {literal(y)}")
    else:
        lines.append(f"expect y | shape = {shape_text(y_shape)}")
    if rng.random() < 0.6:
        lines.append(f"expect dL/dx = {literal(dx)}")
    if dims == 2 and rng.random() < 0.3:
        lines.append(f"expect y[{base},:] | sum = {sum(y[0])}")
    return Spec(name, lines, dims=dims, y_shape=y_shape, symbolic=False, transpose=False,
                numeric_x=x, has_dilated=stride > 1)


def symbolic_spec(rng, name):
    kernel = rng.choice(list(SYMBOLIC_KERNELS))
    if kernel == (1, 3):
        size = rng.randint(4, 7)
        lines = [f"x : {size} = symbols(x)", "w = " + SYMBOLIC_KERNELS[kernel]]
        stride = rng.choice([1, 2])
        statement, pads = resolve_padding(rng, stride, 1, 1, [size], [3])
        lines.append(statement)
        if stride > 1:
            lines.append(f"stride = {stride}")
        y_shape = [output_length(size, 3, stride, 1, pads[0])]
        dims = 1
    else:
        size = rng.choice([3, 4]) if kernel == (2, 2) else rng.choice([3, 4, 5])
        lines = [f"x : {size}x{size} = symbols(x)", "w = " + SYMBOLIC_KERNELS[kernel]]
        statement = rng.choice(["padding = same-start", "padding = same", "padding = valid", "padding = 1",
                                "padding = top 1 left 1 bottom 0 right 0"])
        lines.append(statement)
        if statement == "padding = 1":
            pad = (1, 1)
        elif statement == "padding = valid":
            pad = (0, 0)
        elif statement == "padding = top 1 left 1 bottom 0 right 0":
            pad = (1, 0)
        else:
            pad = None
        length = size if pad is None else output_length(size, kernel[0], 1, 1, pad)
        y_shape = [length, length]
        dims = 2
    if rng.random() < 0.4:
        lines.append("dL/dy = ones")
    lines.append(f"expect y | shape = {shape_text(y_shape)}")
    return Spec(name, lines, dims=dims, y_shape=y_shape, symbolic=True, transpose=False)


def channel_spec(rng, name):
    """Generate a multi-channel 2-D or small 3-D spec with random integers, bias and groups."""
    if rng.random() < 0.15:
        channels, size, kernel = rng.choice([(1, 4, 2), (2, 4, 3), (2, 5, 2)])
        outputs = rng.choice([1, 2])
        lines = [f"x : {channels}x{size}x{size}x{size} = random(seed: {rng.randint(0, 99)}, min: -2, max: 2)",
                 f"w : {outputs}x{channels}x{kernel}x{kernel}x{kernel} = arange(start: -1)",
                 "padding = 1"]
        length = output_length(size, kernel, 1, 1, (1, 1))
        y_shape = [outputs, length, length, length]
        return Spec(name, lines, dims=3, y_shape=y_shape, symbolic=False, transpose=False, has_channels=True)

    groups = rng.choice([1, 1, 2, 4])
    channels = groups * rng.choice([1, 2]) if groups > 1 else rng.choice([2, 3, 4])
    outputs = groups * rng.choice([1, 2]) if groups > 1 else rng.choice([2, 3, 4])
    # Mostly small, as in the notes, with an occasional layer-sized input.
    size = 32 if rng.random() < 0.05 else rng.choice([4, 6, 6, 8, 8, 12, 16])
    kernel = rng.choice([1, 3, 3, 5])
    stride = rng.choice([1, 1, 2])
    batch = rng.choice([None, None, None, 2])
    shape = ([batch] if batch else []) + [channels, size, size]
    lines = [f"x : {shape_text(shape)} = random(seed: {rng.randint(0, 999)}, min: -3, max: 3)",
             f"w : {outputs}x{channels // groups}x{kernel}x{kernel} = random(seed: {rng.randint(0, 999)})"]
    pad = kernel // 2
    lines.append(f"padding = {pad}" if rng.random() < 0.5 else "padding = same")
    if lines[-1] == "padding = same":
        length = -(-size // stride)
    else:
        length = output_length(size, kernel, stride, 1, (pad, pad))
    if stride > 1:
        lines.append(f"stride = {stride}")
    if groups > 1:
        lines.append(f"groups = {groups}")
    if rng.random() < 0.5:
        lines.append("b = [" + format_row(rng.randint(-2, 2) for _ in range(outputs)) + "]")
    if rng.random() < 0.4:
        lines.append(f"dL/dy = random(seed: {rng.randint(0, 99)}, min: -1, max: 1)")
    y_shape = ([batch] if batch else []) + [outputs, length, length]
    lines.append(f"expect y | shape = {shape_text(y_shape)}")
    lines.append(f"expect w_flip | shape = {channels}x{outputs // groups}x{kernel}x{kernel}")
    return Spec(name, lines, dims=2, y_shape=y_shape, symbolic=False, transpose=False,
                has_dilated=stride > 1, has_channels=True)


def float_spec(rng, name):
    size = rng.choice([4, 5, 6, 8, 10])
    kernel = rng.choice([2, 3])
    lines = ["numbers = float",
             f"x : {size}x{size} = uniform(seed: {rng.randint(0, 999)})",
             f"w : {kernel}x{kernel} = uniform(seed: {rng.randint(0, 999)})",
             "padding = same"]
    if rng.random() < 0.5:
        lines.append(f"digits = {rng.choice([3, 5, 6])}")
    if rng.random() < 0.3:
        lines.append("tolerance = 1e-8")
    lines.append(f"expect y | shape = {size}x{size}")
    return Spec(name, lines, dims=2, y_shape=[size, size], symbolic=False, transpose=False)


def transpose_spec(rng, name):
    if rng.random() < 0.3:
        lines = ["kind = transpose", "x = [a b]", "w = [p q r]", "stride = 2"]
        return Spec(name, lines + ["expect y | shape = 5"], dims=1, y_shape=[5], symbolic=True, transpose=True)
    size = rng.choice([2, 3, 4])
    kernel = rng.choice([2, 3])
    stride = rng.choice([1, 2, 3])
    pad = rng.choice([0, 1]) if kernel == 3 else 0
    extra = rng.randint(0, stride - 1) if stride > 1 else 0
    values = [[rng.randint(-2, 3) for _ in range(size)] for _ in range(size)]
    lines = ["kind = transpose", "x = " + matrix_literal(values),
             f"w : {kernel}x{kernel} = arange(start: 1)", f"stride = {stride}"]
    if pad:
        lines.append(f"padding = {pad}")
    if extra:
        lines.append(f"output-padding = {extra}")
    length = (size - 1) * stride - 2 * pad + (kernel - 1) + 1 + extra
    lines.append(f"expect y | shape = {length}x{length}")
    return Spec(name, lines, dims=2, y_shape=[length, length], symbolic=False, transpose=True)


def make_spec(rng, name, base):
    kind = rng.choices(["numeric1", "numeric2", "symbolic", "channels", "float", "transpose"],
                       weights=[3, 5, 2, 2, 1, 1])[0]
    if kind == "numeric1":
        return numeric_spec(rng, name, 1, base)
    if kind == "numeric2":
        return numeric_spec(rng, name, 2, base)
    if kind == "symbolic":
        return symbolic_spec(rng, name)
    if kind == "channels":
        return channel_spec(rng, name)
    if kind == "float":
        return float_spec(rng, name)
    return transpose_spec(rng, name)


def entry_selector(rng, spec, base):
    """Pick a selector of one entry of y, in the note's index base."""
    return "[" + ",".join(str(rng.randrange(n) + base) for n in spec.y_shape) + "]"


def sentence(rng, clause=None):
    text = f"{rng.choice(CONNECTIVES)} {clause or rng.choice(CLAUSES)}"
    if rng.random() < 0.5:
        text += f", and {rng.choice(INLINE_MATH)} shows it"
    return text + "."


def paragraph(rng, sentences, opening=None):
    """Join distinct sentences into unwrapped prose, after an optional opening sentence."""
    text = " ".join(sentence(rng, clause) for clause in rng.sample(CLAUSES, sentences))
    return f"{opening} {text}" if opening else text


def wrap(text, width=95):
    """Wrap prose at spaces, as the notes are wrapped. A line may break inside math, as in
    the notes, but never inside a placeholder, which must close on its own line."""
    lines, current = [], ""
    for word in text.split(" "):
        # Placeholders are written `{{ NAME }}` with spaces, which TeX groups such as
        # `{\text{pad}}` do not have.
        inside_placeholder = f"{current} ".count("{{ ") > f" {current}".count(" }}")
        if current and len(current) + 1 + len(word) > width and not inside_placeholder:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def placeholder_prose(rng, spec, base, qualify):
    """Write sentences that fill quantities of `spec` into the prose, about as many per
    block as the notes in notes/ have."""
    prefix = f"{spec.name}." if qualify and spec.name else ""
    selector = entry_selector(rng, spec, base)
    expand = f"$y = {{{{ {prefix}y{selector} | expand }}}} = {{{{ {prefix}y{selector} }}}}$"
    if spec.has_channels:
        # As in the notes, a layer with channels is described by its shapes and single
        # entries: written out whole, its tensors would fill pages.
        return wrap(f"The output has shape ${{{{ {prefix}y | shape }}}}$. One entry worked out: {expand}.")

    parts = [f"The output is $y = {{{{ {prefix}y }}}}$."]
    if rng.random() < 0.5:
        parts.append(f"It has shape ${{{{ {prefix}y | shape }}}}$.")
    if rng.random() < 0.6:
        parts.append(f"One entry worked out: {expand}.")
    if not spec.transpose and max(spec.y_shape) <= 8 and rng.random() < 0.25:
        parts.append(f"The padded input is $x_{{\\text{{pad}}}} = {{{{ {prefix}x_pad }}}}$.")
    if rng.random() < 0.25:
        parts.append(f"The input gradient is {{{{ {prefix}dL/dx }}}}.")
    if rng.random() < 0.15:
        parts.append(f"The kernel gradient is $\\frac{{\\partial L}}{{\\partial w}} = {{{{ {prefix}dL/dw }}}}$.")
    if rng.random() < 0.15 and not spec.transpose:
        parts.append(f"The flipped kernel is $w_{{\\text{{flip}}}} = {{{{ {prefix}w_flip }}}}$.")
    if rng.random() < 0.1:
        parts.append(f"$X_{{\\text{{col}}}}$ has shape ${{{{ {prefix}X_col | shape }}}}$.")
    if spec.has_dilated and rng.random() < 0.3:
        parts.append("With the stride, the upstream gradient gets zeros between its entries: "
                     f"$\\left(\\frac{{\\partial L}}{{\\partial y}}\\right)_{{\\text{{dilated}}}} = {{{{ {prefix}dL/dy_dilated }}}}$.")
    if rng.random() < 0.15 and not spec.symbolic and len(spec.y_shape) <= 2:
        parts.append(f"Summed over the first row, $\\sum_j y_{{1j}} = {{{{ {prefix}y[{base},:] | sum }}}}$."
                     if len(spec.y_shape) == 2 else f"In total, $\\sum_i y_i = {{{{ {prefix}y | sum }}}}$.")
    return wrap(" ".join(parts))


def directive(rng, spec, qualify):
    target = f" for {spec.name}" if qualify and spec.name else ""
    if spec.transpose:
        choices = ["explain transpose", "explain jacobian", "verify"]
    else:
        choices = ["explain forward", "explain im2col", "explain weight-gradient", "explain input-gradient",
                   "explain jacobian", "explain transpose", "verify"]
        if max(spec.y_shape) <= 4 and not spec.has_channels:
            choices.append("explain all")
    if not spec.symbolic:
        choices.append("frameworks")
    return f"{{{{ {rng.choice(choices)}{target} }}}}"


def make_note(rng, index, count):
    topic = rng.choice(TOPICS)
    base = 0 if rng.random() < 0.15 else 1
    title = f"{topic[0].upper()}{topic[1:]}, case {index + 1}"
    front = ["---", f"title: {title}",
             f"summary: Generated note {index + 1} of {count} about {topic}, for the build-speed benchmark."]
    if base == 0:
        front.append("index-base: 0")
    front.append("---")
    parts = ["\n".join(front), f"# {title}", wrap(paragraph(rng, 4, opening=rng.choice(OPENINGS).format(topic=topic)))]

    neighbours = sorted({(index + offset) % count for offset in (-1, 1, 7)} - {index})
    links = ", ".join(f"[note {n + 1}](note-{n + 1:03d}.md)" for n in neighbours)
    parts.append(f"See also {links}.")

    specs = []
    used_names = set()
    for number in range(rng.randint(2, 8)):
        word = rng.choice(BLOCK_WORDS)
        name = word if word not in used_names else f"{word}_{number}"
        if rng.random() < 0.15:
            name = None
        else:
            used_names.add(name)
        spec = make_spec(rng, name, base)

        parts.append(f"## {rng.choice(['An', 'One more', 'Another', 'The next'])} example: {rng.choice(TOPICS)}")
        parts.append(wrap(paragraph(rng, rng.randint(3, 6))))
        if rng.random() < 0.5:
            parts.append("$$" + rng.choice(DISPLAY_FORMULAS) + "$$")
        parts.append(spec.text())
        parts.append(placeholder_prose(rng, spec, base, qualify=False))
        if rng.random() < 0.3:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))))
        if rng.random() < 0.5:
            parts.append(directive(rng, spec, qualify=False))
        if specs and rng.random() < 0.2:
            earlier = rng.choice([s for s in specs if s.name] or [None])
            if earlier is not None:
                parts.append(placeholder_prose(rng, earlier, base, qualify=True))
        specs.append(spec)

    if rng.random() < 0.3:
        parts.append("| setting | effect |\n|---|---|\n| `stride` | divides the room |\n"
                     "| `dilation` | spreads the taps |\n| `padding` | adds room |")
    parts.append("## Verification")
    for spec in specs:
        if spec.name:
            parts.append(f"For `{spec.name}`:")
            parts.append(f"{{{{ verify for {spec.name} }}}}")
    return "\n\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Generate notes for the convnote build-speed benchmark.")
    parser.add_argument("folder", type=Path, help="the folder to write note-001.md ... into; created if missing")
    parser.add_argument("--count", type=int, default=200, help="the number of notes (default: 200)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default: 1)")
    arguments = parser.parse_args()

    rng = random.Random(arguments.seed)
    arguments.folder.mkdir(parents=True, exist_ok=True)
    for index in range(arguments.count):
        note = make_note(rng, index, arguments.count)
        (arguments.folder / f"note-{index + 1:03d}.md").write_text(note, encoding="utf-8")
    print(f"make_corpus: wrote {arguments.count} notes to {arguments.folder}")


if __name__ == "__main__":
    main()
