"""``unscope.track``: a TF1-style model function as a ``tf.Module`` that owns its variables.

Checkpoint format (stable): a tracked module keeps its variables in the dict attribute
``tf1_variables`` keyed by TF1 name, so under ``tf.train.Checkpoint(model=m)`` the
variable ``enc/h0/w`` is saved as
``model/tf1_variables/enc.Sh0.Sw/.ATTRIBUTES/VARIABLE_VALUE`` (TensorFlow escapes
``/`` as ``.S`` and ``.`` as ``..`` in object-graph names).

``scope="model/block"`` fixes the enclosing TF1 scope instead of taking it from the first
call: native mode builds a *compat island* this way, a TF1 function kept on the runtime
inside a native ``tf.Module`` parent, whose variables must get the names TF1 gave them
under the parent's scope wherever the parent is called (eagerly, under ``tf.function``,
inside a TF1 graph).
"""
from __future__ import annotations

import functools
import re

import tensorflow as tf

from unscope.nn import variables as _nn_variables
from unscope.runtime import capture as _capture
from unscope.runtime import names as _names
from unscope.runtime import store as _store
from unscope.runtime.mode import is_tf1_graph
from unscope.runtime.scope import VariableScope


def _module_name(name: str) -> str:
    """A tf.Module name: an identifier that is also a valid root name scope in graphs."""
    cleaned = re.sub(r"\W", "_", name or "").strip("_")
    if not cleaned:
        return "tracked"
    return "tracked_" + cleaned if cleaned[0].isdigit() else cleaned


class Tracked(tf.Module):
    """A callable ``tf.Module`` around a TF1-style function (see ``unscope.track``)."""

    def __init__(self, fn, name=None, autograph=False, scope=None, initializer=None, regularizer=None,
                 dtype=None, share=None):
        # a functools.partial (a template's bound arguments) is named after its function
        default = getattr(fn, "__name__", None) or getattr(getattr(fn, "func", None), "__name__", "tracked")
        super().__init__(name=_module_name(name or default))
        self._fn = fn if autograph else tf.autograph.experimental.do_not_convert(fn)
        if scope is not None and not isinstance(scope, str):
            raise TypeError(f"unscope.track: scope must be a TF1 scope path such as "
                            f"'model/block' (a str), not {type(scope).__name__}")
        self._prefix = scope.strip("/") if scope is not None else None
        # the defaults of the TF1 scope the function runs under (scope-level initializer, ...)
        self._defaults = {k: v for k, v in (("initializer", initializer), ("regularizer", regularizer),
                                            ("dtype", dtype)) if v is not None}
        self.tf1_variables = {}
        if share is not None and not isinstance(share, Tracked):
            raise TypeError(f"unscope.track: share must be another tracked function (its "
                            f"variables are shared by TF1 name), not {type(share).__name__}")
        # share: one store, as TF1 ran both functions in one graph; what either makes is
        # owned (and checkpointed) by the module shared with
        self._store = share._store if share is not None else _store.VariableStore(on_create=self._on_create)
        functools.update_wrapper(self, fn, assigned=("__doc__", "__module__", "__qualname__"), updated=())
        self.__wrapped__ = fn

    @staticmethod
    def _enclosing_prefix() -> str:
        outer = _store.active()
        if outer is not None:  # nested in another tracked call
            return outer.scopes.current.name
        if is_tf1_graph():  # inside a TF1 graph's variable scope
            return tf.compat.v1.get_variable_scope().name
        return ""

    def _on_create(self, name, variable):
        self.tf1_variables[name] = variable
        # What unscope.nn reads from a variable: its regularizer (a native parent's
        # regularization_losses) and its creation order (nn.variables_under), so an
        # island's variables count in its parent as the parent's own do.
        regularizer = self._store.regularizers.get(name)
        if regularizer is not None:
            setattr(variable, _nn_variables._REGULARIZER_ATTR, regularizer)
        setattr(variable, _nn_variables.CREATION_ORDER_ATTR, next(_nn_variables._CREATED))

    @tf.autograph.experimental.do_not_convert
    def __call__(self, *args, **kwargs):
        if self._prefix is None:  # the enclosing scope of the first call names everything
            self._prefix = self._enclosing_prefix()
        root = VariableScope(False, name=self._prefix, name_scope=self._prefix + "/" if self._prefix else "",
                             **self._defaults)
        binding = _store.Binding(self._store, _store.CallFrame(), _store.ScopeState(root))
        outer_name_scope = tf.get_current_name_scope() if tf.executing_eagerly() else None
        _store.push(binding)
        try:
            with tf.variable_creator_scope(_capture.creator_for(binding)):
                return self._fn(*args, **kwargs)
        finally:
            _store.pop(binding)
            if outer_name_scope is not None and tf.get_current_name_scope() != outer_name_scope:
                _names.restore_eager_name_scope(outer_name_scope)

    @property
    def variables(self):
        """All variables, in TF1 creation order."""
        return tuple(self._store.variables.values())

    @property
    def trainable_variables(self):
        """Trainable variables (TF1 trainability: BN moving statistics are not), creation order."""
        return tuple(v for v in self._store.variables.values() if v.trainable)

    @property
    def non_trainable_variables(self):
        return tuple(v for v in self._store.variables.values() if not v.trainable)

    @property
    def regularization_losses(self):
        """Regularization losses recomputed from the current variable values."""
        return self._store.regularization_losses()

    def get_variable(self, name):
        """The variable with TF1 name ``name`` (without ``:0``)."""
        return self._store.variables[name]

    def __repr__(self):
        return f"<unscope.Tracked {self.name} ({len(self._store.variables)} variables)>"


def track(fn=None, name=None, autograph=False, scope=None, initializer=None, regularizer=None, dtype=None,
          share=None):
    """Wrap a TF1-style model function into a ``tf.Module`` that owns its variables.

    The first call creates the variables the function asks for; every later call, and
    every retrace under ``tf.function``, maps to the same ones.  Usable as a decorator::

        @unscope.track
        def model(x):
            return unscope.layers.dense(x, 4, name="out")

        y = model(x)                   # creates out/kernel:0, out/bias:0
        step = tf.function(model)      # wrap it yourself for graphs / XLA

    TF1 code never went through AutoGraph, so under ``tf.function`` the function runs
    as written (Python control flow on Python values, as in TF1) and traces fast;
    pass ``autograph=True`` to have AutoGraph convert it.

    ``scope`` fixes the TF1 scope the function runs under, wherever it is called, and
    ``initializer`` / ``regularizer`` / ``dtype`` are that scope's defaults (TF1's
    ``variable_scope`` arguments)::

        block = unscope.track(block_fn, scope="model/h0")   # variables model/h0/...

    Without ``scope``, the scope around the first call is used (a TF1 graph's variable
    scope, or the enclosing tracked call's). ``share=other`` runs on ``other``'s variables
    (one TF1 graph for both: a name either makes is one variable, held by ``other``)::

        logits = unscope.track(logits_fn, scope="", share=embed)   # embedding/table shared
    """
    options = dict(name=name, autograph=autograph, scope=scope, initializer=initializer,
                   regularizer=regularizer, dtype=dtype, share=share)
    if fn is None:
        return lambda f: Tracked(f, **options)
    return Tracked(fn, **options)
