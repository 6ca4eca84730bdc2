"""Optimizer classes the file defines itself (``class SignSGD(tf.train.Optimizer)``), kept as
user code, with what TF2 needs to run their TF1 update on resource variables.

    class SignSGD(tf.train.Optimizer):            class SignSGD(tf.compat.v1.train.Optimizer):
        def _apply_dense(self, grad, var):   ->       def _apply_dense(self, grad, var):
            ...                                           ...

                                                      def _resource_apply_dense(self, grad, var):
                                                          return self._apply_dense(grad, var)

TF2's variables are resource variables, and ``tf.compat.v1.train.Optimizer`` updates those
through ``_resource_apply_dense`` / ``_resource_apply_sparse(grad, var, indices)``; a class
written for TF1's ref variables (``_apply_dense`` / ``_apply_sparse(IndexedSlices, var)``) raises
NotImplementedError there.  The added methods run the class's own update, which is the same
update when its body only uses what works on resource variables (measured against TF1 graph
mode, dense and sparse): ``tf.assign`` / ``assign_add`` / ``assign_sub``, ``tf.scatter_add`` /
``scatter_sub`` / ``scatter_update``, the variable's ``assign*`` methods, the slot API
(``get_slot``, ``_zeros_slot``, ``_get_or_make_slot[_with_initializer]``,
``_create_non_slot_variable``, ``_get_non_slot_variable``), arithmetic and TF's math ops.
TF1 graph code fetched a non-slot variable with ``graph=tf.get_default_graph()``; TF2 keeps
them under no graph, so that argument is dropped by an added ``_get_non_slot_variable``.
Anything else (TF1's ``training_ops`` kernels, which take ref variables and are gone from TF
2.21; ``var.op``; an unknown call; an override of ``apply_gradients``) keeps the program TF1
with the reason.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from unscope.program.plan import api_of

__all__ = ["UserOptimizer", "read_user_optimizers", "add_resource_methods"]

# Bases: TF1's Optimizer and its optimizers (a subclass of AdamOptimizer keeps Adam's update
# where it overrides none: TF2 runs the same kernels on resource variables).
BASES = frozenset({"tf.train.Optimizer", "tf.python.training.optimizer.Optimizer",
                   "tf.train.AdamOptimizer", "tf.train.GradientDescentOptimizer",
                   "tf.train.MomentumOptimizer", "tf.train.RMSPropOptimizer",
                   "tf.train.AdagradOptimizer"})
# Hooks of TF1's Optimizer a subclass writes, checked line by line.
HOOKS = frozenset({"__init__", "_create_slots", "_prepare", "_apply_dense", "_apply_sparse", "_finish"})
RESOURCE = frozenset({"_resource_apply_dense", "_resource_apply_sparse"})
# Methods of TF1's Optimizer whose override changes what TF2's base does around the hooks.
OVERRIDES = frozenset({
    "minimize", "compute_gradients", "apply_gradients", "get_slot", "get_slot_names", "variables",
    "_apply_sparse_duplicate_indices", "_resource_apply_sparse_duplicate_indices", "_get_processor",
    "_valid_dtypes", "_assert_valid_dtypes", "_zeros_slot", "_get_or_make_slot",
    "_get_or_make_slot_with_initializer", "_create_non_slot_variable", "_get_non_slot_variable",
    "_non_slot_variables", "_slot_dict", "_distributed_apply", "_call_if_callable"})
SELF_CALLS = frozenset({"get_slot", "get_slot_names", "get_name", "_zeros_slot", "_get_or_make_slot",
                        "_get_or_make_slot_with_initializer", "_create_non_slot_variable",
                        "_get_non_slot_variable", "_call_if_callable"})
SUPER_CALLS = frozenset({"__init__", "_create_slots", "_prepare", "_finish"})
# TF ops of the update bodies that are the same on resource variables (``tf.`` canonical names;
# the state ops and scatters measured against TF1 graph mode on ref variables).
STATE_OPS = frozenset({"assign", "assign_add", "assign_sub", "scatter_add", "scatter_sub", "scatter_update"})
PURE_OPS = frozenset({
    "convert_to_tensor", "cast", "to_float", "constant", "zeros_like", "ones_like", "zeros", "ones",
    "fill", "sign", "sqrt", "rsqrt", "square", "abs", "exp", "log", "pow", "maximum", "minimum",
    "add", "subtract", "multiply", "divide", "truediv", "div", "negative", "reciprocal", "add_n",
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "tanh", "sigmoid", "where",
    "clip_by_value", "clip_by_norm", "stop_gradient", "reshape", "gather", "shape", "size", "norm",
    "equal", "not_equal", "greater", "greater_equal", "less", "less_equal", "logical_and",
    "logical_or", "logical_not", "floor", "round", "unique", "unsorted_segment_sum", "identity",
    "group", "tuple", "no_op", "control_dependencies", "name_scope", "colocate_with",
    "get_default_graph"})  # get_default_graph: only as graph= of _get_non_slot_variable
_PRIVATE_OPS = ("tf.python.ops.math_ops.", "tf.python.ops.state_ops.", "tf.python.ops.array_ops.",
                "tf.python.ops.control_flow_ops.", "tf.python.ops.clip_ops.")
VAR_ATTRS = frozenset({"dtype", "base_dtype", "shape", "get_shape", "as_list", "ndims", "name",
                       "device", "assign", "assign_add", "assign_sub", "values", "indices",
                       "dense_shape", "real_dtype", "is_floating"})
BUILTINS = frozenset({"min", "max", "len", "zip", "range", "enumerate", "sorted", "list", "tuple",
                      "dict", "float", "int", "bool", "str", "isinstance", "callable", "abs", "sum",
                      "super"})


@dataclass
class UserOptimizer:
    """``name`` the class; ``methods`` what :func:`add_resource_methods` adds; ``reason`` (at
    ``where``) why the class cannot run on TF2's resource variables as it ran on TF1's, or None."""

    name: str
    node: ast.ClassDef
    methods: tuple = ()
    reason: str | None = None
    where: ast.AST | None = None


class _Refused(Exception):
    def __init__(self, node, reason):
        super().__init__(reason)
        self.node, self.reason = node, reason


def read_user_optimizers(tree: ast.Module, table) -> dict:
    """``{class name: UserOptimizer}`` for the module-level classes based on a TF1 optimizer."""
    found = {}
    for stmt in tree.body:
        if not isinstance(stmt, ast.ClassDef) or len(stmt.bases) != 1 or stmt.keywords:
            continue
        if api_of(stmt.bases[0], table) not in BASES:
            continue
        try:
            found[stmt.name] = UserOptimizer(stmt.name, stmt, _methods_to_add(stmt, table))
        except _Refused as exc:
            found[stmt.name] = UserOptimizer(stmt.name, stmt, reason=exc.reason, where=exc.node)
    return found


def _methods_to_add(cls: ast.ClassDef, table) -> tuple:
    methods = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef):
            if stmt.name in OVERRIDES:
                raise _Refused(stmt, f"it overrides Optimizer.{stmt.name}, which TF2's "
                               "tf.compat.v1.train.Optimizer runs differently on resource variables")
            if any(not (isinstance(d, ast.Name) and d.id in ("staticmethod", "property"))
                   for d in stmt.decorator_list):
                raise _Refused(stmt, f"its method {stmt.name} has a decorator")
            methods[stmt.name] = stmt
        elif not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                  or isinstance(stmt, (ast.Assign, ast.Pass)) and not any(
                      isinstance(n, ast.Call) for n in ast.walk(stmt))):
            raise _Refused(stmt, "its class body holds statements other than methods and constants")
    graph_argument = False
    for name, method in methods.items():
        if name not in RESOURCE:  # a resource method was written for resource variables
            graph_argument |= _check_body(method, methods, table)
    added = []
    if "_apply_dense" in methods and "_resource_apply_dense" not in methods:
        added.append("dense")
    if "_apply_sparse" in methods and "_resource_apply_sparse" not in methods:
        added.append("sparse")
    if graph_argument:
        added.append("non_slot")
    return tuple(added)


def _check_body(method: ast.FunctionDef, methods: dict, table) -> bool:
    """Refuse what is not known to work on resource variables; True where a non-slot variable
    is fetched with a ``graph=`` (TF1's graph key)."""
    graph_argument, skip = False, set()
    for node in ast.walk(method):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Call):
            if _is_self_call(node, "_get_non_slot_variable"):
                graph = [k.value for k in node.keywords if k.arg == "graph"] + node.args[1:]
                if graph and not (isinstance(graph[0], ast.Constant) and graph[0].value is None):
                    graph_argument = True
                    skip |= {id(n) for n in ast.walk(graph[0])}
            _check_call(node, method, methods, table)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = node.value.id
            if owner != "self" and table.resolve(node.value) is None and node.attr not in VAR_ATTRS:
                raise _Refused(node, f"{method.name} reads `{owner}.{node.attr}`, not known to work "
                               "on TF2's resource variables")
        elif isinstance(node, ast.Attribute) and node.attr not in VAR_ATTRS and not _rooted(node, table) \
                and not _is_super(node.value):  # super().name: checked as a call
            if not (isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name)
                    and node.value.value.id == "self"):
                raise _Refused(node, f"{method.name} reads `{ast.unparse(node)}`, not known to work "
                               "on TF2's resource variables")
    return graph_argument


def _check_call(call, method, methods, table):
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
        if func.attr in SELF_CALLS or func.attr in methods:
            return
        raise _Refused(call, f"{method.name} calls self.{func.attr}(), not a method of the class "
                       "or TF1's slot API")
    if isinstance(func, ast.Attribute) and _is_super(func.value):
        if func.attr in SUPER_CALLS:
            return
        raise _Refused(call, f"{method.name} calls the base class's {func.attr}() (TF1's update "
                       "for ref variables)")
    api = api_of(func, table)
    if api:
        if "training_ops" in api:
            raise _Refused(call, f"{method.name} calls {api.rpartition('.')[2]} of TF1's training_ops "
                           "(kernels of ref variables, gone from TF 2.21)")
        leaf = api.rpartition(".")[2]
        if api.startswith(_PRIVATE_OPS) or api.count(".") == 1 or api.startswith("tf.math."):
            if api.startswith("tf.math.") or leaf in PURE_OPS or leaf in STATE_OPS:
                return
        raise _Refused(call, f"{method.name} calls {api}, not known to work on TF2's resource "
                       "variables")
    if isinstance(func, ast.Name) and func.id in BUILTINS:
        return
    if isinstance(func, ast.Attribute) and func.attr in VAR_ATTRS:
        return  # var.assign_sub(...), var.get_shape().as_list(), var.dtype.base_dtype...
    raise _Refused(call, f"{method.name} calls `{ast.unparse(func)}`, not known to work on TF2's "
                   "resource variables")


def _is_super(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def _is_self_call(call, name):
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == name and isinstance(func.value, ast.Name)
            and func.value.id == "self")


def _rooted(node, table) -> bool:
    """An attribute chain from ``self`` or an imported name (``tf.float32``, ``self._lr``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and (node.id == "self" or table.resolve(node) is not None)


_METHODS = {
    "dense": ["def _resource_apply_dense(self, grad, var):",
              "    # TF2's variables are resource variables: the update TF1 made on ref variables",
              "    return self._apply_dense(grad, var)"],
    "sparse": ["def _resource_apply_sparse(self, grad, var, indices):",
               "    # indices without duplicates (summed), as TF1 gave them to _apply_sparse",
               "    grad = tf.IndexedSlices(grad, indices, tf.shape(var, out_type=indices.dtype))",
               "    return self._apply_sparse(grad, var)"],
    "non_slot": ["def _get_non_slot_variable(self, name, graph=None):",
                 "    # TF1 kept one per graph; TF2 keeps the optimizer's own variables under no graph",
                 "    return super()._get_non_slot_variable(name)"],
}


def add_resource_methods(code: str, optimizers) -> str:
    """``code`` (the migrated file) with each used class's added methods after its last line."""
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    wanted = {o.name: o for o in optimizers if o.methods}
    for stmt in reversed(tree.body):
        if not isinstance(stmt, ast.ClassDef) or stmt.name not in wanted:
            continue
        defined = {s.name for s in stmt.body if isinstance(s, ast.FunctionDef)}
        indent = " " * stmt.body[-1].col_offset
        new = []
        for kind in wanted[stmt.name].methods:
            if _METHODS[kind][0][4:].partition("(")[0] in defined:
                continue  # already there (the file was migrated before)
            new.append("\n")
            new.extend(indent + line + "\n" for line in _METHODS[kind])
        lines[stmt.end_lineno:stmt.end_lineno] = new
    return "".join(lines)
