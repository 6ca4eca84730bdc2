"""Epoch loops: ``while True: try: sess.run(...) except tf.errors.OutOfRangeError: break``
around the run that pulls an iterator's next element becomes Python iteration.

    while True:                                        for x, y in iterator:
        try:                                               _, l = sess.run([train_op, loss])
            _, l = sess.run([train_op, loss])      ->      ...
            ...
        except tf.errors.OutOfRangeError:
            break

Only when that run comes first in the ``try`` (TF1 ran nothing of the body once the data
ended, and a ``for`` loop runs nothing either) and no other run in it pulls an iterator.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["Loop", "read_loop", "pulled"]


@dataclass
class Loop:
    """``node`` the ``while``; ``body`` the ``try`` body that becomes the ``for`` body;
    ``first`` the statement whose run pulls ``names`` (the element's names) from ``iterator``."""

    node: ast.While
    body: list
    first: ast.stmt
    names: list
    iterator: str

    @property
    def header(self) -> str:
        return f"for {', '.join(self.names)} in {self.iterator}:"


def read_loop(stmt, sess, graph) -> Loop | None:
    if not (isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and stmt.test.value is True
            and not stmt.orelse and len(stmt.body) == 1 and isinstance(stmt.body[0], ast.Try)):
        return None
    attempt = stmt.body[0]
    if attempt.orelse or attempt.finalbody or len(attempt.handlers) != 1:
        return None
    handler = attempt.handlers[0]
    if not (_is_out_of_range(handler.type) and handler.name is None and len(handler.body) == 1
            and isinstance(handler.body[0], ast.Break)):
        return None
    runs = [[n for n in ast.walk(s) if _is_run(n, sess)] for s in attempt.body]
    first = [pulled(call, graph) for call in runs[0]]
    if len(first) != 1 or len(first[0]) != 1:
        return None
    if any(pulled(call, graph) for calls in runs[1:] for call in calls):
        return None
    nxt = first[0][0]
    return Loop(stmt, attempt.body, attempt.body[0], list(nxt.info["names"]), nxt.info["iterator_name"])


def pulled(call, graph) -> list:
    """The ``get_next()`` items a ``sess.run`` call's fetches read."""
    fetches = call.args[0] if call.args else None
    elts = fetches.elts if isinstance(fetches, (ast.List, ast.Tuple)) else [fetches]
    names = [e.id for e in elts if isinstance(e, ast.Name)]
    return [i for i in graph.closure(names) if i.kind == "next"]


def _is_out_of_range(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "OutOfRangeError"
            and ast.unparse(node.value) in ("tf.errors", "errors"))


def _is_run(node, sess) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "run" and isinstance(node.func.value, ast.Name)
            and node.func.value.id == sess)
