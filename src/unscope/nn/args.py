"""Argument normalisation shared by the layers, with TF1 `tf.layers` conventions.

    normalize_tuple(3, 2, "kernel_size")      # (3, 3)
    normalize_padding("SAME")                 # "same"
    tf_data_format("channels_first", 4)       # "NCHW"
    get_activation("relu")                    # tf.nn.relu
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["normalize_tuple", "normalize_padding", "normalize_data_format",
           "tf_data_format", "get_activation"]


def normalize_tuple(value, n, name):
    """An int or a sequence of n ints, as a tuple of n ints."""
    if isinstance(value, int):
        return (value,) * n
    try:
        value = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must be an int or a tuple of {n} ints, got {value!r}") from None
    if len(value) != n:
        raise ValueError(f"`{name}` must be an int or a tuple of {n} ints, got {value!r}")
    return value


def normalize_padding(value, allowed=("valid", "same")):
    padding = str(value).lower()
    if padding not in allowed:
        raise ValueError(f"padding must be one of {allowed}, got {value!r}")
    return padding


def normalize_data_format(value):
    """'channels_last' / 'channels_first' (None means channels_last, like TF1)."""
    if value is None:
        return "channels_last"
    data_format = str(value).lower()
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(f"data_format must be 'channels_last' or 'channels_first', got {value!r}")
    return data_format


def tf_data_format(data_format, ndim):
    """The op-level spelling: 'NWC', 'NHWC', 'NDHWC' or their channels-first twins."""
    spatial = {3: "W", 4: "HW", 5: "DHW"}[ndim]
    return "NC" + spatial if data_format == "channels_first" else "N" + spatial + "C"


def _hard_sigmoid(x):
    # Keras 2's definition, which TF1 tf.layers used for activation="hard_sigmoid".
    return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)


_ACTIVATIONS = {
    "relu": tf.nn.relu, "relu6": tf.nn.relu6, "elu": tf.nn.elu, "selu": tf.nn.selu,
    "tanh": tf.math.tanh, "sigmoid": tf.math.sigmoid, "softmax": tf.nn.softmax,
    "softplus": tf.math.softplus, "softsign": tf.nn.softsign, "swish": tf.nn.silu,
    "silu": tf.nn.silu, "gelu": tf.nn.gelu, "exponential": tf.math.exp,
    "hard_sigmoid": _hard_sigmoid, "linear": None,
}


def get_activation(activation):
    """None, a callable, or the name of a Keras activation (as TF1 tf.layers accepted)."""
    if activation is None or callable(activation):
        return activation
    try:
        return _ACTIVATIONS[str(activation).lower()]
    except KeyError:
        raise ValueError(
            f"unknown activation {activation!r}; pass a callable such as tf.nn.relu") from None
