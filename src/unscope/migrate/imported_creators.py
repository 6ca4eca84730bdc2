"""``imported_creators``: the names a file imports from files next to it that make TF1 variables.

``from model import dense_block`` or ``import modeling`` (then ``modeling.BertModel(...)``): a
function of this file that calls them makes variables too, in another file.  Only siblings are
read (``<dir>/<module>.py``, ``from . import`` style relative imports), each once per process,
and only their own creators count (what they import in turn is not followed).

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "model.py"), "w") as fh:
    ...     _ = fh.write("import tensorflow as tf\\ndef net(x):\\n    return tf.get_variable('w', [1])\\n")
    >>> tree = ast.parse("from model import net as body\\nimport model\\n")
    >>> sorted(imported_creators(tree, os.path.join(d, "train.py")).items())
    [('body', 'model.net'), ('model.net', 'model.net')]
"""
from __future__ import annotations

import ast
import functools
import os

__all__ = ["imported_creators"]


def imported_creators(tree: ast.Module, path: str) -> dict[str, str]:
    """``{name as called here: "module.function"}``; a module imported whole gives dotted keys
    (``"modeling.BertModel"``); a class whose ``__init__`` makes variables counts by its name."""
    if not path or path.startswith("<"):
        return {}
    here = os.path.dirname(os.path.abspath(path))
    found = {}
    for stmt in tree.body:
        if type(stmt) is ast.ImportFrom and stmt.level <= 1 and stmt.module:
            made = _creators(os.path.join(here, *stmt.module.split(".")) + ".py", path)
            for alias in stmt.names:
                if alias.name in made:
                    found[alias.asname or alias.name] = f"{stmt.module}.{alias.name}"
        elif type(stmt) is ast.ImportFrom and stmt.level == 1 and not stmt.module:
            for alias in stmt.names:
                for name in _creators(os.path.join(here, f"{alias.name}.py"), path):
                    found[f"{alias.asname or alias.name}.{name}"] = f"{alias.name}.{name}"
        elif type(stmt) is ast.Import:
            for alias in stmt.names:
                for name in _creators(os.path.join(here, *alias.name.split(".")) + ".py", path):
                    found[f"{alias.asname or alias.name}.{name}"] = f"{alias.name}.{name}"
    return found


def _creators(sibling: str, path: str) -> frozenset:
    if not os.path.isfile(sibling) or os.path.abspath(sibling) == os.path.abspath(path):
        return frozenset()
    try:
        stat = os.stat(sibling)
    except OSError:
        return frozenset()
    return _read(os.path.realpath(sibling), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _read(sibling: str, mtime: int, size: int) -> frozenset:
    from unscope.migrate.functions import creating_functions

    try:
        with open(sibling, encoding="utf-8") as fh:
            source = fh.read()
        spans = creating_functions(source, sibling, follow_imports=False)
    except Exception:  # best effort: a sibling that cannot be read adds nothing
        return frozenset()
    names = set()
    for name, _, _ in spans:
        head, _, tail = name.partition(".")
        if not tail:
            names.add(head)
        elif tail == "__init__":
            names.add(head)   # calling the class runs its __init__
    return frozenset(names)
