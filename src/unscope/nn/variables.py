"""`variable()`: a `tf.Variable` with an exact TF1 name and TF1's default initializer.

This file needs only TensorFlow and the standard library: `unscope migrate --mode native
--vendor DIR` copies it into a user's tree.

    w = variable("model/wte", [50257, 768])           # .name == "model/wte:0"
    step = variable("global_step", [], tf.int64)      # ints and bools start at zero

TF1's `get_variable` defaults are kept: floats get Glorot-uniform, integers and booleans
zeros; a constant initializer (tensor, array, number) fixes shape and dtype itself. The
variable is created inside `tf.init_scope()` and a reset name scope, so neither an enclosing
`tf.name_scope` nor a `tf.function` graph changes its name.
"""
from __future__ import annotations

import itertools

import tensorflow as tf

from . import initializers

__all__ = ["variable", "glorot_uniform", "get_initializer", "regularizer_of"]

# The attribute a regularizer rides on.  It lives on the variable, so sharing a
# variable (holding the same object twice) counts its loss once, like TF1, where
# only the get_variable call that created a variable added a regularization loss.
_REGULARIZER_ATTR = "_unscope_regularizer"
CREATION_ORDER_ATTR = "_unscope_created"
_CREATED = itertools.count()


def glorot_uniform(shape, dtype=tf.float32, seed=None):
    """TF1's default initializer for float variables (`glorot_uniform_initializer`)."""
    return initializers.glorot_uniform(seed)(shape, dtype=dtype)


def _zeros(shape, dtype=tf.float32):
    return tf.zeros(shape, dtype)


def _ones(shape, dtype=tf.float32):
    return tf.ones(shape, dtype)


_NAMED = {"zeros": _zeros, "ones": _ones, "glorot_uniform": glorot_uniform}


def get_initializer(initializer):
    """A callable `(shape, dtype) -> tensor`, or a constant, from what a TF1 user wrote.

    Accepts None (kept: the caller picks TF1's default), the names "zeros", "ones" and
    "glorot_uniform", TF1 `tf.compat.v1.*_initializer` objects, TF2 `tf.*_initializer`
    and `tf.initializers.*` objects, initializer classes (instantiated, as TF1 did), any
    callable `(shape, dtype=...)`, and constants (tensors, arrays, numbers, lists).
    """
    if isinstance(initializer, str):
        try:
            return _NAMED[initializer.lower()]
        except KeyError:
            raise ValueError(
                f"unknown initializer name {initializer!r}; pass an initializer object "
                f"instead, e.g. tf.random_normal_initializer(stddev=0.02)") from None
    if isinstance(initializer, type):
        return initializer()
    return initializer


def _initial_value(name, shape, dtype, initializer):
    """(callable producing the initial value, dtype or None) following TF1's get_variable."""
    initializer = get_initializer(initializer)
    if initializer is not None and not callable(initializer):
        if shape is not None:
            raise ValueError(
                f"variable {name}: if the initializer is a constant, do not specify shape "
                f"(TF1 raises the same); write variable({name!r}, initializer=value)")
        value = tf.convert_to_tensor(initializer)
        if dtype is not None and value.dtype.base_dtype != dtype:
            raise ValueError(
                f"variable {name}: initializer type '{value.dtype.name}' and explicit dtype "
                f"'{dtype.name}' don't match")
        return (lambda: tf.convert_to_tensor(initializer)), None
    dtype = dtype or tf.float32
    if shape is None:
        raise ValueError(
            f"variable {name}: shape must be given when the initializer is not a constant")
    shape = tf.TensorShape(shape)
    if not shape.is_fully_defined():
        raise ValueError(f"variable {name}: shape {shape} must be fully defined")
    dims = shape.as_list()
    if initializer is None:
        if dtype.is_floating:
            initializer = glorot_uniform
        elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
            initializer = _zeros
        else:
            raise ValueError(f"An initializer for variable {name} of {dtype.name} is required")
    return (lambda: tf.cast(initializer(dims, dtype=dtype), dtype)), dtype


def variable(name, shape=None, dtype=None, initializer=None, trainable=True,
             regularizer=None, constraint=None,
             synchronization=tf.VariableSynchronization.AUTO,
             aggregation=tf.VariableAggregation.NONE):
    """Create a `tf.Variable` whose `.name` is exactly `name + ":0"`.

        v = variable("enc/layer_0/attn/q/kernel", [64, 64],
                     initializer=tf.random_normal_initializer(stddev=0.02),
                     regularizer=lambda w: 1e-4 * tf.nn.l2_loss(w))
        assert v.name == "enc/layer_0/attn/q/kernel:0"

    `dtype` defaults to float32, or to the constant's dtype when `initializer` is a
    constant. A `regularizer` is kept with the variable; `unscope.nn.Module`'s
    `regularization_losses` applies it to the current value.
    """
    name = str(name)
    if name.endswith(":0"):
        name = name[:-2]
    if not name or name.startswith("/") or name.endswith("/"):
        raise ValueError(f"variable name {name!r} must be a TF1 path such as 'scope/w'")
    dtype = tf.as_dtype(dtype).base_dtype if dtype is not None else None
    make_value, var_dtype = _initial_value(name, shape, dtype, initializer)
    # init_scope lifts creation out of tf.function graphs (and pauses tapes);
    # name_scope("") resets the name scope both there and in TF1 graphs.
    with tf.init_scope(), tf.name_scope(""):
        var = tf.Variable(make_value, name=name, trainable=trainable, dtype=var_dtype,
                          constraint=constraint, synchronization=synchronization,
                          aggregation=aggregation)
    if regularizer is not None:
        setattr(var, _REGULARIZER_ATTR, regularizer)
    setattr(var, CREATION_ORDER_ATTR, next(_CREATED))  # TF1's collection order (selection.py)
    return var


def regularizer_of(var):
    """The regularizer `variable()` recorded for `var`, or None."""
    return getattr(var, _REGULARIZER_ATTR, None)
