"""One parse per text while the passes over one file run: they hand their trees along.

Native mode runs several passes over a file (the program pass, the native pass, the check
that its output parses, the compat pass over that output, the stability re-run over the
compat output); each needs the tree of a text another pass has parsed already.  Inside
:func:`shared_parses`, :func:`parse` of a text seen before returns that tree.  No pass changes
a tree, so sharing one is safe.

    >>> with shared_parses():
    ...     parse("x = 1\\n") is parse("x = 1\\n")
    True
    >>> parse("x = 1\\n") is parse("x = 1\\n")
    False
"""
from __future__ import annotations

import ast
import contextlib
import threading

__all__ = ["parse", "shared_parses"]

_state = threading.local()   # .trees: {text: its tree} while shared_parses() is open


@contextlib.contextmanager
def shared_parses():
    """Share trees within this block (this thread); nested blocks use the outermost one's,
    which is dropped when it closes."""
    outer = getattr(_state, "trees", None)
    if outer is None:
        _state.trees = {}
    try:
        yield
    finally:
        if outer is None:
            _state.trees = None


def parse(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse(text, filename)``; inside :func:`shared_parses` the tree is kept and handed
    out again for the same text.  A text that does not parse raises each time (not kept)."""
    trees = getattr(_state, "trees", None)
    if trees is None:
        return ast.parse(text, filename=filename)
    tree = trees.get(text)
    if tree is None:
        tree = trees[text] = ast.parse(text, filename=filename)
    return tree
