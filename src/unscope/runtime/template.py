"""``make_template``: a function whose variables are created once and then reused.

A template made at module level outlives every tracked call: it remembers the
variables its first call created (so ``tf.train.Checkpoint(t=template)`` and an owning
``tf.Module`` see them) and hands them to any other tracked module that calls it, as one
TF1 graph shared a template's variables between every model built in it.
"""
from __future__ import annotations

import functools
import weakref

import tensorflow as tf

_no_autograph = tf.autograph.experimental.do_not_convert

from unscope.runtime.collections import get_collection
from unscope.runtime.scope import current_binding, variable_scope

GraphKeys = tf.compat.v1.GraphKeys


def _module_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c == "_" else "_" for c in name).strip("_") or "template"
    return "template_" + cleaned if cleaned[0].isdigit() else cleaned


class _Kept:
    """What the template's variables had beside them in their first store (no checkpoint
    dependency: the variables themselves are in ``tf1_variables``)."""

    def __init__(self):
        self.facts = {}  # TF1 name -> (collections, regularizer)
        self.partitioned = {}
        self.shared_with = weakref.WeakSet()  # stores that already hold all of them


class Template(tf.Module):
    """TF1's Template: the first call enters a unique scope and creates variables,
    later calls re-enter that scope with ``reuse=True``.

    >>> dense = unscope.make_template("dense", lambda x: x @ unscope.get_variable("w", [3, 3]))
    >>> model = unscope.track(lambda x: dense(dense(x)))     # one variable dense/w:0
    """

    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None):
        if name is None:
            raise ValueError("name cannot be None.")
        with tf.init_scope():  # tf.Module opens a name scope: never in the caller's graph
            super().__init__(name=_module_name(name))
        self._template_name = name
        self._func = func
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        self._variable_scope = None
        self._variables_created = False
        self._kept = _Kept()
        self.tf1_variables = {}  # checkpoint dependency, as in a track module
        if create_scope_now:  # TF1: a pure variable scope, no name scope
            with variable_scope(unique_name, default_name=name, custom_getter=custom_getter,
                                auxiliary_name_scope=False) as vs:
                self._variable_scope = vs

    @_no_autograph
    def __call__(self, *args, **kwargs):
        binding = current_binding()
        if binding is not None and self._variables_created:
            self._share_into(binding.store)
        if self._variable_scope is not None:
            with variable_scope(self._variable_scope, reuse=True if self._variables_created else None):
                return self._call_func(binding, args, kwargs)
        with variable_scope(self._unique_name, default_name=self._template_name,
                            custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(binding, args, kwargs)

    def _call_func(self, binding, args, kwargs):
        if binding is None:  # an unscope Template called in a TF1 graph
            return self._call_in_graph(args, kwargs)
        store = binding.store
        before = len(store.variables)
        result = self._func(*args, **kwargs)
        created = list(store.variables.items())[before:] if len(store.variables) != before else []
        if self._variables_created:
            trainable = [v for _, v in created if v.trainable]
            if trainable:
                raise ValueError("Trainable variable created when calling a template after the "
                                 "first time, perhaps you used tf.Variable when you meant "
                                 f"tf.get_variable: {trainable}")
        self._variables_created = True
        self._keep(store, created)
        return result

    def _call_in_graph(self, args, kwargs):
        if not self._variables_created:
            result = self._func(*args, **kwargs)
            self._variables_created = True
            return result
        before = len(tf.compat.v1.get_collection(GraphKeys.TRAINABLE_VARIABLES))
        result = self._func(*args, **kwargs)
        trainable = tf.compat.v1.get_collection(GraphKeys.TRAINABLE_VARIABLES)
        if len(trainable) != before:
            raise ValueError("Trainable variable created when calling a template after the first "
                             "time, perhaps you used tf.Variable when you meant tf.get_variable: "
                             f"{trainable[before:]}")
        return result

    def _keep(self, store, created):
        if not created:
            return
        prefix = self._variable_scope.name + "/"
        for name, variable in created:
            if name.startswith(prefix):
                self._kept.shared_with = weakref.WeakSet((store,))
                self.tf1_variables[name] = variable
                self._kept.facts[name] = (store.collections[name], store.regularizers.get(name))
        for name, partitioned in store.partitioned.items():
            if name.startswith(prefix):
                self._kept.partitioned.setdefault(name, partitioned)

    def _share_into(self, store):
        """Another module calls this template: its store gets the template's variables."""
        if store in self._kept.shared_with:
            return
        self._kept.shared_with.add(store)
        for name, (collections, regularizer) in self._kept.facts.items():
            if name not in store.variables:
                store.add(name, self.tf1_variables[name], collections, regularizer)
        for name, partitioned in self._kept.partitioned.items():
            store.partitioned.setdefault(name, partitioned)

    name = property(lambda self: self._template_name)
    func = property(lambda self: self._func)
    variable_scope = property(lambda self: self._variable_scope)

    @property
    def variable_scope_name(self):
        if self._variable_scope is None:
            return None
        return self._variable_scope.name

    @property
    def variables(self):
        """The template's variables (those under its scope), in creation order."""
        if current_binding() is None and self._variable_scope is not None:
            return get_collection(GraphKeys.GLOBAL_VARIABLES, self._variable_scope.name + "/")
        return list(self.tf1_variables.values())

    global_variables = variables

    @property
    def trainable_variables(self):
        return [v for v in self.variables if v.trainable]

    @property
    def non_trainable_variables(self):
        return [v for v in self.variables if not v.trainable]


@_no_autograph
def make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None,
                  **kwargs):
    """Wrap ``func_`` so that it creates its variables once and reuses them (TF1 semantics).

    >>> scale = unscope.make_template("scale", lambda x: x * unscope.get_variable("s", []))
    >>> a, b = scale(x1), scale(x2)     # one variable scale/s:0
    """
    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    if current_binding() is None:  # a TF1 graph: TF1's own Template
        return tf.compat.v1.make_template(name_, func_, create_scope_now_=create_scope_now_,
                                          unique_name_=unique_name_, custom_getter_=custom_getter_)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)
