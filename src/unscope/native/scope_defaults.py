"""Scope-level ``initializer=`` / ``regularizer=`` / ``dtype=`` resolved per variable.

TF1 hands a scope's defaults to every ``get_variable`` below it - in callees too, and inside
layers, whose variables take them wherever the layer leaves its own argument None::

    with tf.variable_scope("m", regularizer=l2):      class Block(nn.Module):
        h = block(x)   # block's dense layer       ->     self.fc = nn.Dense(8, name=...,
                                                              kernel_regularizer=l2, bias_regularizer=l2)

A default that reaches a callee is copied into the callee as text, so it must mean the same
there: module-level names only, or a local assigned once from such an expression.
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import walk
from unscope.native import apis
from unscope.native.paths import free_names

__all__ = ["Foreign", "inherit", "layer_defaults"]

_KEYS = ("initializer", "regularizer", "dtype")


class Foreign:
    """An expression from a caller's scope header, as text valid in any function."""

    def __init__(self, text: str, names: set) -> None:
        self.text = text
        self.names = names

    def __eq__(self, other) -> bool:
        return isinstance(other, Foreign) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def inherit(program) -> None:
    """Set ``fn.inherited`` (key -> :class:`Foreign`) for every variable-making function:
    the scope defaults in force where its callers call it. Callers that disagree, or a
    default that cannot be copied, keep the function in TF1 form (with a finding)."""
    sites: dict[str, list] = {}
    for fn in program.creators.values():
        fn.inherited = {}
        _header_locals(program, fn)
        for ev in fn.events:
            if ev.kind in ("call", "template"):
                sites.setdefault(ev.callee.name, []).append((fn, ev))
    for fn in reversed(program.order):  # callers first
        for ev in fn.events:
            if ev.kind in ("template", "tcall") and (fn.inherited or ev.scope_kw):
                keys = "/".join(sorted(set(fn.inherited) | set(ev.scope_kw)))
                fn.fail(ev.node, "tf.make_template", f"a template used under a scope-level {keys}; "
                        f"kept in TF1 form")
        seen = None
        for caller, ev in sites.get(fn.name, []):
            here = dict(caller.inherited)
            for key in _KEYS:
                node = ev.scope_kw.get(key)
                if node is None:
                    continue
                value = node if isinstance(node, Foreign) else _portable(program, caller, node)
                if value is None:
                    caller.fail(node, "tf.variable_scope", f"the scope-level {key} reaches "
                                f"{fn.name}, which becomes a separate class, but is computed at "
                                f"run time; make it a module-level constant")
                    here = None
                    break
                here[key] = value
            if here is None:
                continue
            if seen is not None and seen != here:
                fn.fail(fn.node, f"def {fn.name}", f"{fn.name} is called under different "
                        f"scope-level initializers/regularizers/dtypes; kept in TF1 form")
                break
            seen = here
        if not seen:
            continue
        shadow = _local_names(fn.node) | set(program.creators)
        clash = sorted(n for v in seen.values() for n in v.names & shadow)
        if clash:
            fn.fail(fn.node, f"def {fn.name}", f"the scope-level defaults its callers set read "
                    f"{', '.join(clash)}, which {fn.name} rebinds; kept in TF1 form")
            continue
        fn.inherited = seen


def layer_defaults(ev, inherited: dict) -> dict:
    """nn keyword -> node (or :class:`Foreign`) a layer's variables take from the scopes
    around it; raises ValueError (the reason) where unscope.nn cannot express TF1's result."""
    scope = {**inherited, **ev.scope_kw}
    spec = ev.spec
    if not scope or not spec.variables:
        return {}
    if "dtype" in scope:
        raise ValueError("a layer under a scope-level dtype; kept in TF1 form")
    out: dict = {}
    for w in spec.weights:
        if w.switch is not None and _is_false(ev.bound.get(w.switch)) or \
                w.none_absent and w.initializer in ev.bound and apis.is_none(ev.bound[w.initializer]):
            continue  # this variable is not made
        if "initializer" in scope and w.initializer is not None:
            given = ev.bound.get(w.initializer)
            if given is None and w.scope_init or \
                    given is not None and apis.is_none(given) and not w.none_absent:
                out[w.initializer] = scope["initializer"]
        if "regularizer" in scope:
            if w.regularizer is None:
                var = (w.initializer or "").removesuffix("_initializer")
                raise ValueError(f"{ev.api} under a scope-level regularizer: TF1 regularizes "
                                 f"its {var} too, which unscope.nn cannot; kept in TF1 form")
            own = ev.bound.get(w.regularizer)
            if own is not None and not apis.is_none(own):
                raise ValueError(f"{w.regularizer}= under a scope-level "
                                  f"regularizer (TF1 adds both losses); kept in TF1 form")
            out[w.regularizer] = scope["regularizer"]
    return out


def _header_locals(program, fn) -> None:
    """``reg = l2(1e-4)`` read only by scope headers: the headers go, so the value moves to
    where it is used (and the variables that take it can be made in ``__init__``)."""
    headers = [item.context_expr for w in fn.unwraps for item in w.items]
    in_header = {id(n) for h in headers for n in walk(h)}
    done: dict = {}
    local = _local_names(fn.node)
    for ev in fn.events:
        for key, node in list(ev.scope_kw.items()):
            if type(node) is not ast.Name or node.id in fn.arg_nodes or node.id not in local:
                continue
            if node.id not in done:
                done[node.id] = None
                loads = [n for n in walk(fn.node) if type(n) is ast.Name and n.id == node.id
                         and type(n.ctx) is ast.Load]
                value = _portable(program, fn, node)
                if value is None or any(id(n) not in in_header for n in loads):
                    continue
                stmt = next(s for s in fn.node.body if type(s) is ast.Assign
                            and type(s.targets[0]) is ast.Name and s.targets[0].id == node.id)
                src = program.source
                rest = src.lines[stmt.end_lineno - 1][stmt.end_col_offset:].strip()
                if stmt.col_offset == src.indent(stmt.lineno) and (not rest or rest.startswith("#")):
                    fn.deletes.append(stmt)
                    done[node.id] = value
            value = done[node.id]
            if value is not None:
                ev.scope_kw[key] = value
                if ev.kind == "var" and ev.kwargs.get(key) is node:
                    ev.kwargs[key] = value


def _is_false(node) -> bool:
    return type(node) is ast.Constant and node.value is False


def _portable(program, caller, node):
    """``node`` (in ``caller``) as a :class:`Foreign`, or None when it reads run-time values."""
    local = _local_names(caller.node)
    names = free_names(node)
    if not names & local:
        return Foreign(program.source.segment(node), names)
    if type(node) is not ast.Name or node.id in caller.arg_nodes:
        return None
    stores = [n for n in walk(caller.node) if type(n) is ast.Name and n.id == node.id
              and type(n.ctx) is not ast.Load]
    assign = [s for s in caller.node.body if type(s) is ast.Assign and len(s.targets) == 1
              and type(s.targets[0]) is ast.Name and s.targets[0].id == node.id]
    if len(stores) != 1 or len(assign) != 1:
        return None
    value = assign[0].value
    names = free_names(value)
    if names & local:
        return None
    return Foreign(program.source.segment(value), names)


def _local_names(fn: ast.FunctionDef) -> set[str]:
    a = fn.args
    names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    names |= {p.arg for p in (a.vararg, a.kwarg) if p is not None}
    for node in walk(fn):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load:
            names.add(node.id)
        elif node is not fn and type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)
        elif type(node) in (ast.Import, ast.ImportFrom):
            names.update((al.asname or al.name).partition(".")[0] for al in node.names)
    return names
