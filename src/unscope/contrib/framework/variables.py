"""Variable helpers of ``tf.contrib.framework`` / tf_slim, on the unscope runtime.

    w = model_variable("w", shape=[3, 4])      # GLOBAL_VARIABLES + MODEL_VARIABLES
    get_variables("tower/")                    # by scope (a regex prefix, as in TF1)
    get_variables_by_name("weights")           # every ".../weights"

They read and write the runtime's collections, so they work in TF1 graph mode
and inside an `unscope.track` call alike.
"""
from __future__ import annotations

import functools

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.arg_scope import add_layer_arg_scope

__all__ = [
    "variable",
    "model_variable",
    "add_model_variable",
    "get_variables",
    "get_model_variables",
    "get_local_variables",
    "get_trainable_variables",
    "get_variables_to_restore",
    "get_variables_by_suffix",
    "get_variables_by_name",
    "get_unique_variable",
    "get_variable_full_name",
]

_GLOBAL = tf.compat.v1.GraphKeys.GLOBAL_VARIABLES
_MODEL = tf.compat.v1.GraphKeys.MODEL_VARIABLES
_LOCAL = tf.compat.v1.GraphKeys.LOCAL_VARIABLES
_TRAINABLE = tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES


def _contains(items, value) -> bool:
    # `in` would call Variable.__eq__, which is elementwise in TF2.
    return any(item is value for item in items)


def _dedupe(names):
    seen = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


@add_layer_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None,
             custom_getter=None, use_resource=None,
             synchronization=tf.VariableSynchronization.AUTO,
             aggregation=tf.VariableAggregation.NONE):
    """`get_variable` with slim's defaults: collections default to GLOBAL_VARIABLES."""
    collections = _dedupe(list(collections if collections is not None else [_GLOBAL]))
    getter = rt.get_variable
    if custom_getter is not None:
        getter = functools.partial(custom_getter, reuse=rt.get_variable_scope().reuse)
    with tf.device(device or ""):
        return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                      regularizer=regularizer, trainable=trainable, collections=collections,
                      caching_device=caching_device, partitioner=partitioner,
                      use_resource=use_resource, synchronization=synchronization,
                      aggregation=aggregation)


@add_layer_arg_scope
def model_variable(name, shape=None, dtype=tf.float32, initializer=None, regularizer=None,
                   trainable=True, collections=None, caching_device=None, device=None,
                   partitioner=None, custom_getter=None, use_resource=None,
                   synchronization=tf.VariableSynchronization.AUTO,
                   aggregation=tf.VariableAggregation.NONE):
    """A `variable` also put in MODEL_VARIABLES (what every contrib/slim layer creates)."""
    collections = list(collections or []) + [_GLOBAL, _MODEL]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer,
                    regularizer=regularizer, trainable=trainable, collections=collections,
                    caching_device=caching_device, device=device, partitioner=partitioner,
                    custom_getter=custom_getter, use_resource=use_resource,
                    synchronization=synchronization, aggregation=aggregation)


def add_model_variable(var):
    """Add `var` to MODEL_VARIABLES unless it is there already."""
    if not _contains(rt.get_collection(_MODEL), var):
        rt.add_to_collection(_MODEL, var)


def get_variables(scope=None, suffix=None, collection=_GLOBAL):
    """Variables of `collection` whose name matches `scope` (regex prefix) and ends in `suffix`."""
    if scope is not None and not isinstance(scope, str):
        scope = scope.name  # a VariableScope
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return rt.get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, _MODEL)


def get_local_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, _LOCAL)


def get_trainable_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, _TRAINABLE)


def get_variables_to_restore(include=None, exclude=None):
    """Global variables under the `include` scopes and not under the `exclude` scopes."""
    if include is None:
        included = get_variables()
    else:
        if not isinstance(include, (list, tuple)):
            raise TypeError("include is provided but is not a list or a tuple.")
        included = []
        for scope in include:
            included += get_variables(scope)
    excluded = []
    if exclude is not None:
        if not isinstance(exclude, (list, tuple)):
            raise TypeError("exclude is provided but is not a list or a tuple.")
        for scope in exclude:
            excluded += get_variables(scope)
    return [v for v in included if not _contains(excluded, v)]


def get_variables_by_suffix(suffix, scope=None):
    return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name, scope=None):
    """Variables named exactly `given_name` at the end of their scope path."""
    suffix = "/" + given_name + ":|^" + given_name + ":"
    return get_variables(scope=scope, suffix=suffix)


def get_variable_full_name(var):
    """The TF1 name of `var` without the ``:0`` (the first part's, for a partitioned part)."""
    save_info = getattr(var, "_save_slice_info", None)
    if save_info:
        return save_info.full_name
    name = var.name
    return name[:-2] if name.endswith(":0") else name.rsplit(":", 1)[0]


def get_unique_variable(var_op_name):
    """The one global variable whose TF1 name is `var_op_name`."""
    candidates = get_variables(scope=var_op_name)
    if not candidates:
        raise ValueError("Couldn't find variable %s" % var_op_name)
    for candidate in candidates:
        if candidate.name.rsplit(":", 1)[0] == var_op_name:
            return candidate
    raise ValueError("Variable %s does not uniquely identify a variable" % var_op_name)
