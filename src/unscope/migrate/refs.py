"""Every use of TensorFlow in a module: maximal ``a.b.c`` chains rooted at a TF import.

One ``ast.walk`` finds them; names are resolved with the per-file :class:`ImportTable`.  A
chain's *prefixes* are what rules match: ``tf.GraphKeys.UPDATE_OPS`` is matched at its prefix
``tf.GraphKeys``, ``slim.conv2d`` (``slim`` from ``tensorflow.contrib.slim``) at ``slim``::

    >>> import ast
    >>> from unscope.analyze import ImportTable
    >>> tree = ast.parse("import tensorflow.compat.v1 as tf\\nk = tf.GraphKeys.UPDATE_OPS")
    >>> [r.api(d) for r in collect(tree, ImportTable.from_tree(tree)).refs for d in range(r.depth + 1)]
    ['tf', 'tf.GraphKeys', 'tf.GraphKeys.UPDATE_OPS']

Names that a function parameter, a loop target or a plain assignment rebinds are not TF
there (``def f(layers): layers.append(x)`` is left alone).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from unscope.analyze.imports import ImportTable, canonical_api, is_tensorflow

__all__ = ["Ref", "RefIndex", "collect"]

_SCOPE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp,
                          ast.DictComp, ast.GeneratorExp})


class Ref:
    """One chain ``root.attr1.attr2...`` whose root name is bound to TensorFlow."""

    __slots__ = ("nodes", "attrs", "binding", "bound", "call", "claimed", "_apis", "_words")

    def __init__(self, nodes, attrs, binding, bound, call):
        self.nodes: list[ast.expr] = nodes      # nodes[d] is the prefix of depth d
        self.attrs: list[str] = attrs
        self.binding: str = binding             # the root name, e.g. "tf"
        self.bound: str = bound                 # what it is bound to, e.g. "tensorflow.compat.v1"
        self.call: ast.Call | None = call       # the call whose func is the whole chain
        self.claimed = False
        self._apis: list | None = None
        self._words: frozenset | None = None

    @property
    def words(self) -> frozenset:
        """Every dotted component of the chain's qualified name (a cheap prefilter for rules)."""
        if self._words is None:
            self._words = frozenset(self.bound.split(".")).union(self.attrs)
        return self._words

    @property
    def depth(self) -> int:
        return len(self.attrs)

    @property
    def node(self) -> ast.expr:
        return self.nodes[-1]

    def qualname(self, depth: int | None = None) -> str:
        attrs = self.attrs if depth is None else self.attrs[:depth]
        return ".".join([self.bound, *attrs]) if attrs else self.bound

    def api(self, depth: int | None = None) -> str | None:
        """Canonical TF1 name (``tf.`` = ``tensorflow.compat.v1``) of the prefix of ``depth``."""
        if self._apis is None:
            self._apis = [None] * (self.depth + 1)
        d = self.depth if depth is None else depth
        value = self._apis[d]
        if value is None:
            value = self._apis[d] = canonical_api(self.qualname(d)) or ""
        return value or None

    def called_at(self, depth: int) -> ast.Call | None:
        """The call of the prefix of ``depth`` when that prefix is the whole chain."""
        return self.call if depth == self.depth else None

    def __repr__(self) -> str:
        return f"Ref({self.qualname()!r} line {self.nodes[0].lineno})"


@dataclass
class RefIndex:
    refs: list[Ref] = field(default_factory=list)
    shadowed: set[str] = field(default_factory=set)   # TF names rebound at module level
    star_imports: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)        # every Name in the module
    attributes: set[str] = field(default_factory=set)   # every `.attr` read or written in it


def collect(tree: ast.Module, table: ImportTable) -> RefIndex:
    tf_names = table.tensorflow_names()
    index = RefIndex(star_imports=[m for m in table.star_imports if is_tensorflow(m)])
    if not tf_names:
        return index
    calls: dict[int, ast.Call] = {}
    chains: list[ast.expr] = []               # maximal Name / Attribute chains rooted at a Name
    scopes: list[ast.AST] = []
    rebinds: list[tuple[str, ast.AST]] = []   # (name, node) non-TF rebindings of a TF name
    tf_assigned: set[int] = set()             # Name targets of `x = tf.something` aliasing
    Attribute, Name, Call, Assign = ast.Attribute, ast.Name, ast.Call, ast.Assign
    Store, arg, AST = ast.Store, ast.arg, ast.AST
    names_seen = index.names
    attrs_seen = index.attributes
    fields = _FIELDS
    # One depth-first pass; a chain a.b.c is taken whole at its outermost node, so its inner
    # nodes are never visited (what makes this 2-3x faster than ast.walk).
    stack = [tree]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        kind = type(node)
        if kind is Attribute:
            attrs_seen.add(node.attr)
            root = node.value
            while type(root) is Attribute:
                attrs_seen.add(root.attr)
                root = root.value
            if type(root) is Name:
                names_seen.add(root.id)
                if root.id in tf_names:
                    chains.append(node)
            else:
                push(root)
            continue
        if kind is Name:
            names_seen.add(node.id)
            if node.id in tf_names:
                if type(node.ctx) is Store:
                    rebinds.append((node.id, node))
                else:
                    chains.append(node)
            continue
        if kind is Call:
            calls[id(node.func)] = node
        elif kind is Assign:
            for target in node.targets:
                if type(target) is Name and target.id in tf_names:
                    value = node.value
                    if type(value) in (Name, Attribute) and is_tensorflow(table.resolve(value)):
                        tf_assigned.add(id(target))
        elif kind is arg:
            if node.arg in tf_names:
                rebinds.append((node.arg, node))
        elif kind in _SCOPE_TYPES:
            scopes.append(node)
        names = fields.get(kind)
        if names is None:
            names = fields[kind] = tuple(f for f in kind._fields if f not in _NOT_NODES)
        for name in names:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, AST):
                        push(item)
            elif isinstance(value, AST):
                push(value)
    local: list[tuple[tuple, tuple, str]] = []
    for name, node in rebinds:
        if id(node) in tf_assigned:
            continue
        scope = _enclosing(scopes, node)
        if scope is None:
            index.shadowed.add(name)
        else:
            local.append(((scope.lineno, scope.col_offset),
                          (scope.end_lineno, scope.end_col_offset), name))
    refs = index.refs
    for node in chains:
        attrs = []
        nodes = [node]
        root = node
        while type(root) is Attribute:
            attrs.append(root.attr)
            root = root.value
            nodes.append(root)
        if type(root) is not Name or root.id not in tf_names or type(root.ctx) is Store:
            continue
        name = root.id
        if name in index.shadowed:
            continue
        if local:
            pos = (root.lineno, root.col_offset)
            if any(n == name and start <= pos < end for start, end, n in local):
                continue
        attrs.reverse()
        nodes.reverse()
        refs.append(Ref(nodes, attrs, name, table.resolve(root), calls.get(id(node))))
    refs.sort(key=lambda r: (r.nodes[0].lineno, r.nodes[0].col_offset))
    return index


_FIELDS: dict[type, tuple[str, ...]] = {}
_NOT_NODES = frozenset({"ctx", "op"})


def _enclosing(scopes: list[ast.AST], node: ast.AST):
    pos = (node.lineno, node.col_offset)
    best = None
    for scope in scopes:
        if (scope.lineno, scope.col_offset) <= pos < (scope.end_lineno, scope.end_col_offset):
            if best is None or (scope.lineno, scope.col_offset) > (best.lineno, best.col_offset):
                best = scope
    return best
