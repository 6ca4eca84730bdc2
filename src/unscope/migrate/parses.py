"""One parse per text, one walk per node, while the passes over one file run.

Native mode runs several passes over a file (the program pass, the native pass, the check
that its output parses, the compat pass over that output, the stability re-run over the
compat output); each needs the tree of a text another pass has parsed already, and native
mode's analyses each walk the same functions.  Inside :func:`shared_parses`, :func:`parse` of a
text seen before returns that tree, and :func:`walk` / :func:`parents` of a node walked before
return the nodes found then.  No pass changes a tree, so sharing is safe.

    >>> with shared_parses():
    ...     parse("x = 1\\n") is parse("x = 1\\n")
    True
    >>> parse("x = 1\\n") is parse("x = 1\\n")
    False
    >>> tree = ast.parse("y = f(x)\\n")
    >>> walk(tree) == list(ast.walk(tree))
    True
"""
from __future__ import annotations

import ast
import contextlib
import threading

__all__ = ["parse", "shared_parses", "walk", "parents"]

_state = threading.local()   # while shared_parses() is open: .trees {text: tree},
                             # .walks {id(node): (node, its walk, parents)}


@contextlib.contextmanager
def shared_parses():
    """Share trees within this block (this thread); nested blocks use the outermost one's,
    which is dropped when it closes."""
    outer = getattr(_state, "trees", None)
    if outer is None:
        _state.trees, _state.walks = {}, {}
    try:
        yield
    finally:
        if outer is None:
            _state.trees = _state.walks = None


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


def walk(node: ast.AST) -> list:
    """The nodes of ``ast.walk(node)``, in its order (breadth first, fields in order)."""
    return _walked(node)[0]


def parents(node: ast.AST) -> dict:
    """``{child: parent}`` for the nodes below ``node`` (a child met twice: its last parent in
    walk order, as a dict filled while walking with ``ast.iter_child_nodes`` would hold)."""
    return _walked(node)[1]


def _walked(node):
    walks = getattr(_state, "walks", None)
    if walks is None:
        return _walk(node)
    found = walks.get(id(node))
    if found is None:
        found = walks[id(node)] = (node, *_walk(node))   # the node kept: its id stays its own
    return found[1:]


def _walk(root) -> tuple[list, dict]:
    nodes, up = [root], {}
    AST = ast.AST
    for node in nodes:   # grows while it is read: breadth first, as ast.walk
        for name in node._fields:
            try:
                value = getattr(node, name)
            except AttributeError:
                continue
            if isinstance(value, AST):
                nodes.append(value)
                up[value] = node
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        nodes.append(item)
                        up[item] = node
    return nodes, up
