"""What the graph reader makes: one :class:`Item` per graph-building statement, the
:class:`GraphPlan` of them, and :class:`CannotConvert` for a statement the pass cannot prove
equivalent (the program then stays TF1)."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from unscope.analyze.imports import canonical_api

__all__ = ["CannotConvert", "GraphPlan", "Item", "api_of", "literal_str"]


class CannotConvert(Exception):
    """A statement this pass cannot prove equivalent; ``node`` is where, ``api`` what."""

    def __init__(self, node, api, message):
        super().__init__(message)
        self.node, self.api = node, api


@dataclass
class Item:
    kind: str            # placeholder tensor global_step optimizer train saver init scoped seed python
    node: ast.stmt
    name: str | None = None
    deps: frozenset = frozenset()
    info: dict = field(default_factory=dict)


@dataclass
class GraphPlan:
    items: list
    by_name: dict

    def of_kind(self, kind):
        return [item for item in self.items if item.kind == kind]

    def closure(self, names):
        """The items the given names depend on (themselves included), in program order."""
        need, todo = set(), list(names)
        while todo:
            name = todo.pop()
            if name in need or name not in self.by_name:
                continue
            need.add(name)
            todo.extend(self.by_name[name].deps)
        return [item for item in self.items if item.name in need]


def api_of(node, table):
    return canonical_api(table.resolve(node) or "") if node is not None else None


def literal_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
