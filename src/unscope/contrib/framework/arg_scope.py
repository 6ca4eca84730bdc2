"""`arg_scope`: default keyword arguments for a set of functions (TF1 contrib/slim).

    from unscope.contrib.framework import arg_scope
    from unscope.contrib.layers import conv2d, fully_connected

    with arg_scope([conv2d, fully_connected], weights_regularizer=l2_regularizer(1e-4)):
        with arg_scope([conv2d], padding="VALID"):
            net = conv2d(images, 32, [3, 3])      # both defaults apply

TF1 semantics: nested scopes merge (inner values win), explicit keyword
arguments win over the scope, positional arguments are not looked at, a scope
object (the dict yielded by `arg_scope`) can be re-entered, and the dict is keyed
by `arg_scope_func_key(fn)` (a string naming the undecorated function).
The stack is process-wide, as in TF1.  No TensorFlow import.
"""
from __future__ import annotations

import contextlib
import functools

__all__ = [
    "arg_scope",
    "add_arg_scope",
    "current_arg_scope",
    "has_arg_scope",
    "arg_scoped_arguments",
    "arg_scope_func_key",
]

_ARGSTACK: list[dict] = [{}]
_DECORATED_OPS: dict[str, tuple[str, ...]] = {}


def _stack() -> list[dict]:
    if not _ARGSTACK:
        _ARGSTACK.append({})
    return _ARGSTACK


def current_arg_scope() -> dict:
    """The innermost scope: ``{func_key: {arg: value}}``."""
    return _stack()[-1]


def arg_scope_func_key(op) -> str:
    """The key `op` has in an arg_scope dict (the same for a function and its decorated form)."""
    return getattr(op, "_key_op", str(op))


def _kwarg_names(func) -> tuple[str, ...]:
    n_defaults = len(func.__defaults__) if func.__defaults__ else 0
    code = func.__code__
    return tuple(code.co_varnames[code.co_argcount - n_defaults:code.co_argcount]) + tuple(
        code.co_varnames[code.co_argcount:code.co_argcount + code.co_kwonlyargcount])


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Set default keyword arguments for every op in `list_ops_or_scope`.

    `list_ops_or_scope` is a list/tuple of functions decorated with
    `add_arg_scope`, or a scope dict yielded by an earlier `arg_scope` (then no
    kwargs).  Yields the new current scope dict.
    """
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError(
                "When attempting to re-use a scope by suppling a dictionary, kwargs must be empty.")
        current_scope = list_ops_or_scope.copy()
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError(
                "list_ops_or_scope must either be a list/tuple or reused scope (i.e. dict)")
        current_scope = current_arg_scope().copy()
        for op in list_ops_or_scope:
            if not has_arg_scope(op):
                name = getattr(op, "__name__", repr(op))
                raise ValueError(
                    f"{getattr(op, '__module__', '')}.{name} is not decorated with @add_arg_scope; "
                    "decorate it (from unscope.contrib.framework import add_arg_scope) "
                    "or leave it out of the arg_scope list")
            key = arg_scope_func_key(op)
            merged = dict(current_scope.get(key, {}))
            merged.update(kwargs)
            current_scope[key] = merged
    _stack().append(current_scope)
    try:
        yield current_scope
    finally:
        _stack().pop()


def add_arg_scope(func):
    """Decorate `func` so that `arg_scope([func], ...)` can set its keyword defaults."""
    key = arg_scope_func_key(func)

    @functools.wraps(func)
    def func_with_args(*args, **kwargs):
        scope = current_arg_scope()
        if key in scope:
            merged = dict(scope[key])
            merged.update(kwargs)
            kwargs = merged
        return func(*args, **kwargs)

    _DECORATED_OPS[key] = _kwarg_names(func)
    func_with_args._key_op = key
    return func_with_args


def add_layer_arg_scope(func):
    """`add_arg_scope` for unscope's own layers, which AutoGraph also leaves alone.

    TF1 never converted layer internals (they branch with ``tf.cond`` already);
    under ``tf.function`` AutoGraph would otherwise re-convert every layer and the
    runtime below it on each trace, several times slower.
    """
    import tensorflow as tf  # only modules that need TensorFlow anyway call this

    return tf.autograph.experimental.do_not_convert(add_arg_scope(func))


def has_arg_scope(func) -> bool:
    """Whether `func` was decorated with `add_arg_scope`."""
    return arg_scope_func_key(func) in _DECORATED_OPS


def arg_scoped_arguments(func) -> tuple[str, ...]:
    """The keyword arguments an arg_scope can set for `func`."""
    if not has_arg_scope(func):
        raise ValueError(f"{func!r} is not decorated with @add_arg_scope")
    return _DECORATED_OPS[arg_scope_func_key(func)]
