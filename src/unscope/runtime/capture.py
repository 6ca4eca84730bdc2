"""Plain ``tf.Variable(...)`` calls inside a tracked call: created once, then reused.

TF1 built the graph once, so ``tf.Variable(0, name="step")`` inside a model function
made one variable.  Eagerly, every call would make a new one.  While a tracked
function runs, a variable creator gives such variables their TF1 name (the graph's
current *name* scope + name, made unique: ``dense/kernel``, ``dense/kernel_1``) on the
first call and hands back the stored variable on later calls.
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


def _tf1_name(base: str, store) -> str:
    """The name TF1's graph gave the variable: current name scope + name, made unique."""
    if tf.inside_function():  # the FuncGraph's name scopes are TF1's, uniquified
        name = tf.compat.v1.get_default_graph().unique_name(base)
    else:
        scope = tf.get_current_name_scope()
        name = f"{scope}/{base}" if scope else base
    candidate, n = name, 0
    while candidate in store.variables:  # e.g. a get_variable of that name (TF1: an op)
        n += 1
        candidate = f"{name}_{n}"
    return candidate


def creator_for(binding):
    def creator(next_creator, **kwargs):
        if getattr(_bypass, "on", False):
            return next_creator(**kwargs)
        # Found again by a key that is the same eagerly and in every trace (name scopes
        # are made unique only in graphs): variable scope, name, and how many came before.
        base = kwargs.get("name") or "Variable"
        scope = binding.scopes.current.name
        key = f"{scope}/{base}" if scope else base
        counts = binding.frame.plain_counts
        n = counts.get(key, 0)
        counts[key] = n + 1
        store = binding.store
        with store.lock:
            name = store.plain.get((key, n))
            if name is not None:
                if tf.inside_function():  # TF1 made its ops here: keep later op names TF1's
                    tf.compat.v1.get_default_graph().unique_name(base)
                binding.frame.claimed.add(name)
                return store.variables[name]
            name = _tf1_name(base, store)
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
            store.plain[(key, n)] = name
        binding.frame.claimed.add(name)
        return variable

    return creator


_VARIABLE_ARGS = frozenset({"initial_value", "trainable", "validate_shape", "caching_device", "name",
                            "variable_def", "dtype", "import_scope", "constraint",
                            "synchronization", "aggregation", "shape", "experimental_enable_variable_lifting"})
