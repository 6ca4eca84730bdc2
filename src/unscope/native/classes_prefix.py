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

__all__ = ["prefix_clash", "scope_names"]


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


def own_names(tree: ast.Module, classes: set) -> set:
    """What ``self.name`` can be in ``classes``: their ``name`` defaults and the ``name=``
    literals (or ``x.name = "..."`` stores) of the file."""
    out = set()
    for n in ast.walk(tree):
        if type(n) is ast.ClassDef and n.name in classes:
            for m in n.body:
                if type(m) is ast.FunctionDef and m.name == "__init__":
                    args = m.args.args
                    out.update(_literal(d) for a, d in zip(args[len(args) - len(m.args.defaults):], m.args.defaults)
                               if a.arg == "name")
        elif type(n) is ast.Call and type(n.func) is ast.Name and n.func.id in classes:
            out.update(_literal(k.value) for k in n.keywords if k.arg == "name")
        elif type(n) is ast.Assign and any(type(t) is ast.Attribute and t.attr == "name" for t in n.targets):
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
