"""Variable stores, call frames and the thread-local binding stack.

A *store* owns variables by TF1 name for the lifetime of a ``track`` module (or of
the process, for the eager default store).  A *frame* is one call of the model
function: TF1's per-graph facts (which names were already asked for, collections,
``default_name`` counters) live there and start fresh on every call, which is what
makes the second call map to the same variables as the first.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import tensorflow as tf

GraphKeys = tf.compat.v1.GraphKeys


class VariableStore:
    """Variables by TF1 name, in creation order, with what TF1 kept beside them."""

    def __init__(self, on_create: Callable[[str, Any], None] | None = None):
        self.variables: dict[str, tf.Variable] = {}
        self.partitioned: dict[str, Any] = {}
        self.collections: dict[str, tuple[str, ...]] = {}
        self.regularizers: dict[str, Callable] = {}
        self.plain: dict[tuple[str, int], str] = {}  # plain tf.Variable: (scope/name, n) -> TF1 name
        self.keys: set[str] = set()  # every collection some variable is in
        self._on_create = on_create
        self.lock = threading.RLock()

    def add(self, name: str, variable, collections, regularizer) -> None:
        self.variables[name] = variable
        self.collections[name] = tuple(collections)
        self.keys.update(collections)
        if regularizer is not None:
            self.regularizers[name] = regularizer
        if self._on_create is not None:
            self._on_create(name, variable)

    def in_collection(self, key: str) -> list:
        return [v for n, v in self.variables.items() if key in self.collections[n]]

    def regularization_losses(self) -> list:
        losses = []
        for name, reg in self.regularizers.items():
            loss = reg(self.variables[name])
            if loss is not None:
                losses.append(loss)
        return losses


@dataclass
class CallFrame:
    """What one call of a model function has done so far (TF1: one graph build)."""

    claimed: set = field(default_factory=set)
    claimed_partitioned: set = field(default_factory=set)
    collections: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)  # id(item) -> TF1 name, for items without one
    plain_counts: dict = field(default_factory=dict)  # plain tf.Variable base name -> uses
    persistent: bool = False  # the eager default store: one frame for the whole process


class ScopeState:
    """TF1's ``_VariableScopeStore``: the current scope and ``default_name`` counters."""

    def __init__(self, root):
        self.root = root
        self.current = root
        self.counts: dict[str, int] = {}

    def open(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def close_subscopes(self, name: str) -> None:
        prefix = name + "/"
        for key in self.counts:
            if key.startswith(prefix):
                self.counts[key] = 0

    def unique_name(self, prefix: str) -> str:
        base = self.current.name + "/" + prefix if self.current.name else prefix
        if self.counts.get(base, 0) == 0:
            return prefix
        idx = 1
        while self.counts.get(f"{base}_{idx}", 0) > 0:
            idx += 1
        return f"{prefix}_{idx}"


@dataclass(eq=False)
class Binding:
    """Where store-mode calls go: a store, the current frame, the scope state."""

    store: VariableStore
    frame: CallFrame
    scopes: ScopeState
    default: bool = False  # the process-wide eager default store (for error hints)


_tls = threading.local()
_default_store = VariableStore()
_default_frame = CallFrame(persistent=True)


def _stack() -> list:
    stack = getattr(_tls, "stack", None)
    if stack is None:
        stack = _tls.stack = []
    return stack


_live: list[Binding] = []  # tracked calls in progress, in every thread


def push(binding: Binding) -> None:
    _stack().append(binding)
    _live.append(binding)


def pop(binding: Binding) -> None:
    stack = _stack()
    if not stack or stack[-1] is not binding:
        raise RuntimeError("unscope: improper nesting of track calls")
    stack.pop()
    for i in range(len(_live) - 1, -1, -1):
        if _live[i] is binding:
            del _live[i]
            break


def active() -> Binding | None:
    stack = _stack()
    return stack[-1] if stack else None


def shared_call() -> Binding | None:
    """For a thread started inside a tracked call: that call, seen from this thread.

    TF1 shared a graph's variable store and collections across threads and kept one
    variable-scope stack per thread, starting at the root.  The main thread is never
    such a thread; with several calls running at once, the latest started is taken.
    """
    if not _live or threading.current_thread() is threading.main_thread():
        return None
    try:
        call = _live[-1]
    except IndexError:  # it ended meanwhile
        return None
    view = getattr(_tls, "view", None)
    if view is None or view[0] is not call:
        view = _tls.view = (call, Binding(call.store, call.frame, ScopeState(call.scopes.root)))
    return view[1]


def default_binding() -> Binding:
    """The eager default store, with per-thread scope state (as TF1 keeps per thread)."""
    binding = getattr(_tls, "default", None)
    if binding is None or binding.store is not _default_store:
        from unscope.runtime.scope import VariableScope

        binding = Binding(_default_store, _default_frame, ScopeState(VariableScope(False)), default=True)
        _tls.default = binding
    return binding


def reset_default_store() -> None:
    """Forget every variable of the eager default store (TF1: ``reset_default_graph``).

    Only the default store used *outside* ``unscope.track`` is affected.
    """
    global _default_store, _default_frame
    _default_store = VariableStore()
    _default_frame = CallFrame(persistent=True)
    _tls.default = None
