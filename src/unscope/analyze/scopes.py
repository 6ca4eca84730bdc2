"""The static scope tree: scope frames inside one function, call contexts across functions,
and the merge of several contexts into one printed path.

A path is a tuple of segments (see ``unscope.analyze.names``), relative to the entry of the
function it appears in. A call of a function of the same file from inside a scope gives the
callee a *context*: the caller's path, reuse mode and the values of the callee's parameters.
Paths of a function called from several places are merged segment by segment::

    >>> merge_paths([(("model",), ("h0",)), (("model",), ("h1",))])
    'model/{h0|h1}'
    >>> merge_paths([(("d",), ("d_lin",), ("w",)), (("g",), ("g_lin",), ("w",))])
    '{d/d_lin|g/g_lin}/w'
"""
from __future__ import annotations

from unscope.analyze.names import render_segment

__all__ = ["Frame", "combine_reuse", "final_reuse", "merge_paths", "merge_reuse", "Context"]

# Relative reuse modes: None inherits the caller's; TF1 semantics: a truthy reuse wins.
REUSE_MODES = ("create", "reuse", "auto", "dynamic")


def combine_reuse(outer: str | None, inner: str | None) -> str | None:
    """Reuse in force inside ``inner`` given the mode of the enclosing scope (TF1: inner or outer)."""
    return inner if inner is not None else outer


def final_reuse(mode: str | None) -> str:
    return mode if mode is not None else "create"


class Frame:
    """One open `with` block that matters for names: variable_scope, name_scope, arg_scope."""

    __slots__ = ("kind", "vpath", "npath", "reuse", "mixed", "pending", "counts", "fallback")

    def __init__(self, kind: str, vpath: tuple, npath: tuple, reuse: str | None, pending=None):
        self.kind = kind          # 'root' | 'variable_scope' | 'name_scope' | 'arg_scope'
        self.vpath = vpath        # variable-scope path (what get_variable and layers see)
        self.npath = npath        # name-scope path (what tf.Variable and ops see)
        self.reuse = reuse        # relative reuse mode in force
        self.mixed = False        # name_scope frame that saw variable constructs
        self.pending = pending    # name_scope finding waiting to know whether it is mixed
        self.counts: dict = {}    # unnamed layers per default name: dense, dense_1, ...
        self.fallback = None      # line of the construct that keeps this block on the compat runtime


class Context:
    """How a function is reached: caller's absolute path, reuse mode, parameter values."""

    __slots__ = ("path", "reuse", "bindings")

    def __init__(self, path: tuple, reuse: str | None, bindings: dict):
        self.path = path
        self.reuse = reuse
        self.bindings = bindings

    def key(self):
        return (self.path, self.reuse, tuple(sorted((k, v) for k, v in self.bindings.items())))


_MAX_ALTERNATIVES = 4


def merge_paths(paths: list[tuple]) -> str | None:
    """One printable path for the paths a construct has in each of its contexts."""
    rendered: list[list[str]] = []
    seen = set()
    for path in paths:
        segs = [render_segment(seg) for seg in path]
        key = tuple(segs)
        if key not in seen:
            seen.add(key)
            rendered.append(segs)
    if not rendered:
        return None
    if len(rendered) == 1:
        return "/".join(rendered[0]) or None
    # common head and tail; the differing middles listed whole when there are few of them
    head = 0
    while all(len(r) > head for r in rendered) and len({r[head] for r in rendered}) == 1:
        head += 1
    tail = 0
    while all(len(r) - head > tail for r in rendered) and len({r[-1 - tail] for r in rendered}) == 1:
        tail += 1
    middles = sorted({"/".join(r[head:len(r) - tail]) for r in rendered})
    if len(middles) <= _MAX_ALTERNATIVES:
        middle = "{" + "|".join(middles) + "}"
    elif len({len(r) for r in rendered}) == 1:
        middle = "/".join(_column(column) for column in zip(*(r[head:len(r) - tail] for r in rendered)))
    else:
        middle = "{caller}"
    first = rendered[0]
    return "/".join([*first[:head], middle, *first[len(first) - tail:]])


def _column(values) -> str:
    values = sorted(set(values))
    if len(values) == 1:
        return values[0]
    return "{" + "|".join(values) + "}" if len(values) <= _MAX_ALTERNATIVES else "{*}"


def merge_reuse(modes: list[str]) -> str:
    values = set(modes)
    return values.pop() if len(values) == 1 else "varies"
