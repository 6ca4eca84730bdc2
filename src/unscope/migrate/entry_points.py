"""Where a module's code runs: at import, as the program's entry point, or only when called.

Graph mode belongs to a program's entry point.  A statement of a module is one of:

- ``"top"``: module-level code outside functions, classes and the ``__main__`` guard, and any
  function or class that code calls or names (it runs when the module is imported);
- ``"main"``: the body of ``if __name__ == "__main__":`` and what it calls or names, directly
  or through other functions of the module (``main()``, ``tf.app.run(main)``, ``tf.app.run()``);
- ``"library"``: everything else (functions that run only when another module calls them)::

    >>> import ast
    >>> tree = ast.parse("def main():\\n    pass\\ndef helper():\\n    pass\\n"
    ...                  "if __name__ == '__main__':\\n    main()\\n")
    >>> where = EntryPoints.of(tree)
    >>> where.at(2), where.at(4), where.at(6)
    ('main', 'library', 'main')
"""
from __future__ import annotations

import ast
import bisect

__all__ = ["EntryPoints", "is_main_guard"]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def is_main_guard(stmt: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` (either operand order)."""
    if type(stmt) is not ast.If or type(stmt.test) is not ast.Compare:
        return False
    test = stmt.test
    if len(test.ops) != 1 or type(test.ops[0]) is not ast.Eq:
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if type(s) is ast.Name and s.id == "__name__"]
    consts = [s for s in sides if type(s) is ast.Constant and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


def _names_used(nodes) -> set[str]:
    used = set()
    for node in nodes:
        for n in ast.walk(node):
            if type(n) is ast.Name and type(n.ctx) is ast.Load:
                used.add(n.id)
            elif type(n) is ast.Call and not n.args and not n.keywords and \
                    type(n.func) is ast.Attribute and n.func.attr == "run":
                used.add("main")  # tf.app.run() / absl's app.run() call __main__.main
    return used


class EntryPoints:
    def __init__(self, tree: ast.Module) -> None:
        self.guard: ast.If | None = None
        self._spans: list[tuple[int, int, str]] = []   # (first line, last line, where)
        defs: dict[str, ast.stmt] = {}
        top: list[ast.stmt] = []
        for stmt in tree.body:
            if isinstance(stmt, _DEFS):
                defs[stmt.name] = stmt
            elif is_main_guard(stmt) and self.guard is None:
                self.guard = stmt
            else:
                top.append(stmt)
        reach_top = self._reachable(_names_used(top), defs)
        reach_main = self._reachable(_names_used([self.guard] if self.guard else []), defs) - reach_top
        for stmt in tree.body:
            first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
            if isinstance(stmt, _DEFS):
                where = "top" if stmt.name in reach_top else "main" if stmt.name in reach_main else "library"
            else:
                where = "main" if stmt is self.guard else "top"
            self._spans.append((first, stmt.end_lineno, where))
        # module statements follow one another, so their spans are sorted and never nest
        self._firsts = [span[0] for span in self._spans]

    @classmethod
    def of(cls, tree: ast.Module) -> "EntryPoints":
        return cls(tree)

    @staticmethod
    def _reachable(names: set[str], defs: dict[str, ast.stmt]) -> set[str]:
        seen: set[str] = set()
        todo = [n for n in names if n in defs]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            todo.extend(n for n in _names_used(defs[name].body) if n in defs and n not in seen)
        return seen

    def at(self, line: int) -> str:
        """``"top"``, ``"main"`` or ``"library"`` for the code on ``line``."""
        i = bisect.bisect_right(self._firsts, line) - 1
        if i >= 0 and line <= self._spans[i][1]:
            return self._spans[i][2]
        return "top"
