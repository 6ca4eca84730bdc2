"""``imported_names``: the project-level pre-pass of native mode — which names of each file of a
run other files of the same run import.

Native mode turns a variable-making function into a class; a name another file imports must
not vanish with it. This pass reads every file once with ``ast`` (no LibCST, no
qualified-name provider) and resolves ``import pkg.mod`` (then ``pkg.mod.f``),
``import pkg.mod as m`` (then ``m.f``), ``from pkg.mod import f as g`` and relative imports
(``from . import x``, ``from .layers import dense``) to the files of the run.

    >>> import os, tempfile
    >>> root = tempfile.mkdtemp()
    >>> os.makedirs(os.path.join(root, "pkg"))
    >>> for name, text in {"__init__.py": "", "layers.py": "def dense(x): pass\\n",
    ...                    "model.py": "from .layers import dense as fc\\n"}.items():
    ...     with open(os.path.join(root, "pkg", name), "w") as fh:
    ...         _ = fh.write(text)
    >>> found = imported_names([os.path.join(root, "pkg", n) for n in ("layers.py", "model.py")])
    >>> sorted(found[os.path.realpath(os.path.join(root, "pkg", "layers.py"))])
    ['dense']

The result maps each file's real path to a frozenset of names (plain data: it travels to the
worker processes of a parallel run with each file's own entry only).
"""
from __future__ import annotations

import ast
import os

from unscope.migrate.parses import walk

__all__ = ["imported_names"]


def imported_names(paths) -> dict[str, frozenset]:
    """``{realpath: frozenset(names other files of the run import from it)}``; files that
    cannot be read or parsed import nothing (migrate reports them on its own)."""
    files = [os.path.realpath(os.fspath(p)) for p in paths if os.fspath(p).endswith(".py")]
    by_module: dict[str, list] = {}   # ambiguous names (two model.py) count for both: keeping is safe
    for path in files:
        for dotted in _dotted_names(path):
            by_module.setdefault(dotted, []).append(path)
    found: dict[str, set] = {path: set() for path in files}
    # every dotted prefix of a module of the run: an alias (`tf`, `np`) standing for none of
    # them cannot reach a file of the run, so its attribute chains are not followed
    reachable = {".".join(parts[:i]) for dotted in by_module
                 for parts in [dotted.split(".")] for i in range(1, len(parts) + 1)}
    for path in files:
        tree = _parse(path)
        if tree is None:
            continue
        for target, name in _imports(tree, path, reachable):
            for owner in by_module.get(target, ()):
                if owner != path:
                    found[owner].add(name)
    return {path: frozenset(names) for path, names in found.items() if names}


def _parse(path: str):
    return _parse_bytes(path)[1]


def _parse_bytes(path: str):
    """``(bytes, tree)`` of a file; ``(None, None)`` when it cannot be read or parsed."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        return data, ast.parse(data, filename=path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None, None


def _dotted_names(path: str) -> list[str]:
    """Every dotted module name the file may be imported as: ``model``, ``pkg.model``, ... up
    the folders (which folder is on ``sys.path`` is not known statically)."""
    folder, base = os.path.split(path)
    parts = [] if base == "__init__.py" else [base[:-3]]
    names = []
    while True:
        if parts:
            names.append(".".join(reversed(parts)))
        folder, part = os.path.split(folder)
        if not part or not part.isidentifier():
            return names
        parts.append(part)


def _package(path: str, level: int) -> list[str]:
    """The dotted names of the package a relative import of ``level`` starts from."""
    folder = os.path.dirname(path)
    for _ in range(level - 1):
        folder = os.path.dirname(folder)
    return _dotted_names(os.path.join(folder, "__init__.py"))


def _imports(tree: ast.Module, path: str, reachable=None):
    """``(module, name)`` for every name this file takes from a module (through an alias, only
    from modules whose name is in ``reachable``, when given)."""
    aliases: dict[str, str] = {}   # local name -> dotted module it stands for
    nodes = walk(tree)   # ast.walk's nodes, in its order, walked once for both loops
    for node in nodes:
        if type(node) is ast.ImportFrom:
            if node.level:
                bases = _package(path, node.level)
                modules = [f"{b}.{node.module}" if node.module else b for b in bases] or \
                    ([node.module] if node.module else [])
            else:
                modules = [node.module]
            for alias in node.names:
                if alias.name == "*":
                    continue
                for module in modules:
                    yield module, alias.name
                    # ``from pkg import layers``: layers.f reads pkg.layers
                    aliases.setdefault(alias.asname or alias.name, f"{module}.{alias.name}")
        elif type(node) is ast.Import:
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.partition(".")[0]
                    aliases.setdefault(top, top)
    if reachable is not None:
        aliases = {local: dotted for local, dotted in aliases.items() if dotted in reachable}
    if not aliases:
        return
    for node in nodes:
        if type(node) is not ast.Attribute:
            continue
        chain = []
        root = node
        while type(root) is ast.Attribute:
            chain.append(root.attr)
            root = root.value
        if type(root) is not ast.Name or root.id not in aliases:
            continue
        chain.reverse()
        dotted = aliases[root.id]
        for i, attr in enumerate(chain):
            yield dotted, attr
            dotted = f"{dotted}.{attr}"
