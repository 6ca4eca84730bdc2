"""How both sides are called and how their results are read, the same way in both processes.

No TensorFlow here: the worker and the parent each bring their own.
"""
from __future__ import annotations

import inspect
from collections.abc import Mapping

MODE_ARGUMENTS = ("training", "is_training")


def mode_kwargs(fn, training: bool, inputs=()) -> dict:
    """``{"training": training}`` (or ``is_training``) when `fn` takes such an argument.

    Both sides get the same mode: ``--training`` passes True, otherwise False, so a function
    whose default is ``is_training=True`` still runs in inference mode unless asked.
    """
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    for name in MODE_ARGUMENTS:
        param = params.get(name)
        if param is not None and name not in inputs and param.kind in (
                inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
            return {name: bool(training)}
    return {}


def flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    """``(key, leaf)`` pairs of a returned structure, keys joined with '/'.

    A single tensor is ``"output"``; tuples and lists give positions (``"0"``, ``"1"``);
    dicts and namedtuples give their keys, in their own order; None is skipped.

    >>> flatten({"a": 1, "b": (2, 3)})
    [('a', 1), ('b/0', 2), ('b/1', 3)]
    """
    if value is None:
        return []
    if isinstance(value, Mapping):
        items = [(str(k), v) for k, v in value.items()]
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        items = list(zip(value._fields, value))
    elif isinstance(value, (tuple, list)):
        items = [(str(i), v) for i, v in enumerate(value)]
    else:
        return [(prefix or "output", value)]
    out = []
    for key, item in items:
        out.extend(flatten(item, f"{prefix}/{key}" if prefix else key))
    return out


def callable_name(obj) -> str:
    """``Model`` / ``build`` / ``Outer.method``; a class defined in a function drops the path."""
    name = getattr(obj, "__qualname__", None) or type(obj).__name__
    return name.rsplit("<locals>.", 1)[-1]
