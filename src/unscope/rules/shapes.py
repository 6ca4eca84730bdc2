"""Migration rule `shapes` (see the class docstring)."""
from __future__ import annotations

import ast

from unscope.migrate.context import tf_target
from unscope.rules import Rule

# TensorShape methods that return a TensorShape
SHAPE_METHODS = frozenset({"with_rank", "with_rank_at_least", "with_rank_at_most", "merge_with",
                           "concatenate"})
_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

SHAPE, DIM, DIM_OBJECT = "shape", "dim", "dim_object"   # DIM: int/None in TF 2, DIM_OBJECT: Dimension


class Shapes(Rule):
    """TF1 ``Dimension.value`` on shape entries (ints / None in TF 2) -> ``tf.compat.dimension_value``.

        n_state = x.shape[-1].value                              # before
        n_state = tf.compat.dimension_value(x.shape[-1])         # after
        dims = [d.value for d in x.get_shape()]                  # before
        dims = [tf.compat.dimension_value(d) for d in x.get_shape()]   # after

    Provable: an index into ``.shape``, ``.get_shape()``, ``tf.TensorShape(...)`` (or a slice or
    ``with_rank...`` of one), a name every binding of which in its function is one of those, and
    a loop or comprehension variable iterating one.  ``tf.compat.dimension_value`` returns the int
    or None for both a TF 2 int and a TF1 Dimension, so the output also runs in graph files that
    keep ``disable_v2_behavior()``.  ``.dims[i]`` is still a Dimension in TF 2 and is left alone;
    ``foo[i].value`` on anything else is a finding (``FLAGS[name].value``, a flag's value, is none).
    """

    DESCRIPTION = "x.shape[i].value / d.value for d in x.get_shape() -> tf.compat.dimension_value(...)"
    ORDER = 45

    def apply(self, ctx) -> None:
        if "value" not in ctx.index.attributes:
            return  # no `.value` anywhere in the module: nothing to rewrite or report
        calls = {id(ref.call): ref for ref in ctx.refs if ref.call is not None}
        shapes = _Classifier(ctx.tree, calls)
        spelled = None
        for node, scope in shapes.value_reads():
            obj = node.value
            kind = shapes.classify(obj, scope)
            if kind == DIM:
                if spelled is None:
                    spelled = _dimension_value(ctx)
                start, end = ctx.source.span(obj)
                ctx.edit(start, start, spelled + "(")
                ctx.edit(end, ctx.source.span(node)[1], ")")
            elif kind is None and _looks_like_dimension(obj):
                text = " ".join(ctx.source.segment(obj).split())
                ctx.finding(node, "Dimension.value",
                            f"`{text}.value` reads TF1's Dimension.value, but `{text}` is not "
                            "provably a shape entry (TF 2 shapes hold int / None, which have no "
                            f".value); left unchanged - if it is one, write "
                            f"tf.compat.dimension_value({text})")


def _dimension_value(ctx) -> str:
    """``tf.compat.dimension_value`` spelled with the file's own TensorFlow name."""
    for name, kind in ctx.plan.kinds.items():
        if kind in ("root", "compat") and ctx.imports.import_aliases(name):
            if ctx.plan.dialect.get(name) == "tf2":
                return f"{name}.compat.dimension_value"
            return f"{name}.dimension_value"   # tensorflow.compat.v1 kept: its own name
    return ctx.spell(tf_target("compat.dimension_value"))


def _looks_like_dimension(obj: ast.expr) -> bool:
    """``foo[i]`` with a non-string, non-slice index: the TF1 ``shape[i].value`` pattern."""
    if not isinstance(obj, ast.Subscript) or isinstance(obj.slice, (ast.Slice, ast.Tuple)):
        return False
    index = obj.slice
    if _is_flags(obj.value):
        return False  # FLAGS[name].value: an absl / tf.app.flags Flag's value, no shape
    return not (isinstance(index, ast.Constant) and not isinstance(index.value, int))


def _is_flags(expr: ast.expr) -> bool:
    """``FLAGS`` or ``x.FLAGS``: the flag values of tf.app.flags / absl.flags, by convention."""
    return (isinstance(expr, ast.Name) and expr.id == "FLAGS") or \
        (isinstance(expr, ast.Attribute) and expr.attr == "FLAGS")


class _Classifier:
    """Which expressions are TensorShapes or their entries, with names resolved per scope."""

    def __init__(self, tree: ast.Module, calls: dict) -> None:
        self.calls = calls
        self.parent_scope: dict[int, ast.AST | None] = {id(tree): None}
        self.sites: dict[tuple[int, str], list] = {}    # (scope, name) -> binding values
        self.reads: list[tuple[ast.Attribute, ast.AST]] = []
        self._memo: dict[tuple[int, str], str | None] = {}
        self._walk(tree, tree)

    def value_reads(self):
        return self.reads

    # --- pass 1: bindings and `.value` reads, per scope -------------------------------------
    def _bind(self, scope, target, value) -> None:
        """Record what ``target`` is bound to: ``value`` (an expr), ``("iter", expr)`` or None."""
        if isinstance(target, ast.Name):
            self.sites.setdefault((id(scope), target.id), []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for item in target.elts:
                element = ("iter", value) if value is not None and not isinstance(value, tuple) else None
                self._bind(scope, item.value if isinstance(item, ast.Starred) else item,
                           None if isinstance(item, ast.Starred) else element)
        elif isinstance(target, ast.Starred):
            self._bind(scope, target.value, None)

    def _walk(self, node, scope) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, _SCOPES):
                self.parent_scope[id(child)] = scope
                inner = child
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self._bind(scope, ast.Name(id=child.name), None)
                if not isinstance(child, ast.ClassDef) and not isinstance(child, _COMPREHENSIONS):
                    for a in ast.walk(child.args):
                        if isinstance(a, ast.arg):
                            self._bind(child, ast.Name(id=a.arg), None)
                if isinstance(child, _COMPREHENSIONS):
                    for gen in child.generators:
                        self._bind(child, gen.target, ("iter", gen.iter))
            self._record(child, inner if isinstance(child, _SCOPES) else scope)
            self._walk(child, inner)

    def _record(self, node, scope) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind(scope, target, node.value)
        elif isinstance(node, ast.AnnAssign):
            self._bind(scope, node.target, node.value)
        elif isinstance(node, ast.NamedExpr):
            self._bind(scope, node.target, node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._bind(scope, node.target, ("iter", node.iter))
        elif isinstance(node, ast.AugAssign):
            self._bind(scope, node.target, None)
        elif isinstance(node, (ast.withitem,)) and node.optional_vars is not None:
            self._bind(scope, node.optional_vars, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self._bind(scope, ast.Name(id=node.name), None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                self._bind(scope, ast.Name(id=(alias.asname or alias.name).split(".")[0]), None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                self._bind(scope, ast.Name(id=name), None)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del):
            self._bind(scope, node, None)
        elif (isinstance(node, ast.Attribute) and node.attr == "value"
              and isinstance(node.ctx, ast.Load)):
            self.reads.append((node, scope))

    # --- pass 2: classification ------------------------------------------------------------
    def classify(self, expr, scope) -> str | None:
        """SHAPE, DIM, DIM_OBJECT or None (not provably any of them)."""
        if isinstance(expr, ast.Name):
            return self._name(expr.id, scope)
        if isinstance(expr, ast.Attribute):
            return SHAPE if expr.attr == "shape" else None
        if isinstance(expr, ast.Call):
            func = expr.func
            ref = self.calls.get(id(expr))
            if ref is not None:
                api = ref.api()
                return SHAPE if api == "tf.TensorShape" else DIM_OBJECT if api == "tf.Dimension" else None
            if isinstance(func, ast.Attribute):
                if func.attr == "get_shape" and not expr.args and not expr.keywords:
                    return SHAPE
                if func.attr in SHAPE_METHODS and self.classify(func.value, scope) == SHAPE:
                    return SHAPE
            return None
        if isinstance(expr, ast.Subscript):
            base = expr.value
            sliced = isinstance(expr.slice, ast.Slice)
            if isinstance(base, ast.Attribute) and base.attr == "dims":
                if self.classify(base.value, scope) == SHAPE:
                    return None if sliced else DIM_OBJECT
                return None
            if self.classify(base, scope) == SHAPE:
                return SHAPE if sliced else DIM
        return None

    def _iterated(self, expr, scope) -> str | None:
        if isinstance(expr, ast.Attribute) and expr.attr == "dims":
            return DIM_OBJECT if self.classify(expr.value, scope) == SHAPE else None
        return DIM if self.classify(expr, scope) == SHAPE else None

    def _name(self, name: str, scope) -> str | None:
        while scope is not None:
            key = (id(scope), name)
            if key in self.sites:
                if key not in self._memo:
                    self._memo[key] = None   # a cycle proves nothing
                    kinds = set()
                    for site in self.sites[key]:
                        if site is None:
                            kinds.add(None)
                        elif isinstance(site, tuple):
                            kinds.add(self._iterated(site[1], scope))
                        else:
                            kinds.add(self.classify(site, scope))
                    self._memo[key] = kinds.pop() if len(kinds) == 1 else None
                return self._memo[key]
            scope = self.parent_scope.get(id(scope))
            while isinstance(scope, ast.ClassDef):   # class bodies are not enclosing scopes
                scope = self.parent_scope.get(id(scope))
        return None
