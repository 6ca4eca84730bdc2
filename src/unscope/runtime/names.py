"""The graph name scopes TF1 opened, eagerly and under ``tf.function``, with TF1's name checks.

A TF1 ``variable_scope`` also opened a name scope (``tower/``, ``tower_1/`` on re-entry) and
the graph rejected names it could not use as op names.  Under ``tf.function`` the FuncGraph
does both itself; eagerly there are no op names, so the checks are made here, with the
graph's own wording, and name scopes are not made unique (TF2 eager never does).
"""
from __future__ import annotations

import re

import tensorflow as tf

# tensorflow/python/framework/ops.py: _VALID_OP_NAME_REGEX, _VALID_SCOPE_NAME_REGEX
_ROOT_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_NESTED_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


_valid_anywhere: set = set()  # names found valid at the root (then valid nested too)


def check_scope_name(name: str, at_root: bool) -> None:
    """Raise TF1's ValueError for a name scope the graph would not accept."""
    if at_root:
        if not _ROOT_NAME.match(name):
            raise ValueError(f"'{name}' is not a valid root scope name. A root scope name has "
                             f"to match the following pattern: {_ROOT_NAME.pattern}")
        if len(_valid_anywhere) < 4096:
            _valid_anywhere.add(name)
    elif not _NESTED_NAME.match(name):
        raise ValueError(f"'{name}' is not a valid scope name. A scope name has to match "
                         f"the following pattern: {_NESTED_NAME.pattern}")


def check_variable_name(name: str) -> None:
    """TF1 made a variable's ops under the root name scope: its full name must be an op name."""
    check_scope_name(name, at_root=True)


class NameScope:
    """One name scope, entered once and exited at most once (TF1 exited it even after an
    improper-nesting error, and a second exit did nothing)."""

    __slots__ = ("_name", "_cm")

    def __init__(self, name: str):
        self._name = name
        self._cm = None

    def enter(self) -> str:
        name = self._name
        # Graphs check names themselves; eagerly a name once valid at the root always is.
        if name and name not in _valid_anywhere and tf.executing_eagerly():
            check_scope_name(name, at_root=not tf.get_current_name_scope())
        cm = tf.name_scope(name)
        entered = cm.__enter__()
        self._cm = cm
        return entered

    def exit(self, exc_type=None, exc=None, tb=None) -> None:
        cm, self._cm = self._cm, None
        if cm is not None:
            cm.__exit__(exc_type, exc, tb)


def reentering_current() -> NameScope:
    """``auxiliary_name_scope=False``: TF1 re-entered the current name scope."""
    current = tf.get_current_name_scope()
    return NameScope(current + "/" if current else "")


def restore_eager_name_scope(name: str) -> None:
    """Put the eager name scope back to ``name`` (a scope left open by improperly nested
    code would otherwise outlive the call: eager name scopes are per-thread state)."""
    tf.name_scope(name + "/" if name else "").__enter__()  # eagerly: only sets the scope name
