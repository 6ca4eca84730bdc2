"""``*args`` / ``**kwargs`` of a variable-making function: which of them its body reads.

One that is never read only swallows extra arguments: they change nothing TF1 made, so the
structure is all in the named parameters and the function can become a class without it
(the class's ``__init__`` and ``__call__`` take the named parameters; the TF1 text kept beside
it for other callers keeps the original signature).  One that is read - passed on with
``**kwargs`` into a layer or ``tf.get_variable``, indexed, or reachable through ``locals()`` -
may carry scope names or shapes that cannot be told from tensors: the function stays in TF1
form.

    >>> import ast
    >>> read_star_params(ast.parse("def f(x, *rest, **unused):\\n    return g(x, *rest)").body[0])
    ['rest']
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import walk

__all__ = ["read_star_params"]

# calls that read every local, the swallowed ones included
_INTROSPECTION = frozenset({"locals", "vars", "eval", "exec", "dir"})


def read_star_params(node: ast.FunctionDef) -> list[str]:
    """The names of ``node``'s ``*args`` / ``**kwargs`` that its body may read, in order."""
    names = [a.arg for a in (node.args.vararg, node.args.kwarg) if a is not None]
    if not names:
        return []
    seen: set[str] = set()
    for sub in walk(node):
        t = type(sub)
        if t is ast.Name and sub.id in names:
            seen.add(sub.id)
        elif t is ast.Call and type(sub.func) is ast.Name and sub.func.id in _INTROSPECTION:
            return names
        elif t in (ast.Nonlocal, ast.Global) and set(sub.names) & set(names):
            seen.update(set(sub.names) & set(names))
    return [n for n in names if n in seen]
