"""TF1 collections: ``get_collection``, ``add_to_collection``, ``GraphKeys``.

In store mode variables come from the store (in creation order, only variables this
call has used, as a fresh TF1 graph build would have them), under the variable keys
and any ``get_variable(collections=[...])`` named; everything else put in a collection
(REGULARIZATION_LOSSES, UPDATE_OPS, ``add_to_collection``) belongs to the call.
"""
from __future__ import annotations

import re

import tensorflow as tf

_no_autograph = tf.autograph.experimental.do_not_convert

from unscope.runtime.scope import current_binding

GraphKeys = tf.compat.v1.GraphKeys


def _item_name(item, names):
    known = names.get(id(item))
    if known is not None:
        return known
    try:
        return item.name
    except (AttributeError, ValueError):  # eager tensors have no name
        return None


def _filter(items, scope, names):
    if scope is None:
        return list(items)
    pattern = re.compile(scope)
    return [item for item in items
            if (name := _item_name(item, names)) is not None and pattern.match(name)]


def _store_items(binding, key):
    store, frame = binding.store, binding.frame
    if key not in store.keys:
        return []
    return [v for n, v in store.variables.items()
            if key in store.collections[n] and (frame.persistent or n in frame.claimed)]


@_no_autograph
def get_collection(key, scope=None):
    """Items in collection ``key``, optionally those whose name matches ``scope`` (re.match)."""
    binding = current_binding()
    if binding is None:
        return tf.compat.v1.get_collection(key, scope)
    items = _store_items(binding, key) + list(binding.frame.collections.get(key, ()))
    return _filter(items, scope, binding.frame.names)


@_no_autograph
def get_collection_ref(key):
    """The call's own list for ``key`` (TF1 ``get_collection_ref``); variable keys excluded."""
    binding = current_binding()
    if binding is None:
        return tf.compat.v1.get_collection_ref(key)
    return binding.frame.collections.setdefault(key, [])


@_no_autograph
def add_to_collection(name, value):
    binding = current_binding()
    if binding is None:
        return tf.compat.v1.add_to_collection(name, value)
    binding.frame.collections.setdefault(name, []).append(value)


@_no_autograph
def add_to_collections(names, value):
    if isinstance(names, str):
        names = [names]
    for name in dict.fromkeys(names):
        add_to_collection(name, value)


@_no_autograph
def trainable_variables(scope=None):
    return get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


@_no_autograph
def global_variables(scope=None):
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


@_no_autograph
def local_variables(scope=None):
    return get_collection(GraphKeys.LOCAL_VARIABLES, scope)


@_no_autograph
def model_variables(scope=None):
    return get_collection(GraphKeys.MODEL_VARIABLES, scope)
