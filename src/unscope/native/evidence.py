"""Which parameters are tensors: ``x.shape``, ``x[:, 0]``, the first argument of a TF op.

A parameter that is a tensor goes to ``__call__``; one that names scopes or variables must be
known at construction. Evidence is cheap and local; :mod:`unscope.native.program` combines
it with what the call sites pass.
"""
from __future__ import annotations

import ast

from unscope.analyze.constructs import classify
from unscope.analyze.imports import canonical_api
from unscope.migrate.parses import parents, walk

__all__ = ["tensor_evidence"]

_SHAPE_ATTRS = frozenset({"shape", "get_shape", "dtype", "set_shape", "op", "graph", "device"})
# ops that only make tensors: a parameter rebound to one (``if input_mask is None: input_mask =
# tf.ones(...)``, BERT's optional inputs) holds a tensor when it is given too
_TENSOR_MAKERS = frozenset({"tf.ones", "tf.zeros", "tf.fill", "tf.ones_like", "tf.zeros_like",
                            "tf.range", "tf.eye"})
_VALUE_APIS = frozenset({"tf.cast", "tf.constant", "tf.as_dtype", "tf.TensorShape", "tf.Dimension",
                         "tf.dimension_value", "tf.convert_to_tensor"})


def _tensor_op(api: str | None) -> bool:
    """A TF op whose first argument is a tensor (not a constructor of settings)."""
    if not api or not api.startswith("tf.") or api in _VALUE_APIS or classify(api) is not None:
        return False
    leaf = api.rpartition(".")[2]
    return not (leaf.endswith(("initializer", "regularizer", "Initializer", "Regularizer"))
                or leaf[:1].isupper() or api.startswith(("tf.initializers.", "tf.keras.", "tf.train.")))


def tensor_evidence(fn, table=None) -> None:
    """Parameters used like tensors: ``x.shape``, the first argument of a TF op, rebound to a
    tensor-making op."""
    up = parents(fn.node)
    for node in walk(fn.node):
        if type(node) is ast.Assign and table is not None and len(node.targets) == 1 \
                and type(node.targets[0]) is ast.Name and node.targets[0].id in fn.arg_nodes \
                and type(node.value) is ast.Call:
            qual = table.resolve(node.value.func)
            if qual and canonical_api(qual) in _TENSOR_MAKERS:
                fn.tensor.setdefault(node.targets[0].id, node.targets[0])
            continue
        if type(node) is not ast.Name or node.id not in fn.arg_nodes or type(node.ctx) is not ast.Load:
            continue
        parent = up.get(node)
        if type(parent) is ast.Attribute and parent.attr in _SHAPE_ATTRS:
            fn.tensor.setdefault(node.id, node)
        elif type(parent) is ast.Subscript and parent.value is node and type(parent.slice) in (ast.Slice, ast.Tuple):
            fn.tensor.setdefault(node.id, node)
        elif table is not None and type(parent) is ast.Call and parent.args and parent.args[0] is node:
            qual = table.resolve(parent.func)
            if qual and _tensor_op(canonical_api(qual)):
                fn.tensor.setdefault(node.id, node)
