"""``make_template``: a function whose variables are created once and then reused."""
from __future__ import annotations

import functools

import tensorflow as tf

_no_autograph = tf.autograph.experimental.do_not_convert

from unscope.runtime.collections import get_collection
from unscope.runtime.scope import current_binding, variable_scope

GraphKeys = tf.compat.v1.GraphKeys


class Template:
    """TF1's Template: the first call enters a unique scope and creates variables,
    later calls re-enter that scope with ``reuse=True``."""

    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None):
        self._name = name
        self._func = func
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        self._variable_scope = None
        self._variables_created = False
        if create_scope_now:
            with variable_scope(unique_name, default_name=name, custom_getter=custom_getter) as vs:
                self._variable_scope = vs

    @_no_autograph
    def __call__(self, *args, **kwargs):
        if self._variable_scope is not None:
            with variable_scope(self._variable_scope, reuse=True if self._variables_created else None):
                return self._call_func(args, kwargs)
        with variable_scope(self._unique_name, default_name=self._name,
                            custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(args, kwargs)

    def _call_func(self, args, kwargs):
        if not self._variables_created:
            result = self._func(*args, **kwargs)
            self._variables_created = True
            return result
        before = len(get_collection(GraphKeys.TRAINABLE_VARIABLES))
        result = self._func(*args, **kwargs)
        if len(get_collection(GraphKeys.TRAINABLE_VARIABLES)) != before:
            raise ValueError("Trainable variable created when calling a template after the first "
                             "time, perhaps you used tf.Variable when you meant tf.get_variable")
        return result

    name = property(lambda self: self._name)
    func = property(lambda self: self._func)
    variable_scope = property(lambda self: self._variable_scope)

    @property
    def variable_scope_name(self):
        if self._variable_scope is None:
            return None
        return self._variable_scope.name

    def _scoped(self, key):
        if self._variable_scope is None:
            return []
        return get_collection(key, self._variable_scope.name + "/")

    @property
    def variables(self):
        return self._scoped(GraphKeys.GLOBAL_VARIABLES)

    global_variables = variables

    @property
    def trainable_variables(self):
        return self._scoped(GraphKeys.TRAINABLE_VARIABLES)

    @property
    def non_trainable_variables(self):
        trainable = {id(v) for v in self.trainable_variables}
        return [v for v in self.variables if id(v) not in trainable]


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
