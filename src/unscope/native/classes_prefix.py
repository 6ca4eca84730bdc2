"""TF1 selects variables by a prefix of their names, not by scope: where that reaches another module.

    class Model(object):                       actor = Actor(name="actor")
        @property                              target = Actor(name="actor_target")
        def vars(self):                        actor.vars   # TF1: actor/... AND actor_target/...
            return tf.get_collection(
                tf.GraphKeys.GLOBAL_VARIABLES, scope=self.name)

TF1's ``get_collection(key, scope=s)`` keeps every variable of the graph whose name
``re.match``es ``s``, so ``"actor"`` also selects ``actor_target/w:0``. A native model class
lists only its own modules' variables (``nn.variables_under(self, s)``), which misses those of
another object. :func:`prefix_clash` finds, in one file, a scope a class's lists select under
(a literal, or for ``self.name`` the class's ``name`` default and the ``name=`` literals its
constructions pass) that also matches another scope name spelled in the file (a
``variable_scope``'s name, a ``name=`` keyword or default, an ``x.name = "..."`` store),
``"actor/target"`` included; such a class stays TF1, saying which names meet. Names made at run
time or in other files are not seen.
"""
from __future__ import annotations

import ast
import re

__all__ = ["own_names", "prefix_clash", "scope_attributes", "scope_names"]


def _literal(node):
    return node.value if type(node) is ast.Constant and isinstance(node.value, str) else None


def scope_names(tree: ast.Module) -> set:
    """The string literals the file uses as scope or object names."""
    out = set()
    for n in ast.walk(tree):
        if type(n) is ast.Call:
            func = n.func.attr if type(n.func) is ast.Attribute else n.func.id if type(n.func) is ast.Name else ""
            if func in ("variable_scope", "name_scope") and n.args:
                out.add(_literal(n.args[0]))
            out.update(_literal(k.value) for k in n.keywords if k.arg in ("name", "scope", "name_or_scope"))
        elif type(n) in (ast.FunctionDef, ast.AsyncFunctionDef):
            args = n.args.args + n.args.kwonlyargs
            defaults = [None] * (len(n.args.args) - len(n.args.defaults)) + n.args.defaults + n.args.kw_defaults
            out.update(_literal(d) for a, d in zip(args, defaults) if d is not None and a.arg in ("name", "scope"))
        elif type(n) is ast.Assign and any(type(t) is ast.Attribute and t.attr == "name" for t in n.targets):
            out.add(_literal(n.value))
    out.discard(None)
    return out


def own_names(tree: ast.Module, classes: set, param: str = "name") -> set:
    """What ``self.name`` (or the attribute ``__init__`` stores from ``param``) can be in
    ``classes``: their ``param`` defaults and the ``param=`` literals (or ``x.name = "..."``
    stores) of the file."""
    out = set()
    for n in ast.walk(tree):
        if type(n) is ast.ClassDef and n.name in classes:
            for m in n.body:
                if type(m) is ast.FunctionDef and m.name == "__init__":
                    args = m.args.args
                    out.update(_literal(d) for a, d in zip(args[len(args) - len(m.args.defaults):], m.args.defaults)
                               if a.arg == param)
        elif type(n) is ast.Call and type(n.func) is ast.Name and n.func.id in classes:
            out.update(_literal(k.value) for k in n.keywords if k.arg == param)
        elif type(n) is ast.Assign and param == "name" \
                and any(type(t) is ast.Attribute and t.attr == "name" for t in n.targets):
            out.add(_literal(n.value))
    out.discard(None)
    return out


def prefix_clash(selected: set, names: set) -> str | None:
    """Why a list under one of ``selected`` would miss what TF1 selected, or None."""
    for scope in sorted(selected):
        try:
            pattern = re.compile(scope)
        except re.error:
            return f"it selects variables under {scope!r}, which is no regular expression TF1 could match"
        for other in sorted(names):
            if other != scope and pattern.match(other):
                return (f"TF1's variable lists under {scope!r} also select {other!r}/... (a prefix of "
                        f"the name, not a scope), which another object makes")
    return None


def scope_attributes(cls: ast.ClassDef) -> dict:
    """``{attr: (param, default)}`` for ``self.scope = scope`` in ``__init__``'s body, ``scope``
    a parameter with a literal string default that nothing reassigns, ``self.scope`` stored
    nowhere else in the class: a scope name fixed when the object is made."""
    init = next((m for m in cls.body if type(m) is ast.FunctionDef and m.name == "__init__"), None)
    if init is None:
        return {}
    args = init.args.args
    defaults = {a.arg: _literal(d) for a, d in zip(args[len(args) - len(init.args.defaults):], init.args.defaults)}
    rebound = {n.id for n in ast.walk(init) if type(n) is ast.Name and type(n.ctx) is not ast.Load}
    stores: dict = {}
    for n in ast.walk(cls):
        if type(n) is ast.Attribute and type(n.ctx) is not ast.Load and type(n.value) is ast.Name \
                and n.value.id == "self":
            stores[n.attr] = stores.get(n.attr, 0) + 1
    out = {}
    for stmt in init.body:
        t = stmt.targets[0] if type(stmt) is ast.Assign and len(stmt.targets) == 1 else None
        if type(t) is ast.Attribute and type(t.value) is ast.Name and t.value.id == "self" and t.attr != "name" \
                and type(stmt.value) is ast.Name and defaults.get(stmt.value.id) is not None \
                and stmt.value.id not in rebound and stores.get(t.attr) == 1:
            out[t.attr] = (stmt.value.id, defaults[stmt.value.id])
    return out
