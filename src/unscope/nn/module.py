"""`Module`: the base of every `unscope.nn` layer and of natively migrated model classes.

A plain `tf.Module` plus two things TF1 code relied on: `scope_name`, the TF1 scope path
the module's variables are named under, and `regularization_losses`, what
`tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)` held, recomputed from the current
variable values on every access (eager and inside `tf.function` alike).

    class Mlp(Module):
        def __init__(self, name="model/mlp"):
            super().__init__(name=name)
            self.fc = Dense(8, name=f"{name}/fc", kernel_regularizer=l2)

    loss = task_loss + tf.add_n(mlp.regularization_losses)

There is no variable store, scope stack or other global state: sharing is holding the
same object. Needs only TensorFlow and the standard library (vendored by
`unscope migrate --mode native --vendor DIR`).
"""
from __future__ import annotations

import re

import tensorflow as tf

from .variables import regularizer_of

__all__ = ["Module", "smart_cond", "identifier"]


def identifier(scope_name):
    """A valid Python identifier for `tf.Module`'s own name: the last path component."""
    last = scope_name.rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\W", "_", last)
    if not last or last[0].isdigit():
        last = "_" + last
    return last


def _module_name(scope_name, cls):
    """`tf.Module`'s own name. It opens a name scope, which in a TF1 graph must start with a
    letter, digit or dot: a module at the root (scope "", a class made from a function without
    its own scope) is named after its class, not "_"."""
    if scope_name:
        return identifier(scope_name)
    name = identifier(cls.__name__.lower()).lstrip("_")
    return name if name[:1].isalpha() else "module"


class Module(tf.Module):
    """A `tf.Module` named by a TF1 scope path.

        m = Module(name="model/h0/mlp")
        m.scope_name   # "model/h0/mlp"  (variables are named under it)
        m.name         # "mlp"           (tf.Module names must be identifiers)
    """

    def __init__(self, name=None):
        scope_name = str(name if name is not None else identifier(type(self).__name__.lower()))
        scope_name = scope_name.rstrip("/")
        super().__init__(name=_module_name(scope_name, type(self)))
        self._scope_name = scope_name

    @property
    def scope_name(self):
        """The TF1 scope path, e.g. 'model/h0/mlp/dense'."""
        return self._scope_name

    def _variable_name(self, short_name):
        return f"{self._scope_name}/{short_name}" if self._scope_name else short_name

    @property
    def regularization_losses(self):
        """One scalar per regularized variable of this module and its sub-modules.

        Computed from the variables' current values each time it is read; a variable
        held by several modules counts once. Sum with `tf.add_n(...)` (when non-empty).
        """
        losses, seen = [], set()
        for var in self.variables:
            if id(var) in seen:
                continue
            seen.add(id(var))
            regularizer = regularizer_of(var)
            if regularizer is None:
                continue
            loss = regularizer(var)
            if loss is not None:
                losses.append(loss)
        return losses


def smart_cond(pred, true_fn, false_fn):
    """`true_fn()` or `false_fn()`; a `tf.cond` only when `pred` is not known statically."""
    if isinstance(pred, (tf.Tensor, tf.Variable)):
        value = tf.get_static_value(pred) if isinstance(pred, tf.Tensor) else None
        if value is None:
            return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
        pred = value
    return true_fn() if bool(pred) else false_fn()
