"""Weight initializers of ``tf.contrib.layers`` (xavier, variance scaling).

    w = get_variable("w", [256, 128], initializer=xavier_initializer())

They are TF1-style callables ``init(shape, dtype=..., partition_info=None)``
and draw with TF1's op-seeded random ops, so in a TF1 graph with a graph seed
they give TF1's numbers.
"""
from __future__ import annotations

import math

import tensorflow as tf

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"]


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    """Glorot initialization: ``U(-x, x)`` with ``x = sqrt(6 / (fan_in + fan_out))``.

    With ``uniform=False`` a truncated normal of the same variance.
    """
    return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed,
                                        dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def _fans(shape):
    # Conv kernels are [spatial..., in, out]: the receptive field multiplies both fans.
    if shape:
        fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
        fan_out = float(shape[-1])
    else:
        fan_in = fan_out = 1.0
    for dim in shape[:-2]:
        fan_in *= float(dim)
        fan_out *= float(dim)
    return fan_in, fan_out


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=tf.float32):
    """He/MSRA by default: stddev ``sqrt(factor / n)``, n = fan_in, fan_out or their mean.

    ``uniform=False`` draws a truncated normal with stddev ``sqrt(1.3 * factor / n)``
    (TF1's correction for the truncation); ``uniform=True`` draws from
    ``U(-sqrt(3 * factor / n), +...)``.
    """
    dtype = tf.as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError("Cannot create initializer for non-floating point type.")
    if mode not in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
        raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]" % mode)

    @tf.autograph.experimental.do_not_convert
    def _initializer(shape, dtype=dtype, partition_info=None):
        dtype = tf.as_dtype(dtype)
        if not dtype.is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        shape = [int(d) for d in shape]
        fan_in, fan_out = _fans(shape)
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[mode]
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return tf.random.uniform(shape, -limit, limit, dtype, seed=seed)
        trunc_stddev = math.sqrt(1.3 * factor / n)
        return tf.random.truncated_normal(shape, 0.0, trunc_stddev, dtype, seed=seed)

    return _initializer
