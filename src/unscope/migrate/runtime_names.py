"""Which names the unscope runtime provides, read from its source with ``ast`` (no TensorFlow).

Migration rewrites ``tf.layers.X`` to ``unscope.layers.X`` and so on; a name the runtime does
not define becomes a ``manual`` finding instead of a silent ``AttributeError`` at run time::

    >>> "dense" in provided("layers"), "no_such_layer" in provided("layers")
    (True, False)
"""
from __future__ import annotations

import ast
import functools
import os

__all__ = ["provided"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../unscope


def _module_file(dotted: str) -> str | None:
    rel = dotted.split(".")[1:] if dotted.startswith("unscope") else dotted.split(".")
    base = os.path.join(_PACKAGE, *rel) if rel else _PACKAGE
    for candidate in (os.path.join(base, "__init__.py"), base + ".py"):
        if os.path.isfile(candidate):
            return candidate
    return None


@functools.lru_cache(maxsize=None)
def _names(dotted: str) -> frozenset[str]:
    path = _module_file(dotted)
    if path is None:
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    names: set[str] = set()
    for stmt in tree.body:
        kind = type(stmt)
        if kind is ast.ImportFrom:
            module = stmt.module or ""
            if module == "__future__":
                continue
            if stmt.level:
                parent = dotted.rsplit(".", stmt.level - 1)[0] if os.path.basename(path) == "__init__.py" \
                    else dotted.rsplit(".", stmt.level)[0]
                module = f"{parent}.{module}".rstrip(".")
            for alias in stmt.names:
                if alias.name == "*":
                    if module.startswith("unscope"):
                        names |= _names(module)
                else:
                    names.add(alias.asname or alias.name)
        elif kind in (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef):
            names.add(stmt.name)
        elif kind is ast.Assign:
            for target in stmt.targets:
                if type(target) is ast.Name:
                    names.add(target.id)
                    if target.id == "_LAZY" and type(stmt.value) is ast.Dict:
                        names |= {k.value for k in stmt.value.keys if type(k) is ast.Constant}
                    if target.id in ("_SUBMODULES",) and type(stmt.value) in (ast.Set, ast.Tuple, ast.List):
                        names |= {e.value for e in stmt.value.elts if type(e) is ast.Constant}
                    if target.id == "__all__" and type(stmt.value) in (ast.List, ast.Tuple):
                        names |= {e.value for e in stmt.value.elts if type(e) is ast.Constant}
    # a package's submodules are attributes too
    if os.path.basename(path) == "__init__.py":
        folder = os.path.dirname(path)
        for entry in os.listdir(folder):
            if entry.endswith(".py") and entry != "__init__.py":
                names.add(entry[:-3])
            elif os.path.isfile(os.path.join(folder, entry, "__init__.py")):
                names.add(entry)
    return frozenset(n for n in names if not n.startswith("_"))


def provided(namespace: str) -> frozenset[str]:
    """Public names of ``unscope.<namespace>`` (``""`` for the top level)."""
    return _names("unscope" + ("." + namespace if namespace else ""))
