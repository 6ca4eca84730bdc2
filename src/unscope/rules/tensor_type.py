"""Migration rule `tensor_type` (see the class docstring)."""
from __future__ import annotations

import ast

from unscope.rules import Rule

_BARE_NOT = (ast.If, ast.While, ast.Assert, ast.BoolOp, ast.Return, ast.Assign, ast.Expr,
             ast.comprehension, ast.keyword, ast.AnnAssign)


class TensorType(Rule):
    """``type(t) is tf.Tensor`` (False for TF 2.21 graph tensors) -> ``isinstance(t, tf.Tensor)``.

        if type(t) is tf.Tensor:            # before: TF 1.15 True for a graph tensor
        if isinstance(t, tf.Tensor):        # after: True for graph, eager and tf.function tensors
        ok = type(t) != tf.Tensor           # before
        ok = not isinstance(t, tf.Tensor)   # after

    TF 2.21 builds graph tensors as ``SymbolicTensor`` (eager ones are ``EagerTensor``), both
    subclasses of ``tf.Tensor``; in TF 1.15 a graph tensor's class was ``tf.Tensor`` itself.
    Only ``tf.Tensor`` is rewritten: ``type(v) is tf.Variable`` was already False in TF 1.15.
    """

    DESCRIPTION = "type(t) is / == tf.Tensor -> isinstance(t, tf.Tensor)"
    ORDER = 45

    def apply(self, ctx) -> None:
        tensors = {id(ref.node): ref for ref in ctx.refs if ref.api() == "tf.Tensor"}
        if not tensors:
            return
        parents = ctx.parents
        for node in ast.walk(ctx.tree):
            if not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            left, op, right = node.left, node.ops[0], node.comparators[0]
            if id(right) not in tensors or not _is_type_call(left):
                continue
            if not isinstance(op, (ast.Is, ast.Eq, ast.IsNot, ast.NotEq)):
                continue
            negate = isinstance(op, (ast.IsNot, ast.NotEq))
            parent = parents.get(id(node))
            wrap = negate and not (isinstance(parent, _BARE_NOT)
                                   or (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not))
                                   or (isinstance(parent, ast.IfExp) and parent.test is node))
            opening = ("(not " if wrap else "not ") if negate else ""
            start = ctx.source.span(node)[0]
            arg = left.args[0]
            arg_start, arg_end = ctx.source.span(arg)
            right_start, right_end = ctx.source.span(right)
            if "#" in ctx.source.text[start:arg_start] + ctx.source.text[arg_end:right_start]:
                continue  # a comment inside `type( ... ) is`: leave it to a person
            ctx.edit(start, arg_start, opening + "isinstance(")
            ctx.edit(arg_end, right_start, ", ")
            ctx.edit(right_end, ctx.source.span(node)[1], ")" + (")" if wrap else ""))


def _is_type_call(node) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type"
            and len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred))
