"""Where a file runs its graph: the statement list holding ``with tf.Session() as sess:``.

Three places count (the ways 2018 scripts were written): the module's top level, a
module-level function the ``if __name__ == "__main__":`` guard calls (``main()``), and the
guard's own body.  Library functions that take a Session are not programs.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from unscope.analyze.imports import ImportTable, canonical_api

__all__ = ["Entry", "find_entry", "SESSION_APIS"]

SESSION_APIS = frozenset({"tf.Session", "tf.InteractiveSession"})


@dataclass
class Entry:
    """``body`` the statements; ``function`` the function they belong to (None: module level
    or the ``__main__`` guard); ``session`` the ``with`` statement that runs the graph."""

    body: list
    function: ast.FunctionDef | None
    session: ast.With


def find_entry(tree: ast.Module, table: ImportTable) -> Entry | None:
    for body, function in _candidates(tree):
        for stmt in body:
            if isinstance(stmt, ast.With) and _is_session(stmt, table):
                return Entry(body, function, stmt)
    return None


def _is_session(stmt: ast.With, table: ImportTable) -> bool:
    return any(isinstance(item.context_expr, ast.Call)
               and canonical_api(table.resolve(item.context_expr.func) or "") in SESSION_APIS
               for item in stmt.items)


def _candidates(tree: ast.Module):
    yield tree.body, None
    functions = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
    for stmt in tree.body:
        if _is_main_guard(stmt):
            yield stmt.body, None
            for node in ast.walk(stmt):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in functions):
                    yield functions[node.func.id].body, functions[node.func.id]


def _is_main_guard(stmt) -> bool:
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    test = stmt.test
    sides = [test.left, *test.comparators]
    return (len(sides) == 2 and any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
            and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides))
