"""``variable_scope`` and ``VariableScope`` with TF1's naming and reuse rules.

In a TF1 graph these delegate to ``tf.compat.v1``; in eager mode and under
``tf.function`` they drive unscope's store with the same rules:

* reuse is ``None``/``False`` (inherit), ``True`` or ``AUTO_REUSE``; a string scope
  inherits its parent's reuse (``new or old``), a re-entered scope object keeps its own;
* ``default_name`` is made unique per parent scope (``dense``, ``dense_1``, ...), with
  counters reset when the parent scope closes;
* custom getters of nested scopes compose, the inner one outermost.
"""
from __future__ import annotations

import copy
import functools

import tensorflow as tf

_no_autograph = tf.autograph.experimental.do_not_convert

from unscope.runtime import names as _names
from unscope.runtime import store as _store
from unscope.runtime.mode import is_tf1_graph

AUTO_REUSE = tf.compat.v1.AUTO_REUSE
_TF1Scope = tf.compat.v1.VariableScope


def current_binding():
    """The store binding in force, or None in a TF1 graph (delegate to tf.compat.v1)."""
    binding = _store.active()
    if binding is not None:
        return binding
    if is_tf1_graph():
        return None
    return _store.shared_call() or _store.default_binding()


def _wrap_custom_getter(custom_getter, old_getter):
    if old_getter is None:
        return custom_getter

    def wrapped_custom_getter(getter, *args, **kwargs):
        return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)

    return wrapped_custom_getter


class VariableScope:
    """A TF1 variable scope: a name prefix plus defaults for ``get_variable``.

    >>> with unscope.variable_scope("encoder") as scope:
    ...     w = unscope.get_variable("w", [3, 4])      # encoder/w:0
    >>> with unscope.variable_scope(scope, reuse=True):
    ...     assert unscope.get_variable("w") is w
    """

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=tf.float32,
                 use_resource=None, constraint=None):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    name = property(lambda self: self._name)
    original_name_scope = property(lambda self: self._name_scope)
    reuse = property(lambda self: self._reuse)
    initializer = property(lambda self: self._initializer)
    regularizer = property(lambda self: self._regularizer)
    caching_device = property(lambda self: self._caching_device)
    partitioner = property(lambda self: self._partitioner)
    custom_getter = property(lambda self: self._custom_getter)
    dtype = property(lambda self: self._dtype)
    use_resource = property(lambda self: self._use_resource)
    constraint = property(lambda self: self._constraint)

    def reuse_variables(self):
        """Reuse variables in this scope from now on (TF1 ``scope.reuse_variables()``)."""
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    @_no_autograph
    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=tf.VariableSynchronization.AUTO,
                     aggregation=tf.VariableAggregation.NONE):
        """TF1's ``VariableScope.get_variable``: fill defaults from the scope, then ask the store."""
        from unscope.runtime import getter as _getter

        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        full_name = self.name + "/" + name if self.name else name
        if dtype is not None and initializer is not None and not callable(initializer):
            init_dtype = tf.convert_to_tensor(initializer).dtype.base_dtype
            if init_dtype != tf.as_dtype(dtype):
                raise ValueError(f"Initializer type '{init_dtype}' and explicit dtype '{tf.as_dtype(dtype)}' don't match.")
        if initializer is None:
            initializer = self._initializer
        if constraint is None:
            constraint = self._constraint
        if dtype is None:
            dtype = self._dtype
        return _getter.get_variable(
            var_store, full_name, shape=shape, dtype=dtype, initializer=initializer,
            regularizer=regularizer, reuse=reuse, trainable=trainable, collections=collections,
            caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
            use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
            synchronization=synchronization, aggregation=aggregation)

    def get_collection(self, name):
        from unscope.runtime.collections import get_collection

        return get_collection(name, self._name + "/" if self._name else None)

    def trainable_variables(self):
        return self.get_collection(tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self):
        return self.get_collection(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self):
        return self.get_collection(tf.compat.v1.GraphKeys.LOCAL_VARIABLES)

    def __repr__(self):
        return f"<unscope.VariableScope {self._name!r} reuse={self._reuse}>"


_SCOPE_ATTRS = ("reuse", "name", "initializer", "regularizer", "caching_device", "partitioner",
                "custom_getter", "dtype", "use_resource", "constraint")


def _as_tf1_scope(scope):
    """Our scope object as a tf.compat.v1.VariableScope (made in graph mode: no eager overrides)."""
    if isinstance(scope, _TF1Scope):
        return scope
    return _TF1Scope(scope.reuse, name=scope.name, initializer=scope.initializer,
                     regularizer=scope.regularizer, caching_device=scope.caching_device,
                     partitioner=scope.partitioner, custom_getter=scope.custom_getter,
                     name_scope=scope.original_name_scope, dtype=scope.dtype,
                     use_resource=scope.use_resource, constraint=scope.constraint)


def _is_scope(obj) -> bool:
    return isinstance(obj, (VariableScope, _TF1Scope))


class variable_scope:  # noqa: N801 - TF1's name
    """A context manager for defining ops that create variables (TF1 semantics).

    >>> with unscope.variable_scope("model", reuse=unscope.AUTO_REUSE):
    ...     w = unscope.get_variable("w", [4, 4])       # model/w:0, shared on re-entry
    """

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope=True):
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if reuse is False:  # TF1: False means "inherit", as None does
            reuse = None
        if not (reuse is True or reuse is None or reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        if name_or_scope is not None and not (isinstance(name_or_scope, str) or _is_scope(name_or_scope)):
            raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, "
                            f"while get {auxiliary_name_scope}")
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._values = values
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._reuse = reuse
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint
        self._auxiliary_name_scope = auxiliary_name_scope
        self._tf1 = None
        self._state = None
        self._opened_name_scope = None

    # -- TF1 graph: delegate -------------------------------------------------
    def _enter_tf1(self):
        name_or_scope = self._name_or_scope
        if isinstance(name_or_scope, VariableScope):
            name_or_scope = _as_tf1_scope(name_or_scope)
        self._tf1 = tf.compat.v1.variable_scope(
            name_or_scope, default_name=self._default_name, values=self._values,
            initializer=self._initializer, regularizer=self._regularizer,
            caching_device=self._caching_device, partitioner=self._partitioner,
            custom_getter=self._custom_getter, reuse=self._reuse, dtype=self._dtype,
            use_resource=self._use_resource, constraint=self._constraint,
            auxiliary_name_scope=self._auxiliary_name_scope)
        return self._tf1.__enter__()

    # -- store mode ------------------------------------------------------------
    def __enter__(self):
        binding = current_binding()
        if binding is None:
            return self._enter_tf1()
        target = self._name_or_scope
        if target is None and self._reuse:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        # TF1's variable_scope._enter_scope_uncached: which name scope opens, and
        # which name the scope remembers as its original_name_scope.
        name_scope = None if self._auxiliary_name_scope else _names.reentering_current()
        if target is None:
            name_scope = name_scope or _names.NameScope(self._default_name)
        elif isinstance(target, str):
            if target or name_scope:
                name_scope = name_scope or _names.NameScope(target)
        else:
            last = target.name.split("/")[-1]
            if last or name_scope:
                name_scope = name_scope or _names.NameScope(last)
        entered = name_scope.enter() if name_scope is not None else None
        try:
            scope = self._enter_variable_scope(binding.scopes, target, entered)
        except BaseException:
            if name_scope is not None:
                name_scope.exit()
            raise
        self._opened_name_scope = name_scope
        return scope

    def _enter_variable_scope(self, state, target, entered_name_scope):
        """TF1's ``_pure_variable_scope.__enter__``."""
        old = state.current
        if target is None:
            target = state.unique_name(self._default_name)
        by_object = _is_scope(target)
        if by_object:
            new_name = target.name
            scope = VariableScope(
                target.reuse if not self._reuse else self._reuse, name=new_name,
                initializer=target.initializer, regularizer=target.regularizer,
                caching_device=target.caching_device, partitioner=target.partitioner,
                dtype=target.dtype, custom_getter=target.custom_getter,
                name_scope=target.original_name_scope, use_resource=target.use_resource,
                constraint=self._constraint)
            parent_getter = target.custom_getter
        else:
            new_name = old.name + "/" + target if old.name else target
            scope = VariableScope(
                self._reuse or old.reuse, name=new_name, initializer=old.initializer,
                regularizer=old.regularizer, caching_device=old.caching_device,
                partitioner=old.partitioner, dtype=old.dtype, use_resource=old.use_resource,
                custom_getter=old.custom_getter,
                name_scope=target if entered_name_scope is None else entered_name_scope,
                constraint=self._constraint)
            parent_getter = old.custom_getter
        if self._initializer is not None:
            scope.set_initializer(self._initializer)
        if self._regularizer is not None:
            scope.set_regularizer(self._regularizer)
        if self._caching_device is not None:
            scope.set_caching_device(self._caching_device)
        if self._partitioner is not None:
            scope.set_partitioner(self._partitioner)
        if self._custom_getter is not None:
            scope.set_custom_getter(_wrap_custom_getter(self._custom_getter, parent_getter))
        if self._dtype is not None:
            scope.set_dtype(self._dtype)
        if self._use_resource is not None:
            scope.set_use_resource(self._use_resource)
        state.open(new_name)
        self._saved_counts = copy.copy(state.counts) if by_object else None
        self._by_object = by_object
        self._new_name = new_name
        self._old = old
        self._scope = scope
        self._state = state
        state.current = scope
        return scope

    def __exit__(self, exc_type, exc, tb):
        if self._tf1 is not None:
            tf1, self._tf1 = self._tf1, None
            return tf1.__exit__(exc_type, exc, tb)
        # As TF1: the name scope closes even when the variable scope is improperly nested.
        try:
            state = self._state
            if state.current is not self._scope:
                raise RuntimeError("Improper nesting of variable_scope.")
            if self._by_object:
                state.counts = self._saved_counts
            else:
                state.close_subscopes(self._new_name)
            state.current = self._old
        finally:
            if self._opened_name_scope is not None:
                self._opened_name_scope.exit(exc_type, exc, tb)
        return False


@_no_autograph
def get_variable_scope():
    """The current variable scope (TF1 ``tf.get_variable_scope()``)."""
    binding = current_binding()
    if binding is None:
        return tf.compat.v1.get_variable_scope()
    return binding.scopes.current
