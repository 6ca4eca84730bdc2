"""Helpers shared by the contrib/slim layers (``tf.contrib.layers.utils``).

    end_points = convert_collection_to_dict("end_points")   # {alias: tensor}

`collect_named_outputs` tags a layer's output with its scope name and adds it
to the given collections, which is how slim nets build their ``end_points``.
"""
from __future__ import annotations

import collections as _collections

import tensorflow as tf

from unscope import runtime as rt

__all__ = [
    "collect_named_outputs",
    "append_tensor_alias",
    "get_tensor_aliases",
    "gather_tensors_aliases",
    "convert_collection_to_dict",
    "constant_value",
    "static_cond",
    "smart_cond",
    "get_variable_collections",
    "two_element_tuple",
    "n_positive_integers",
    "last_dimension",
    "channel_dimension",
]


def append_tensor_alias(tensor, alias):
    """Append `alias` (without a trailing '/') to ``tensor.aliases``."""
    if alias.endswith("/"):
        alias = alias[:-1]
    if hasattr(tensor, "aliases"):
        tensor.aliases.append(alias)
    else:
        tensor.aliases = [alias]
    return tensor


def get_tensor_aliases(tensor):
    """The aliases of `tensor`, or its op name if it has none."""
    if hasattr(tensor, "aliases"):
        return tensor.aliases
    try:
        name = tensor.name
    except AttributeError:  # an eager tensor has no name
        return []
    return [name[:-2]] if name.endswith(":0") else [name]


def gather_tensors_aliases(tensors):
    out = []
    for tensor in tensors:
        out += get_tensor_aliases(tensor)
    return out


def collect_named_outputs(collections, alias, outputs):
    """Tag `outputs` with `alias` and add it to `collections` (None: do nothing)."""
    if collections:
        append_tensor_alias(outputs, alias)
        if isinstance(collections, str):
            collections = [collections]
        rt.add_to_collections(collections, outputs)
    return outputs


def convert_collection_to_dict(collection, clear_collection=False):
    """``OrderedDict(alias -> tensor)`` of the tensors in `collection`."""
    output = _collections.OrderedDict(
        (alias, tensor)
        for tensor in rt.get_collection(collection)
        for alias in get_tensor_aliases(tensor))
    if clear_collection:
        del rt.get_collection_ref(collection)[:]
    return output


def constant_value(value_or_tensor_or_var, dtype=None):
    """The Python value of a bool/number or a constant tensor; None if it is not known now."""
    if value_or_tensor_or_var is None:
        raise ValueError("value_or_tensor_or_var cannot be None")
    value = value_or_tensor_or_var
    if isinstance(value, (tf.Tensor, tf.Variable)):
        if dtype and value.dtype != dtype:
            raise ValueError("It has the wrong type %s instead of %s" % (value.dtype, dtype))
        if isinstance(value, tf.Variable):
            return None
        return tf.get_static_value(value)
    return value


def static_cond(pred, fn1, fn2):
    if not callable(fn1):
        raise TypeError("fn1 must be callable.")
    if not callable(fn2):
        raise TypeError("fn2 must be callable.")
    return fn1() if pred else fn2()


def smart_cond(pred, fn1, fn2, name=None):
    """`fn1()` or `fn2()` now if `pred` is known, else a `tf.cond`."""
    pred_value = constant_value(pred)
    if pred_value is not None:
        return static_cond(pred_value, fn1, fn2)
    return tf.cond(pred, fn1, fn2, name=name)


def get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def _dimension(shape, dim, min_rank=1):
    dims = tf.TensorShape(shape).as_list() if tf.TensorShape(shape).rank is not None else None
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    value = dims[dim]
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (dim, shape))
    return value


def last_dimension(shape, min_rank=1):
    return _dimension(shape, -1, min_rank=min_rank)


def channel_dimension(shape, data_format, min_rank=1):
    return _dimension(shape, 1 if data_format == "channels_first" else -1, min_rank=min_rank)


def two_element_tuple(int_or_tuple):
    """``3 -> (3, 3)``, ``[2, 3] -> (2, 3)``."""
    if isinstance(int_or_tuple, (list, tuple)):
        if len(int_or_tuple) != 2:
            raise ValueError("Must be a list with 2 elements: %s" % (int_or_tuple,))
        return int(int_or_tuple[0]), int(int_or_tuple[1])
    if isinstance(int_or_tuple, int):
        return int(int_or_tuple), int(int_or_tuple)
    if isinstance(int_or_tuple, tf.TensorShape) and len(int_or_tuple) == 2:
        return int_or_tuple[0], int_or_tuple[1]
    raise ValueError("Must be an int, a list with 2 elements or a TensorShape of length 2")


def n_positive_integers(n, value):
    """`value` (an int or a length-n sequence) as a tuple of n positive ints."""
    n_orig = n
    n = int(n)
    if n < 1 or n != n_orig:
        raise ValueError("n must be a positive integer")
    try:
        value = int(value)
    except (TypeError, ValueError):
        if len(value) != n:
            raise ValueError("Expected sequence of %d positive integers, but received %r"
                             % (n, value)) from None
        try:
            values = tuple(int(x) for x in value)
        except (TypeError, ValueError):
            raise ValueError("Expected sequence of %d positive integers, but received %r"
                             % (n, value)) from None
        for x in values:
            if x < 1:
                raise ValueError("expected positive integer, but received %d" % x)
        return values
    if value < 1:
        raise ValueError("expected positive integer, but received %d" % value)
    return (value,) * n
