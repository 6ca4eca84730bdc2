"""Weight initializers of ``tf.contrib.layers`` (xavier, variance scaling).

    w = get_variable("w", [256, 128], initializer=xavier_initializer())

They are TF1-style callables ``init(shape, dtype=..., partition_info=None)``
and draw with TF1's op-seeded random ops, so in a TF1 graph with a graph seed
they give TF1's numbers.
"""
from __future__ import annotations

import tensorflow as tf

from unscope.nn import initializers

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"]


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    """Glorot initialization: ``U(-x, x)`` with ``x = sqrt(6 / (fan_in + fan_out))``.

    With ``uniform=False`` a truncated normal of the same variance.
    """
    return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed,
                                        dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=tf.float32):
    """He/MSRA by default: stddev ``sqrt(factor / n)``, n = fan_in, fan_out or their mean.

    ``uniform=False`` draws a truncated normal with stddev ``sqrt(1.3 * factor / n)``
    (TF1's correction for the truncation); ``uniform=True`` draws from
    ``U(-sqrt(3 * factor / n), +...)``.
    """
    return initializers.contrib_variance_scaling(factor, mode, uniform, seed, dtype)
