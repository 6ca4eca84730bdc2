"""Transposed convolutions that keep TF 1.15's static output shape.

TF 1.15 took a transposed convolution's static shape from a constant ``output_shape``; TF 2.21
leaves the batch dimension unknown when the input's is, so TF1 code such as
``tf.reshape(y, y.get_shape())`` fails in a graph or under ``tf.function``.  These functions
take ``tf.compat.v1.nn``'s arguments, call it, and set the static shape from ``output_shape``
where that is known before run time::

    y = unscope.conv2d_transpose(x, w, [4, 8, 8, 3], [1, 2, 2, 1], "SAME")
    y.shape      # (4, 8, 8, 3) for an input of shape (None, 4, 4, 2)
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["conv1d_transpose", "conv2d_transpose", "conv3d_transpose", "atrous_conv2d_transpose"]

_OUTPUT_SHAPE = 2   # position of output_shape in each TF1 signature


def static_output_shape(output_shape) -> list | None:
    """The entries of ``output_shape`` known before run time (None where unknown), or None."""
    if isinstance(output_shape, (list, tuple)):
        dims = []
        for d in output_shape:
            value = d if isinstance(d, int) else tf.get_static_value(d)
            dims.append(None if value is None else int(value))
        return dims
    value = tf.get_static_value(output_shape)
    return None if value is None else [int(d) for d in value]


def _keeping_shape(op):
    def wrapper(*args, **kwargs):
        y = op(*args, **kwargs)
        output_shape = args[_OUTPUT_SHAPE] if len(args) > _OUTPUT_SHAPE else kwargs.get("output_shape")
        if not tf.executing_eagerly() and output_shape is not None:
            dims = static_output_shape(output_shape)
            if dims is not None:
                y.set_shape(dims)
        return y

    wrapper.__name__ = op.__name__
    wrapper.__doc__ = (f"``tf.compat.v1.nn.{op.__name__}`` with TF 1.15's static output shape "
                       "(see :mod:`unscope.runtime.shapes`).")
    return wrapper


conv1d_transpose = _keeping_shape(tf.compat.v1.nn.conv1d_transpose)
conv2d_transpose = _keeping_shape(tf.compat.v1.nn.conv2d_transpose)
conv3d_transpose = _keeping_shape(tf.compat.v1.nn.conv3d_transpose)
atrous_conv2d_transpose = _keeping_shape(tf.compat.v1.nn.atrous_conv2d_transpose)
