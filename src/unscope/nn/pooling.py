"""Pooling layers with TF1 `tf.layers` semantics (no variables).

    pool = MaxPooling2D(pool_size=2, strides=2, name="model/pool1")
    y = pool(x)

`MaxPooling1D/2D/3D` and `AveragePooling1D/2D/3D(pool_size, strides, padding="valid",
data_format="channels_last")`: like TF1, `strides` is required.
"""
from __future__ import annotations

import tensorflow as tf

from .args import normalize_data_format, normalize_padding, normalize_tuple, tf_data_format
from .module import Module

__all__ = ["MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
           "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"]


class _Pooling(Module):
    _RANK = 2
    _OP = None

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None):
        if name is None:  # TF1's default layer names: max_pooling2d, average_pooling1d, ...
            kind = "max" if self._OP.startswith("max") else "average"
            name = f"{kind}_pooling{self._RANK}d"
        super().__init__(name=name)
        self.pool_size = normalize_tuple(pool_size, self._RANK, "pool_size")
        self.strides = normalize_tuple(strides, self._RANK, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)

    def __call__(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        op = getattr(tf.nn, self._OP)
        rank = self._RANK + 2
        pool = lambda x, fmt: op(x, list(self.pool_size), list(self.strides),  # noqa: E731
                                 self.padding.upper(), data_format=fmt)
        if self.data_format == "channels_last" or _has_gpu():
            return pool(inputs, tf_data_format(self.data_format, rank))
        # CPU pooling gradients support only channels-last; TF1 (Keras 2) transposed too.
        to_last = [0] + list(range(2, rank)) + [1]
        to_first = [0, rank - 1] + list(range(1, rank - 1))
        outputs = pool(tf.transpose(inputs, to_last), tf_data_format("channels_last", rank))
        return tf.transpose(outputs, to_first)


def _has_gpu():
    return bool(tf.config.list_logical_devices("GPU"))


class MaxPooling1D(_Pooling):
    """`tf.compat.v1.layers.MaxPooling1D`."""
    _RANK, _OP = 1, "max_pool1d"


class MaxPooling2D(_Pooling):
    """`tf.compat.v1.layers.MaxPooling2D`."""
    _RANK, _OP = 2, "max_pool2d"


class MaxPooling3D(_Pooling):
    """`tf.compat.v1.layers.MaxPooling3D`."""
    _RANK, _OP = 3, "max_pool3d"


class AveragePooling1D(_Pooling):
    """`tf.compat.v1.layers.AveragePooling1D`."""
    _RANK, _OP = 1, "avg_pool1d"


class AveragePooling2D(_Pooling):
    """`tf.compat.v1.layers.AveragePooling2D`."""
    _RANK, _OP = 2, "avg_pool2d"


class AveragePooling3D(_Pooling):
    """`tf.compat.v1.layers.AveragePooling3D`."""
    _RANK, _OP = 3, "avg_pool3d"
