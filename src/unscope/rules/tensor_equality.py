"""Migration rule `tensor_equality` (see the class docstring)."""
from __future__ import annotations

import ast

from unscope.migrate.context import unscope_target
from unscope.rules import Rule

# TF1 functions returning lists of variables / tensors (compared by identity in TF 1.15)
LIST_APIS = frozenset({
    "tf.trainable_variables", "tf.global_variables", "tf.local_variables", "tf.model_variables",
    "tf.all_variables", "tf.moving_average_variables", "tf.get_collection", "tf.get_collection_ref",
})
_BARE_NOT = (ast.If, ast.While, ast.Assert, ast.BoolOp, ast.Return, ast.Assign, ast.Expr,
             ast.comprehension, ast.keyword, ast.AnnAssign)
_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class TensorEquality(Rule):
    """``v in tf.trainable_variables()`` (identity in TF 1.15, elementwise in TF 2) -> ``unscope.is_in``.

        frozen = [v for v in tf.global_variables() if v not in tf.trainable_variables()]   # before
        frozen = [v for v in unscope.global_variables()
                  if not unscope.is_in(v, unscope.trainable_variables())]                  # after

    The container is a call of a TF1 variable / collection list function, or a name every
    binding of which in its function is one.  ``set()`` of such a list (TF 2 variables are
    unhashable) is a finding.
    """

    DESCRIPTION = "x in tf.trainable_variables() / get_collection(...) -> unscope.is_in(x, ...)"
    MODES = ("compat",)
    ORDER = 45

    def apply(self, ctx) -> None:
        lists = {id(ref.call) for ref in ctx.refs if ref.call is not None and ref.api() in LIST_APIS}
        if not lists:
            return
        names = _list_names(ctx.tree, lists)
        parents = ctx.parents
        for node in ast.walk(ctx.tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("set", "frozenset") and len(node.args) == 1
                    and _is_list(node.args[0], node, names, lists, parents)):
                ctx.finding(node, "tf.Tensor.__hash__",
                            f"`{node.func.id}()` of TF variables / tensors: TF 2 makes them unhashable "
                            "(elementwise ==); left unchanged - key by `v.ref()` "
                            "(`{v.ref() for v in ...}`) or keep a list and test with unscope.is_in")
            if not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            op, right = node.ops[0], node.comparators[0]
            if not isinstance(op, (ast.In, ast.NotIn)) or not _is_list(right, node, names, lists, parents):
                continue
            negate = isinstance(op, ast.NotIn)
            parent = parents.get(id(node))
            wrap = negate and not (isinstance(parent, _BARE_NOT)
                                   or (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not))
                                   or (isinstance(parent, ast.IfExp) and parent.test is node))
            start, left_end = ctx.source.span(node.left)
            right_start, right_end = ctx.source.span(right)
            if "#" in ctx.source.text[left_end:right_start]:
                continue
            is_in = ctx.spell(unscope_target("is_in"))
            opening = ("(not " if wrap else "not ") if negate else ""
            ctx.edit(start, start, f"{opening}{is_in}(")
            ctx.edit(left_end, right_start, ", ")
            ctx.edit(right_end, right_end, ")" + (")" if wrap else ""))


def _is_list(expr, at, names, lists, parents) -> bool:
    if isinstance(expr, ast.Call):
        return id(expr) in lists
    if isinstance(expr, ast.Name):
        scope = parents.get(id(at))
        while scope is not None and not isinstance(scope, _SCOPES):
            scope = parents.get(id(scope))
        while scope is not None:
            known = names.get((id(scope), expr.id))
            if known is not None:
                return known
            scope = parents.get(id(scope))
            while scope is not None and not isinstance(scope, _SCOPES):
                scope = parents.get(id(scope))
    return False


def _list_names(tree, lists) -> dict:
    """``(scope, name) -> bool``: True where every binding of the name is a list call."""
    out: dict = {}

    def visit(scope):
        found: dict[str, bool] = {}
        if not isinstance(scope, ast.Module):
            for a in ast.walk(scope.args):
                if isinstance(a, ast.arg):
                    found[a.arg] = False
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, _SCOPES):
                found[getattr(node, "name", "")] = False
                visit(node)
                continue
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                found[name] = found.get(name, True) and isinstance(node.value, ast.Call) \
                    and id(node.value) in lists
                stack.extend(ast.iter_child_nodes(node.value))
                continue
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                found[node.id] = False
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                for n in node.names:
                    found[n] = False
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    found[(alias.asname or alias.name).split(".")[0]] = False
            stack.extend(ast.iter_child_nodes(node))
        for name, ok in found.items():
            out[(id(scope), name)] = ok

    visit(tree)
    return out
