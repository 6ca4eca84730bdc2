"""Functions the graph code calls that may make TF1 variables but became no class.

    def head(x):                                   pred = head(x)   # in the train step:
        return model.dense_block(x, 8, "fc")  ->   # TF1 variables made at every trace,
    ...                                            # "Variable fc/fc1/kernel already exists"
    pred = head(x)                                 # and never trained

A model function native mode made a class of is built once by the program; one it kept in
TF1 form (it calls another file's function that is no module, it uses a collection, ...)
cannot be: the program then stays TF1 with a finding naming the call.  A function is taken
as making no variables only when :func:`unscope.native.project_helpers.plain_functions`
proves it from its file; a call into a sibling module of the program (``model.f``,
``from model import f``) is read in that file.
"""
from __future__ import annotations

import ast
import os

from unscope.native.project_helpers import plain_functions

__all__ = ["variable_makers", "dotted"]


def variable_makers(tree: ast.Module, path: str, classes) -> frozenset:
    """Dotted names (``head``, ``model.dense_block``, ``dense_block``) the program's graph code
    may call that may make TF1 variables and are none of ``classes`` (the names it builds)."""
    here = os.path.dirname(os.path.abspath(path)) if path and os.path.isfile(path) else None
    siblings = _sibling_imports(tree, here)
    makers = {s.name for s in tree.body if type(s) is ast.FunctionDef}
    makers -= plain_functions(tree, frozenset(name.partition(".")[0] for name in siblings))
    for local, (target, function) in siblings.items():
        if function is None:        # import model: every call model.f of a maker f
            plain = _plain_in(target)
            makers |= {f"{local}.{name}" for name in _functions_of(target) - plain}
            if os.path.isdir(target):
                makers.add(local)   # a package of the run: anything under it may make variables
        elif function in _functions_of(target) - _plain_in(target):
            makers.add(local)
    return frozenset(makers - set(classes))


def dotted(func) -> str | None:
    parts = []
    while type(func) is ast.Attribute:
        parts.append(func.attr)
        func = func.value
    return ".".join([func.id] + parts[::-1]) if type(func) is ast.Name else None


def _sibling_imports(tree, here) -> dict:
    """``{local name: (sibling path, imported function or None)}`` for imports of files (or
    packages) next to the program."""
    found = {}
    if here is None:
        return found
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                target = _sibling(here, alias.name)
                if target is not None and (alias.asname or "." not in alias.name):
                    found[alias.asname or alias.name] = (target, None)
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.level <= 1:
            target = _sibling(here, stmt.module)
            if target is not None:
                for alias in stmt.names:
                    if alias.name != "*":
                        found[alias.asname or alias.name] = (target, alias.name)
    return found


def _sibling(here, module):
    base = os.path.join(here, *module.split("."))
    if os.path.isfile(base + ".py"):
        return base + ".py"
    return base if os.path.isdir(base) else None


def _parsed(target):
    if not os.path.isfile(target):
        return None
    try:
        with open(target, encoding="utf-8") as fh:
            return ast.parse(fh.read())
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None


def _plain_in(target) -> frozenset:
    tree = _parsed(target)
    if tree is None:
        return frozenset()
    here = os.path.dirname(target)
    return plain_functions(tree, frozenset(n.partition(".")[0] for n in _sibling_imports(tree, here)))


def _functions_of(target) -> set:
    tree = _parsed(target)
    return {s.name for s in tree.body if type(s) is ast.FunctionDef} if tree is not None else set()
