"""Turning a TF1 or TF2 initializer into an initial value, as TF1's get_variable did."""
from __future__ import annotations

import functools
import inspect

import tensorflow as tf


def default_initializer(name: str, dtype: tf.DType):
    """TF1's default: glorot_uniform for floats, zeros for ints/bools/strings."""
    if dtype.is_floating:
        return tf.compat.v1.glorot_uniform_initializer()
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype == tf.string:
        return tf.compat.v1.zeros_initializer()
    raise ValueError(f"An initializer for variable {name} of {dtype.base_dtype} is required")


@functools.lru_cache(maxsize=512)
def _accepts_partition_info(call) -> bool:
    try:
        params = inspect.signature(call).parameters
    except (TypeError, ValueError):
        return False
    return "partition_info" in params


def _partition_kw(initializer) -> bool:
    call = initializer.__call__ if not inspect.isfunction(initializer) else initializer
    target = getattr(call, "__func__", call)
    try:
        return _accepts_partition_info(target)
    except TypeError:  # unhashable callables
        return "partition_info" in inspect.signature(call).parameters


def _needs_no_arguments(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in params)


def initial_value(name, initializer, shape: tf.TensorShape, dtype: tf.DType, partition_info=None):
    """Return ``(initial_value, variable_dtype)`` for ``tf.Variable``.

    ``initializer`` is a constant (tensor, array, list), an initializer object or
    class (TF1 ``tf.compat.v1.*_initializer`` with ``partition_info``, TF2
    ``tf.initializers.*``, Keras), or a zero-argument callable.
    """
    if initializer is not None and not callable(initializer):
        return initializer, None
    if initializer is None:
        initializer = default_initializer(name, dtype)
    if inspect.isclass(initializer):
        initializer = initializer()
    if shape.is_fully_defined():
        dims = shape.as_list()
        if partition_info is not None and _partition_kw(initializer):
            return functools.partial(initializer, dims, dtype=dtype, partition_info=partition_info), dtype.base_dtype
        return functools.partial(initializer, dims, dtype=dtype), dtype.base_dtype
    if _needs_no_arguments(initializer):
        return initializer, None
    raise ValueError("The initializer passed is not valid. It should be a callable with no "
                     "arguments and the shape should not be provided or an instance of "
                     "`tf.keras.initializers.*' and `shape` should be fully defined.")
