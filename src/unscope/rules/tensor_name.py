"""Migration rule `tensor_name` (see the class docstring)."""
from __future__ import annotations

import ast

from unscope.rules import Rule

MESSAGE = ("`{arg}.name` of a tensor is undefined eagerly (TF 2 raises AttributeError); this "
           "function runs in graphs and under tf.function only - call it as "
           "tf.function(unscope.track(fn)), or read the name only when not tf.executing_eagerly()")
# attributes that only tensors (and variables) have: their presence makes a parameter a tensor
_TENSOR_ATTRS = frozenset({"get_shape", "shape", "dtype", "op"})
# ... unless it is used as a variable, which has a name eagerly too
_VARIABLE_ATTRS = frozenset({"assign", "assign_add", "assign_sub", "read_value", "initializer",
                             "trainable", "initial_value", "numpy", "value"})


class TensorName(Rule):
    """Finds ``t.name`` read from a tensor argument: TF1 graph tensors had names, eager ones do not.

        def get_shape_list(tensor, name=None):
            name = name or tensor.name          # before and after: unchanged, with a finding
            return tensor.shape.as_list()       # (the function runs under tf.function only)

    A parameter counts as a tensor when the function reads its shape, dtype or op and never uses
    it as a variable (``assign``, ``read_value``, ...).  Nothing is rewritten: eagerly there is no name to give.
    """

    DESCRIPTION = "finding for tensor.name, which eager tensors do not have"
    ORDER = 46

    def apply(self, ctx) -> None:
        if "name" not in ctx.index.attributes:
            return  # no `.name` anywhere in the module: nothing to find (and no walks to pay)
        for fn in ast.walk(ctx.tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs} - {"self", "cls"}
            if not params:
                continue
            tensors, variables, reads = set(), set(), []
            for node in _own_nodes(fn):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                        and node.value.id in params and isinstance(node.ctx, ast.Load):
                    if node.attr in _TENSOR_ATTRS:
                        tensors.add(node.value.id)
                    elif node.attr == "name":
                        reads.append(node)
                    elif node.attr in _VARIABLE_ATTRS:
                        variables.add(node.value.id)
            rebound = {t.id for node in _own_nodes(fn) if isinstance(node, (ast.Assign, ast.For))
                       for t in ast.walk(node.targets[0] if isinstance(node, ast.Assign) else node.target)
                       if isinstance(t, ast.Name)}
            for node in reads:
                arg = node.value.id
                if arg in tensors and arg not in variables and arg not in rebound:
                    ctx.finding(node, "Tensor.name", MESSAGE.format(arg=arg))


def _own_nodes(fn):
    """The nodes of ``fn``'s body, not those of functions and classes nested in it."""
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.append(child)
