"""TF1's weight initializers, exactly, on TF2 core random ops.

Native output names these where TF1 code named `tf.truncated_normal_initializer`,
`tf.orthogonal_initializer`, `tf.contrib.layers.xavier_initializer`, ...:

    w = nn.variable("net/w", [256, 128], initializer=nn.initializers.truncated_normal(stddev=0.02))

Each is a TF1-style callable `init(shape, dtype=tf.float32, partition_info=None)` drawing with
TF's stateful random ops, so it honours `tf.random.set_seed` and an op-level `seed=` (two fresh
processes with the same seeds build identical values) -- Keras 3's `tf.initializers.*` ignore
`tf.random.set_seed`.  Distributions, fans (conv kernels count their receptive field) and the
truncation correction are TF 1.15's.

This file needs only TensorFlow and the standard library (`--vendor` copies it).
"""
from __future__ import annotations

import math

import tensorflow as tf

__all__ = [
    "random_normal", "random_uniform", "truncated_normal", "uniform_unit_scaling",
    "variance_scaling", "glorot_uniform", "glorot_normal", "he_normal", "he_uniform",
    "lecun_normal", "lecun_uniform", "orthogonal", "identity", "xavier",
    "contrib_variance_scaling",
]

# stddev of a unit normal truncated to [-2, 2]: TF1 divides by it so the truncated draw keeps
# the variance asked for.
_TRUNCATED_STDDEV = .87962566103423978


def _dims(shape):
    return [int(d) for d in shape]


def _float_dtype(dtype, what):
    dtype = tf.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_complex):
        raise ValueError(f"{what}: expected a floating point dtype, got {dtype.name}")
    return dtype


class _Initializer:
    """Base: a callable with TF1's signature and a readable repr."""

    def __init__(self, dtype=tf.float32):
        self.dtype = tf.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k != "dtype")
        return f"{type(self).__name__}({args})"


class random_normal(_Initializer):  # noqa: N801 - TF1's spelling
    """`tf.random_normal_initializer(mean, stddev, seed)`."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=tf.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _float_dtype(dtype or self.dtype, "random_normal")
        return tf.random.normal(_dims(shape), self.mean, self.stddev, dtype, seed=self.seed)


class random_uniform(_Initializer):  # noqa: N801
    """`tf.random_uniform_initializer(minval, maxval, seed)`; maxval None is 1 for floats."""

    def __init__(self, minval=0, maxval=None, seed=None, dtype=tf.float32):
        super().__init__(dtype)
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = tf.as_dtype(dtype or self.dtype)
        maxval = self.maxval
        if maxval is None and dtype.is_floating:
            maxval = 1.0
        return tf.random.uniform(_dims(shape), self.minval, maxval, dtype, seed=self.seed)


class truncated_normal(_Initializer):  # noqa: N801
    """`tf.truncated_normal_initializer(mean, stddev, seed)`: redrawn beyond 2 stddev."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=tf.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _float_dtype(dtype or self.dtype, "truncated_normal")
        return tf.random.truncated_normal(_dims(shape), self.mean, self.stddev, dtype, seed=self.seed)


class uniform_unit_scaling(_Initializer):  # noqa: N801
    """`tf.uniform_unit_scaling_initializer(factor, seed)`: U(-m, m), m = factor * sqrt(3 / fan_in)."""

    def __init__(self, factor=1.0, seed=None, dtype=tf.float32):
        super().__init__(dtype)
        self.factor, self.seed = factor, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _float_dtype(dtype or self.dtype, "uniform_unit_scaling")
        full = partition_info.full_shape if partition_info is not None else shape
        input_size = 1.0
        for dim in _dims(full)[:-1]:
            input_size *= float(dim)
        max_val = math.sqrt(3 / max(1.0, input_size)) * self.factor
        return tf.random.uniform(_dims(shape), -max_val, max_val, dtype, seed=self.seed)


def _fans(shape):
    """TF1's `_compute_fans`: conv kernels `[spatial..., in, out]` count the receptive field."""
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class variance_scaling(_Initializer):  # noqa: N801
    """`tf.variance_scaling_initializer(scale, mode, distribution, seed)` (core TF1).

    `distribution` "truncated_normal" (and TF1's old alias "normal") draws a truncated normal
    whose stddev is corrected for the truncation; "untruncated_normal" a plain normal;
    "uniform" U(-sqrt(3 scale'), sqrt(3 scale')), scale' = scale / max(1, fan).
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 dtype=tf.float32):
        if scale <= 0.:
            raise ValueError("`scale` must be positive float.")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError("Invalid `mode` argument:", mode)
        distribution = distribution.lower()
        if distribution not in {"normal", "uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError("Invalid `distribution` argument:", distribution)
        super().__init__(dtype)
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _float_dtype(dtype or self.dtype, "variance_scaling")
        full = _dims(partition_info.full_shape if partition_info is not None else shape)
        fan_in, fan_out = _fans(full)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.}[self.mode]
        scale = self.scale / max(1., fan)
        dims = _dims(shape)
        if self.distribution in ("normal", "truncated_normal"):
            stddev = math.sqrt(scale) / _TRUNCATED_STDDEV
            return tf.random.truncated_normal(dims, 0.0, stddev, dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return tf.random.normal(dims, 0.0, math.sqrt(scale), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return tf.random.uniform(dims, -limit, limit, dtype, seed=self.seed)


def glorot_uniform(seed=None, dtype=tf.float32):
    """`tf.glorot_uniform_initializer` (TF1's default for float variables)."""
    return variance_scaling(1.0, "fan_avg", "uniform", seed, dtype)


def glorot_normal(seed=None, dtype=tf.float32):
    """`tf.glorot_normal_initializer`."""
    return variance_scaling(1.0, "fan_avg", "truncated_normal", seed, dtype)


def he_normal(seed=None):
    """TF1's `tf.initializers.he_normal`."""
    return variance_scaling(2.0, "fan_in", "truncated_normal", seed)


def he_uniform(seed=None):
    """TF1's `tf.initializers.he_uniform`."""
    return variance_scaling(2.0, "fan_in", "uniform", seed)


def lecun_normal(seed=None):
    """TF1's `tf.initializers.lecun_normal`."""
    return variance_scaling(1.0, "fan_in", "truncated_normal", seed)


def lecun_uniform(seed=None):
    """TF1's `tf.initializers.lecun_uniform`."""
    return variance_scaling(1.0, "fan_in", "uniform", seed)


class orthogonal(_Initializer):  # noqa: N801
    """`tf.orthogonal_initializer(gain, seed)`: QR of a normal draw, signs fixed by diag(r)."""

    def __init__(self, gain=1.0, seed=None, dtype=tf.float32):
        super().__init__(dtype)
        self.gain, self.seed = gain, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = _float_dtype(dtype or self.dtype, "orthogonal")
        dims = _dims(shape)
        if len(dims) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional")
        num_rows = math.prod(dims[:-1])
        num_cols = dims[-1]
        flat = (num_cols, num_rows) if num_rows < num_cols else (num_rows, num_cols)
        a = tf.random.normal(flat, dtype=dtype, seed=self.seed)
        q, r = tf.linalg.qr(a, full_matrices=False)
        q *= tf.sign(tf.linalg.diag_part(r))
        if num_rows < num_cols:
            q = tf.linalg.matrix_transpose(q)
        return self.gain * tf.reshape(q, dims)


class identity(_Initializer):  # noqa: N801
    """`tf.initializers.identity(gain)`: the identity matrix (2-D shapes only)."""

    def __init__(self, gain=1.0, dtype=tf.float32):
        super().__init__(dtype)
        self.gain = gain

    def __call__(self, shape, dtype=None, partition_info=None):
        dims = _dims(partition_info.full_shape if partition_info is not None else shape)
        if len(dims) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        dtype = tf.as_dtype(dtype or self.dtype)
        return self.gain * tf.eye(dims[0], dims[1], dtype=dtype)


class contrib_variance_scaling(_Initializer):  # noqa: N801
    """`tf.contrib.layers.variance_scaling_initializer(factor, mode, uniform, seed)` (He by default).

    Its own fans (not core TF's): `fan_in = shape[-2]` (`shape[-1]` for vectors), both times
    the receptive field; truncated normal stddev `sqrt(1.3 * factor / n)`.
    """

    def __init__(self, factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype=tf.float32):
        if not tf.as_dtype(dtype).is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        if mode not in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
            raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]" % mode)
        super().__init__(dtype)
        self.factor, self.mode, self.uniform, self.seed = factor, mode, uniform, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = tf.as_dtype(dtype or self.dtype)
        if not dtype.is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        dims = _dims(shape)
        if dims:
            fan_in = float(dims[-2]) if len(dims) > 1 else float(dims[-1])
            fan_out = float(dims[-1])
        else:
            fan_in = fan_out = 1.0
        for dim in dims[:-2]:
            fan_in *= float(dim)
            fan_out *= float(dim)
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[self.mode]
        if self.uniform:
            limit = math.sqrt(3.0 * self.factor / n)
            return tf.random.uniform(dims, -limit, limit, dtype, seed=self.seed)
        stddev = math.sqrt(1.3 * self.factor / n)
        return tf.random.truncated_normal(dims, 0.0, stddev, dtype, seed=self.seed)


def xavier(uniform=True, seed=None, dtype=tf.float32):
    """`tf.contrib.layers.xavier_initializer(uniform, seed)`."""
    return contrib_variance_scaling(1.0, "FAN_AVG", uniform, seed, dtype)
