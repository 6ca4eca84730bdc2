"""Max and average pooling, 1-D to 3-D (TF1 ``tf.layers``); they create no variables.

As in TF1, ``strides`` has no default.  Each call still opens a variable scope
(``max_pooling2d``, ``max_pooling2d_1``, ...), so later default names match TF1's.

>>> h = unscope.layers.max_pooling2d(h, pool_size=2, strides=2)
"""
from __future__ import annotations

import tensorflow as tf

from unscope.layers import _args
from unscope.layers.base import InputSpec, Layer


class _Pooling(Layer):
    _rank = None
    _op = None  # "max" or "avg"

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        if strides is None:
            raise ValueError("Argument `strides` must not be None.")
        super().__init__(name=name, **kwargs)
        rank = self._rank
        self.pool_size = _args.normalize_tuple(pool_size, rank, "pool_size")
        self.strides = _args.normalize_tuple(strides, rank, "strides")
        self.padding = _args.normalize_padding(padding)
        self.data_format = _args.normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=rank + 2)

    def compute_output_shape(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = range(2, self._rank + 2) if first else range(1, self._rank + 1)
        for i, axis in enumerate(spatial):
            shape[axis] = _args.conv_output_length(shape[axis], self.pool_size[i], self.padding,
                                                   self.strides[i])
        return tf.TensorShape(shape)

    def call(self, inputs):
        padding = self.padding.upper()
        if self._rank == 3:
            # TF1 pooled 3-D inputs channels-last, transposing channels_first around the op.
            first = self.data_format == "channels_first"
            if first:
                inputs = tf.transpose(inputs, (0, 2, 3, 4, 1))
            pool = tf.nn.max_pool3d if self._op == "max" else tf.nn.avg_pool3d
            outputs = pool(inputs, ksize=(1,) + self.pool_size + (1,),
                           strides=(1,) + self.strides + (1,), padding=padding)
            return tf.transpose(outputs, (0, 4, 1, 2, 3)) if first else outputs
        pool = tf.compat.v1.nn.max_pool if self._op == "max" else tf.compat.v1.nn.avg_pool
        pool_size, strides = self.pool_size, self.strides
        axis = None
        if self._rank == 1:
            # TF1 pooled 1-D inputs as 2-D ones of width 1.
            axis = 2 if self.data_format == "channels_last" else 3
            inputs = tf.expand_dims(inputs, axis)
            pool_size, strides = pool_size + (1,), strides + (1,)
        if self.data_format == "channels_last":
            ksize, strides = (1, *pool_size, 1), (1, *strides, 1)
        else:
            ksize, strides = (1, 1, *pool_size), (1, 1, *strides)
        outputs = pool(inputs, ksize=ksize, strides=strides, padding=padding,
                       data_format=_args.tf_data_format(self.data_format, 4))
        return outputs if axis is None else tf.squeeze(outputs, axis)


class MaxPooling1D(_Pooling):
    """Max pooling over 1-D inputs ``(batch, steps, channels)``."""

    _rank, _op = 1, "max"


class MaxPooling2D(_Pooling):
    """Max pooling over 2-D inputs (``NHWC``, or ``NCHW`` with ``channels_first``)."""

    _rank, _op = 2, "max"


class MaxPooling3D(_Pooling):
    """Max pooling over 3-D inputs (``NDHWC``, or ``NCDHW`` with ``channels_first``)."""

    _rank, _op = 3, "max"


class AveragePooling1D(_Pooling):
    """Average pooling over 1-D inputs."""

    _rank, _op = 1, "avg"


class AveragePooling2D(_Pooling):
    """Average pooling over 2-D inputs."""

    _rank, _op = 2, "avg"


class AveragePooling3D(_Pooling):
    """Average pooling over 3-D inputs."""

    _rank, _op = 3, "avg"


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """TF1 ``tf.layers.max_pooling1d``."""
    return MaxPooling1D(pool_size, strides, padding, data_format, name=name)(inputs)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """TF1 ``tf.layers.max_pooling2d``."""
    return MaxPooling2D(pool_size, strides, padding, data_format, name=name)(inputs)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """TF1 ``tf.layers.max_pooling3d``."""
    return MaxPooling3D(pool_size, strides, padding, data_format, name=name)(inputs)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """TF1 ``tf.layers.average_pooling1d``."""
    return AveragePooling1D(pool_size, strides, padding, data_format, name=name)(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """TF1 ``tf.layers.average_pooling2d``."""
    return AveragePooling2D(pool_size, strides, padding, data_format, name=name)(inputs)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """TF1 ``tf.layers.average_pooling3d``."""
    return AveragePooling3D(pool_size, strides, padding, data_format, name=name)(inputs)
