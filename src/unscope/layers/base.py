"""``Layer``: the TF1 ``tf.layers.Layer`` base, on unscope's ``variable_scope``/``get_variable``.

What it keeps from TF1 (``tf.compat.v1.layers``):

* the variable scope is captured on first use: ``variable_scope(name)`` for a functional
  call with ``name=`` (so a second ``dense(x, 4, name="out")`` without reuse raises, as
  in TF1), ``variable_scope(None, default_name=...)`` otherwise (``dense``, ``dense_1``);
  a layer object calls ``get_variable`` only when it is built, later calls re-enter its
  scope with ``reuse=True`` and use the variables it holds;
* weights come from ``get_variable``, so the scope's initializer, regularizer,
  partitioner and custom getter apply; regularization losses and (in a TF1 graph) the
  batch-norm update ops land in ``REGULARIZATION_LOSSES`` / ``UPDATE_OPS``.

In eager mode and under ``tf.function`` (unscope's store) a built layer called in a new
``unscope.track`` call asks the store for its variables again (``AUTO_REUSE``), so that
call's collections list them and their regularization losses, as a fresh TF1 graph
build would.

>>> class Scale(unscope.layers.Layer):
...     def build(self, input_shape):
...         self.w = self.add_weight("w", [input_shape[-1]], initializer=tf.ones_initializer())
...     def call(self, inputs):
...         return inputs * self.w
>>> Scale()(x)          # creates scale/w:0
"""
from __future__ import annotations

import contextlib
import re
import weakref

import numpy as np
import tensorflow as tf

from unscope import runtime as _rt
from unscope.runtime import store as _store
from unscope.layers import _resolve

GraphKeys = tf.compat.v1.GraphKeys
_AUTO = tf.VariableSynchronization.AUTO
_ON_READ = tf.VariableSynchronization.ON_READ
_NONE = tf.VariableAggregation.NONE

# graph -> {base name: count}, for Keras-style object names (``dense``, ``dense_1``).
_object_names: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def to_snake_case(name: str) -> str:
    """``Conv2DTranspose`` -> ``conv2d_transpose``: how TF1 named a layer class's scope."""
    name = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
    return "private" + name if name.startswith("_") else name


def _unique_object_name(base: str) -> str:
    """TF1 named unnamed layer objects ``dense_1``, ``dense_2``, ... per graph (from 1, while
    their variable scopes are ``dense``, ``dense_1``, ...)."""
    graph = tf.compat.v1.get_default_graph()
    counts = _object_names.setdefault(graph, {})
    counts[base] = counts.get(base, 0) + 1
    return f"{base}_{counts[base]}"


def static_bool(pred):
    """``pred`` as a Python bool when it is known now, else None (TF1's ``constant_value``)."""
    if isinstance(pred, (bool, np.bool_)):
        return bool(pred)
    if isinstance(pred, (int, np.integer)):
        return bool(pred)
    if isinstance(pred, tf.Variable):
        return None
    value = tf.get_static_value(pred)
    return None if value is None else bool(value)


def smart_cond(pred, true_fn, false_fn):
    """Pick a branch now when ``pred`` is static, else ``tf.cond`` (TF1's ``smart_cond``)."""
    value = static_bool(pred)
    if value is None:
        return tf.cond(pred, true_fn, false_fn)
    return true_fn() if value else false_fn()


def _add_unique(key, items, collection_ref=None):
    """Append to a collection, skipping items already in it (TF1 layers did this by id)."""
    ref = (collection_ref or _rt.get_collection_ref)(key)
    seen = {id(item) for item in ref}
    for item in items:
        if id(item) not in seen:
            ref.append(item)
            seen.add(id(item))


def _current_frame():
    binding = _store.active()
    return None if binding is None else binding.frame


class InputSpec:
    """Rank, dtype and fixed axes a layer accepts (TF1 ``tf.layers.InputSpec``)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None):
        self.dtype = tf.as_dtype(dtype).name if dtype is not None else None
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = dict(axes or {})

    def __repr__(self):
        fields = {k: v for k, v in vars(self).items() if v not in (None, {})}
        return "InputSpec(" + ", ".join(f"{k}={v!r}" for k, v in fields.items()) + ")"


def _check_input_spec(spec, inputs, layer_name):
    if spec is None:
        return
    shape = inputs.shape
    rank = shape.rank
    where = f"Input 0 of layer \"{layer_name}\" is incompatible with the layer: "
    if rank is None:
        return
    if spec.ndim is not None and rank != spec.ndim:
        raise ValueError(f"{where}expected ndim={spec.ndim}, found ndim={rank}. Full shape received: {shape}")
    if spec.max_ndim is not None and rank > spec.max_ndim:
        raise ValueError(f"{where}expected max_ndim={spec.max_ndim}, found ndim={rank}")
    if spec.min_ndim is not None and rank < spec.min_ndim:
        raise ValueError(f"{where}expected min_ndim={spec.min_ndim}, found ndim={rank}. "
                         f"Full shape received: {shape}")
    for axis, value in spec.axes.items():
        dim = shape[axis] if -rank <= axis < rank else None
        if value is not None and dim is not None and dim != value:
            raise ValueError(f"{where}expected axis {axis} of input shape to have value {value}, "
                             f"but received input with shape {shape}")


class Layer:
    """Base class of the TF1 layers (``tf.compat.v1.layers.Layer``).

    Subclasses implement ``build(input_shape)`` (create weights with ``add_weight``) and
    ``call(inputs, ...)``.  It is a plain Python object, not a ``tf.Module``: its variables
    belong to the ``unscope.track`` module (or TF1 graph) they were created in.
    """

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        self._activity_regularizer = _resolve.regularizer(kwargs.pop("activity_regularizer", None))
        for ignored in ("autocast", "input_shape", "batch_input_shape", "batch_size", "input_dim"):
            kwargs.pop(ignored, None)
        if kwargs:
            raise TypeError(f"Keyword argument not understood: {next(iter(kwargs))!r}")
        self.trainable = trainable
        self.built = False
        self.input_spec = None
        self._dtype = tf.as_dtype(dtype) if dtype is not None else None
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._weight_specs = []      # (name, get_variable kwargs, variable) to re-ask the store
        self._weight_losses = []     # (variable, regularizer) for .losses in store mode
        self._losses = []
        self._updates = []
        self._frame = None
        self._losses_frame = None
        base = to_snake_case(type(self).__name__)
        if name is not None and not isinstance(name, str):  # a VariableScope
            self._base_name = name.name
            self._name = _unique_object_name(base)
        elif name:
            self._base_name = self._name = name
        else:
            self._base_name = base
            self._name = _unique_object_name(base)
        self._scope = None
        self._current_scope = None
        if scope:
            with _rt.variable_scope(scope) as captured:
                self._scope = captured

    # -- properties -----------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype.name if self._dtype is not None else None

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError(f'No name available for layer scope because the layer "{self._name}" '
                             "has not been used yet. The scope name is determined the first time "
                             "the layer instance is called. You must therefore call the layer "
                             "before querying `scope_name`.")
        return self._scope.name

    @property
    def trainable_weights(self):
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return list(self._non_trainable_weights)
        return list(self._trainable_weights) + list(self._non_trainable_weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    @property
    def losses(self):
        """Regularization losses: in a TF1 graph the collected tensors, else recomputed now."""
        if _rt.is_tf1_graph():
            return list(self._losses)
        recomputed = [reg(v) for v, reg in self._weight_losses]
        return [loss for loss in recomputed if loss is not None] + list(self._losses)

    @property
    def updates(self):
        """Update ops built in a TF1 graph (empty in store mode); as TF1, none for a layer
        with ``trainable=False``, so they never reach UPDATE_OPS."""
        return list(self._updates) if self.trainable else []

    # -- building blocks for subclasses -------------------------------------------
    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        """The output's static shape; each built-in layer computes it, as in TF1."""
        if _rt.is_tf1_graph():
            raise NotImplementedError  # TF1's graph-mode twin carries no message
        raise NotImplementedError("implement the `compute_output_shape` method on your layer "
                                  f"({type(self).__name__}).")

    def apply(self, inputs, *args, **kwargs):
        return self(inputs, *args, **kwargs)

    def add_loss(self, losses, inputs=None):
        losses = [loss for loss in tf.nest.flatten(losses) if loss is not None]
        self._losses.extend(losses)
        _add_unique(GraphKeys.REGULARIZATION_LOSSES, losses)

    def add_update(self, updates, inputs=None):
        """Record update ops; in a TF1 graph they go to UPDATE_OPS when the call ends.

        In store mode an update has already run (or runs now, if it is a callable) and
        nothing is recorded.
        """
        graph = _rt.is_tf1_graph()
        for update in tf.nest.flatten(updates):
            if callable(update):
                update = update()
            if update is None or not graph:
                continue
            self._updates.append(getattr(update, "op", update))

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, use_resource=None, synchronization=_AUTO,
                   aggregation=_NONE, partitioner=None, **kwargs):
        """Get or create a weight with ``get_variable`` in the layer's scope (TF1 semantics)."""
        for key in kwargs:
            if key != "experimental_autocast":
                raise TypeError(f"Unknown keyword argument: {key}")
        if synchronization == _ON_READ:
            if trainable:
                raise ValueError("Synchronization value can be set to VariableSynchronization.ON_READ "
                                 "only for non-trainable variables. You have specified trainable=True "
                                 "and synchronization=VariableSynchronization.ON_READ.")
            trainable = False
        elif trainable is None:
            trainable = True
        dtype = tf.as_dtype(dtype or self._dtype or tf.float32)
        initializer = _resolve.initializer(initializer)
        regularizer = _resolve.regularizer(regularizer)
        self._set_scope(None)
        reuse = self.built or self._reuse
        with _rt.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with self._op_name_scope(scope):
                args = dict(shape=shape, dtype=dtype, initializer=initializer,
                            trainable=trainable and self.trainable, constraint=constraint,
                            partitioner=partitioner, use_resource=use_resource,
                            synchronization=synchronization, aggregation=aggregation)
                graph_losses = self._graph_loss_count()
                variable, effective = self._get_variable(name, args, regularizer, scope)
                if graph_losses is not None:  # TF1: .losses holds the collected tensors
                    new = tf.compat.v1.get_collection(GraphKeys.REGULARIZATION_LOSSES)[graph_losses:]
                    known = {id(loss) for loss in self._losses}
                    self._losses.extend(loss for loss in new if id(loss) not in known)
        self._weight_specs.append((name, dict(args, regularizer=effective), variable))
        if effective is not None:
            self._weight_losses.append((variable, effective))
        if trainable and self.trainable and self._is_trainable(variable):
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        return variable

    add_variable = add_weight

    # -- internals ----------------------------------------------------------------
    def _get_variable(self, name, args, regularizer, scope):
        """get_variable with TF1's two regularizers: the scope's (via get_variable) and the layer's.

        TF1 layers never passed their regularizer to get_variable, so a scope regularizer
        still applied, and the layer's loss was added on top (two losses for one kernel).
        """
        scope_regularizer = getattr(scope, "regularizer", None)
        graph = _rt.is_tf1_graph() and _store.active() is None
        if regularizer is None or (scope_regularizer is None and not graph):
            variable = _rt.get_variable(name, regularizer=regularizer, **args)
            return variable, regularizer or scope_regularizer
        if graph:
            # The layer computes its own loss, only under "<name>/Regularizer" (TF 2.x's
            # get_variable would also run the regularizer once in the caller's name scope).
            before = len(tf.compat.v1.get_collection(GraphKeys.GLOBAL_VARIABLES))
            variable = _rt.get_variable(name, **args)
            if len(tf.compat.v1.get_collection(GraphKeys.GLOBAL_VARIABLES)) > before:
                for part in _parts(variable):
                    with tf.compat.v1.name_scope(name + "/Regularizer"):
                        loss = regularizer(part)
                    if loss is not None:
                        self.add_loss(loss)
            return variable, regularizer
        # The store keeps one regularizer per variable: their sum gives the same total loss.
        def both(v, first=scope_regularizer, second=regularizer):
            losses = [loss for loss in (first(v), second(v)) if loss is not None]
            return tf.add_n(losses) if losses else None

        return _rt.get_variable(name, regularizer=both, **args), both

    @staticmethod
    def _graph_loss_count():
        if _rt.is_tf1_graph() and _store.active() is None:
            return len(tf.compat.v1.get_collection(GraphKeys.REGULARIZATION_LOSSES))
        return None

    @staticmethod
    def _is_trainable(variable):
        if _rt.is_tf1_graph() and _store.active() is None:
            trainable = {id(v) for v in tf.compat.v1.trainable_variables()}
            return all(id(p) in trainable for p in _parts(variable))
        return getattr(variable, "trainable", True)

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with _rt.variable_scope(scope if scope is not None else self._base_name) as captured:
                    self._scope = captured
            else:
                with _rt.variable_scope(scope, default_name=self._base_name) as captured:
                    self._scope = captured

    @staticmethod
    def _op_name_scope(scope):
        if _rt.is_tf1_graph() and getattr(scope, "original_name_scope", ""):
            return tf.compat.v1.name_scope(scope.original_name_scope)
        return contextlib.nullcontext()

    def _needs_refresh(self):
        frame = _current_frame()
        return frame is not None and frame is not self._frame and not frame.persistent

    def _refresh_weights(self):
        """In a new ``track`` call, ask the store again for the variables this layer holds.

        That call's collections then list them, with their regularization losses, as a
        fresh TF1 graph build would have.
        """
        self._frame = _current_frame()
        for name, args, variable in self._weight_specs:
            found = _rt.get_variable(name, **args)
            if found is not variable:
                raise ValueError(f"unscope: layer {self._name!r} holds variable {variable.name} but "
                                 f"the store returned {found.name}; a layer object belongs to one "
                                 "`unscope.track` module.")

    def __call__(self, inputs, *args, **kwargs):
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        graph = _rt.is_tf1_graph()
        if not graph:
            # Store mode: .losses are those of this track call (one TF1 graph build), every
            # call of the layer in it included; outside track, those of this layer call.
            frame = _current_frame()
            if frame is None or frame.persistent or frame is not self._losses_frame:
                self._losses = []
                self._losses_frame = frame
        refresh = self.built and self._needs_refresh()
        if refresh:
            reuse = _rt.AUTO_REUSE  # re-claims the variables in this call; creates nothing
        else:
            reuse = True if self.built else self._reuse
        with _rt.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as vscope:
            self._current_scope = vscope
            with self._op_name_scope(vscope):
                inputs = _to_tensors(inputs)
                if not isinstance(inputs, (list, tuple, dict)):
                    _check_input_spec(self.input_spec, inputs, self._name)
                if not self.built:
                    self._maybe_build(inputs)
                elif refresh:
                    self._refresh_weights()
                outputs = self.call(inputs, *args, **kwargs)
                if outputs is None:
                    raise ValueError("A layer's `call` method should return a Tensor or a list of "
                                     f"Tensors, not None (layer: {self._name}).")
                if self._activity_regularizer is not None:
                    self._add_activity_loss(outputs)
        if graph:
            _add_unique(GraphKeys.UPDATE_OPS, self.updates)
            if _store.active() is not None:
                # A track module called while building a TF1 graph: its call collections are
                # its own, but only the graph's UPDATE_OPS reach the user's train op.
                _add_unique(GraphKeys.UPDATE_OPS, self.updates, tf.compat.v1.get_collection_ref)
        return outputs

    def _maybe_build(self, inputs):
        first = tf.nest.flatten(inputs)[0] if tf.nest.flatten(inputs) else None
        if self._dtype is None and hasattr(first, "dtype"):
            self._dtype = tf.as_dtype(first.dtype).base_dtype
        self._frame = _current_frame()
        self.build(tf.nest.map_structure(lambda t: getattr(t, "shape", None), inputs))
        self.built = True

    def _add_activity_loss(self, outputs):
        with tf.name_scope("ActivityRegularizer"):
            for output in tf.nest.flatten(outputs):
                loss = tf.convert_to_tensor(self._activity_regularizer(output))
                batch = tf.cast(tf.compat.v1.shape(output)[0], loss.dtype)
                self._losses.append(loss / batch)
                _add_unique(GraphKeys.REGULARIZATION_LOSSES, [self._losses[-1]])

    def __repr__(self):
        return f"<unscope.layers.{type(self).__name__} {self._name!r}>"


def _to_tensors(inputs):
    """NumPy arrays and Python numbers become tensors (as TF1 layers did); the rest stays."""
    def convert(value):
        if isinstance(value, (np.ndarray, np.generic, float, int)):
            return tf.convert_to_tensor(value)
        return value

    return tf.nest.map_structure(convert, inputs)


def _parts(variable):
    if isinstance(variable, _rt.PartitionedVariable) or hasattr(variable, "_get_variable_list"):
        return list(variable)
    return [variable]
