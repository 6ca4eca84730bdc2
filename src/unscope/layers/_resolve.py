"""Activations, initializers and regularizers given by name, as TF1 layers accepted them.

TF1 layers passed these through Keras 2's ``get()``; unscope maps the common names to
TensorFlow's own ops and ``tf.compat.v1`` initializers (Keras 2 defaults), without Keras.
Callables (and initializer objects) pass through unchanged.
"""
from __future__ import annotations

import functools

import tensorflow as tf

_v1 = tf.compat.v1


def _linear(x):
    return x


_ACTIVATIONS = {
    "linear": _linear,
    "relu": tf.nn.relu,
    "relu6": tf.nn.relu6,
    "elu": tf.nn.elu,
    "selu": tf.nn.selu,
    "tanh": tf.tanh,
    "sigmoid": tf.sigmoid,
    "softmax": tf.nn.softmax,
    "softplus": tf.nn.softplus,
    "softsign": tf.nn.softsign,
    "swish": tf.nn.silu,
    "silu": tf.nn.silu,
    "gelu": tf.nn.gelu,
    "exponential": tf.exp,
}

# Keras 2 names and defaults (``keras.initializers.get``), as TF1 initializers.
_INITIALIZERS = {
    "zeros": lambda: _v1.zeros_initializer(),
    "ones": lambda: _v1.ones_initializer(),
    "constant": lambda: _v1.constant_initializer(0.0),
    "glorot_uniform": lambda: _v1.glorot_uniform_initializer(),
    "glorot_normal": lambda: _v1.glorot_normal_initializer(),
    "he_normal": lambda: _v1.variance_scaling_initializer(2.0, "fan_in", "truncated_normal"),
    "he_uniform": lambda: _v1.variance_scaling_initializer(2.0, "fan_in", "uniform"),
    "lecun_normal": lambda: _v1.variance_scaling_initializer(1.0, "fan_in", "truncated_normal"),
    "lecun_uniform": lambda: _v1.variance_scaling_initializer(1.0, "fan_in", "uniform"),
    "orthogonal": lambda: _v1.orthogonal_initializer(),
    "identity": lambda: _v1.initializers.identity(),
    "random_normal": lambda: _v1.random_normal_initializer(0.0, 0.05),
    "random_uniform": lambda: _v1.random_uniform_initializer(-0.05, 0.05),
    "truncated_normal": lambda: _v1.truncated_normal_initializer(0.0, 0.05),
}
_INITIALIZER_ALIASES = {"zero": "zeros", "one": "ones", "uniform": "random_uniform",
                        "normal": "random_normal", "glorotuniform": "glorot_uniform"}


def _norm_penalty(x, l1=0.0, l2=0.0):
    loss = tf.constant(0.0, dtype=x.dtype.base_dtype)
    if l1:
        loss += l1 * tf.reduce_sum(tf.abs(x))
    if l2:
        loss += l2 * tf.reduce_sum(tf.square(x))
    return loss


_REGULARIZERS = {
    "l1": functools.partial(_norm_penalty, l1=0.01),
    "l2": functools.partial(_norm_penalty, l2=0.01),
    "l1_l2": functools.partial(_norm_penalty, l1=0.01, l2=0.01),
}


def _lookup(kind, table, value, aliases=None):
    key = value.lower()
    key = (aliases or {}).get(key, key)
    if key not in table:
        raise ValueError(f"Unknown {kind}: {value!r}. Known names: {', '.join(sorted(table))}; "
                         "or pass a callable.")
    return table[key]


def activation(value):
    """None, a callable, or a Keras activation name -> a callable or None."""
    if value is None or callable(value):
        return value
    if isinstance(value, str):
        found = _lookup("activation", _ACTIVATIONS, value)
        return None if found is _linear else found
    raise TypeError(f"Could not interpret activation function identifier: {value!r}")


def initializer(value):
    """None, an initializer (object, class, callable), or a Keras initializer name."""
    if value is None or not isinstance(value, str):
        return value
    return _lookup("initializer", _INITIALIZERS, value, _INITIALIZER_ALIASES)()


def regularizer(value):
    """None, a callable, or ``"l1"``/``"l2"``/``"l1_l2"`` (Keras defaults, 0.01)."""
    if value is None or callable(value):
        return value
    if isinstance(value, str):
        return _lookup("regularizer", _REGULARIZERS, value)
    raise TypeError(f"Could not interpret regularizer identifier: {value!r}")
