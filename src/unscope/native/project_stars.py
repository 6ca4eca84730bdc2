"""``from ops import *`` between files of one run (DCGAN's model.py): which names it brings in.

Python binds every public name of the module (``__all__``, when the module sets it to a
literal list or tuple of strings). The project pass needs the functions and classes the other
file *defines* (``def linear``, ``class batch_norm``, a ``def concat`` in both branches of an
``if``/``else``): those are what a caller may build as
modules; a name the other file only imported (``tf``, ``np``, another star) is no function of
the run. A name the importing file binds itself, or that two star imports could bring, is left
out (TF1 form, as before): which one wins is Python's import order, not worth guessing.

    >>> import ast
    >>> ops = ast.parse("import tensorflow as tf\\ndef linear(x): pass\\ndef _private(x): pass\\n"
    ...                 "class batch_norm(object): pass\\n")
    >>> star_names(ops)
    ('batch_norm', 'linear')
    >>> star_names(ast.parse("__all__ = ['linear']\\ndef linear(x): pass\\ndef conv(x): pass\\n"))
    ('linear',)
"""
from __future__ import annotations

import ast

from unscope.native.project_helpers import module_functions

__all__ = ["star_names", "star_imports"]


def star_names(tree: ast.Module) -> tuple:
    """The functions and classes ``tree`` defines at its top level that ``import *`` binds."""
    defined = [s.name for s in tree.body if type(s) is ast.ClassDef] + list(module_functions(tree))
    listed = _all(tree)
    if listed is not None:
        return tuple(sorted(n for n in defined if n in listed))
    return tuple(sorted(n for n in defined if not n.startswith("_")))


def _all(tree: ast.Module):
    """``__all__``'s names when it is one literal list/tuple of strings; else None (an
    ``__all__`` computed at run time, or extended later, leaves nothing known: no name)."""
    found = None
    for s in tree.body:
        targets = s.targets if type(s) is ast.Assign else [s.target] if type(s) in (ast.AugAssign, ast.AnnAssign) else []
        if any(type(t) is ast.Name and t.id == "__all__" for t in targets):
            value = s.value
            if found is not None or type(s) is not ast.Assign or type(value) not in (ast.List, ast.Tuple) \
                    or not all(type(e) is ast.Constant and isinstance(e.value, str) for e in value.elts):
                return frozenset()
            found = frozenset(e.value for e in value.elts)
    return found


def star_imports(tree: ast.Module, bound: dict, owner, parse) -> list:
    """``[(name, owner path, module as written), ...]`` for the names this file's top-level
    ``from m import *`` statements bring from files of the run. ``bound``: name -> how many
    top-level statements of this file bind it; ``owner(module)``: the run's file a module
    names, or None; ``parse(path)``: that file's tree, or None."""
    found: dict[str, list] = {}
    for stmt in tree.body:
        if type(stmt) is not ast.ImportFrom or [a.name for a in stmt.names] != ["*"] or stmt.level:
            continue
        path = owner(stmt.module)
        other = parse(path) if path is not None else None
        if other is None:
            continue
        for name in star_names(other):
            found.setdefault(name, []).append((path, stmt.module))
    return [(name, where[0][0], where[0][1]) for name, where in sorted(found.items())
            if len(where) == 1 and not bound.get(name)]
