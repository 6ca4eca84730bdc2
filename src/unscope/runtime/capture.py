"""Plain ``tf.Variable(...)`` calls inside a tracked call: created once, then reused.

TF1 built the graph once, so ``tf.Variable(0, name="step")`` inside a model function
made one variable.  Eagerly, every call would make a new one.  While a tracked
function runs, a variable creator gives such variables a TF1 name (current variable
scope + name, made unique within the call as TF1's graph did: ``step``, ``step_1``)
and hands back the stored variable on later calls.
"""
from __future__ import annotations

import contextlib
import threading

import tensorflow as tf

GraphKeys = tf.compat.v1.GraphKeys
_bypass = threading.local()


@contextlib.contextmanager
def creating():
    """Variables made by unscope itself pass the creator untouched."""
    previous = getattr(_bypass, "on", False)
    _bypass.on = True
    try:
        yield
    finally:
        _bypass.on = previous


def creator_for(binding):
    def creator(next_creator, **kwargs):
        if getattr(_bypass, "on", False):
            return next_creator(**kwargs)
        scope = binding.scopes.current.name
        base = kwargs.get("name") or "Variable"
        base = f"{scope}/{base}" if scope else base
        counts = binding.frame.plain_counts
        n = counts.get(base, 0)
        counts[base] = n + 1
        name = base if n == 0 else f"{base}_{n}"
        store = binding.store
        found = store.variables.get(name)
        if found is not None:
            binding.frame.claimed.add(name)
            return found
        trainable = kwargs.get("trainable")
        if trainable is None:
            trainable = kwargs.get("synchronization") != tf.VariableSynchronization.ON_READ
        kwargs["name"] = name
        with creating(), tf.init_scope(), tf.compat.v1.name_scope(None):
            initial = kwargs.get("initial_value")
            if callable(initial):
                kwargs["initial_value"] = initial()
            variable = tf.Variable(**{k: v for k, v in kwargs.items() if k in _VARIABLE_ARGS})
        collections = [GraphKeys.GLOBAL_VARIABLES] + ([GraphKeys.TRAINABLE_VARIABLES] if trainable else [])
        store.add(name, variable, collections, None)
        binding.frame.claimed.add(name)
        return variable

    return creator


_VARIABLE_ARGS = frozenset({"initial_value", "trainable", "validate_shape", "caching_device", "name",
                            "variable_def", "dtype", "import_scope", "constraint",
                            "synchronization", "aggregation", "shape", "experimental_enable_variable_lifting"})
