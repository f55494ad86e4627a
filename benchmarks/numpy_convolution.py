"""Times the NumPy baseline of docs/benchmarks.md: the same workloads as convnote-benchmark.

The forward pass and both gradients by im2col and matrix products in float64, for a
1x16x64x64 input and a 32x16x3x3 kernel with padding 1, and the same three products for a
512x512 integer input with a 3x3 kernel. Prints the median of the runs in milliseconds.
"""

import time

import numpy as np


def im2col(x_padded, kernel, out):
    """Returns (C*kh*kw, N*oh*ow): one column per output position, as convnote's X_col."""
    n, c, _, _ = x_padded.shape
    kh, kw = kernel
    oh, ow = out
    columns = np.empty((c, kh, kw, n, oh, ow), dtype=x_padded.dtype)
    for i in range(kh):
        for j in range(kw):
            columns[:, i, j] = x_padded[:, :, i:i + oh, j:j + ow].transpose(1, 0, 2, 3)
    return columns.reshape(c * kh * kw, n * oh * ow)


def col2im(columns, shape, kernel, out, pad):
    """Adds each column entry back to the input position it came from, then crops the padding."""
    n, c, h, w = shape
    kh, kw = kernel
    oh, ow = out
    padded = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=columns.dtype)
    blocks = columns.reshape(c, kh, kw, n, oh, ow)
    for i in range(kh):
        for j in range(kw):
            padded[:, :, i:i + oh, j:j + ow] += blocks[:, i, j].transpose(1, 0, 2, 3)
    return padded[:, :, pad:pad + h, pad:pad + w]


def forward_and_gradients(x, w, dy, pad):
    """y, dL/dw and dL/dx by the routes convnote's PrimaryRoutes use."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    x_padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    columns = im2col(x_padded, (kh, kw), (oh, ow))
    w_row = w.reshape(o, -1)
    y = (w_row @ columns).reshape(o, n, oh, ow).transpose(1, 0, 2, 3)
    dy_row = dy.transpose(1, 0, 2, 3).reshape(o, -1)
    dw = (dy_row @ columns.T).reshape(w.shape)
    dx = col2im(w_row.T @ dy_row, x.shape, (kh, kw), (oh, ow), pad)
    return y, dw, dx


def median_milliseconds(runs, body):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[runs // 2]


def main():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (1, 16, 64, 64))
    w = rng.uniform(-1, 1, (32, 16, 3, 3))
    dy = rng.uniform(-1, 1, (1, 32, 64, 64))
    elapsed = median_milliseconds(21, lambda: forward_and_gradients(x, w, dy, 1))
    print(f"forward+gradients float64 1x16x64x64 * 32x16x3x3: {elapsed:.2f} ms")

    x = rng.integers(-3, 4, (1, 1, 512, 512))
    w = rng.integers(-3, 4, (1, 1, 3, 3))
    dy = rng.integers(-3, 4, (1, 1, 512, 512))
    elapsed = median_milliseconds(5, lambda: forward_and_gradients(x, w, dy, 1))
    print(f"forward+gradients int64 512x512 * 3x3: {elapsed:.2f} ms")


if __name__ == "__main__":
    main()
