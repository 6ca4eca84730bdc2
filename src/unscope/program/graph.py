"""The graph a program builds before it runs it: one plan item per statement, in order.

Each statement of the entry block (outside the Session) is one of: a placeholder, a call of a
model function, a tensor computed from them, the global step, an optimizer, a train op
(``opt.minimize(loss, global_step=...)``), a Saver, an initializer op, variables made under
literal ``variable_scope``s (module-level code), or plain Python kept as it is.  Anything else
raises :class:`CannotConvert` naming the statement: the program then stays TF1.
"""
from __future__ import annotations

import ast

from unscope.analyze.imports import ImportTable
from unscope.program.data import numpy_functions, py_funcs, read_data
from unscope.program.makers import dotted
from unscope.program.placeholders import read_placeholder, read_placeholder_with_default
from unscope.program.plan import CannotConvert, GraphPlan, Item, api_of
from unscope.program.scoped import read_scoped
from unscope.program.summaries import read_summary
from unscope.program.training import (OPTIMIZERS, is_update_dependency, is_update_ops,
                                      read_apply_gradients, read_compute_gradients, read_gradients,
                                      read_train, read_variables, user_optimizer)

__all__ = ["CannotConvert", "GraphPlan", "read_graph", "api_of", "OPTIMIZERS", "SCHEDULES",
           "GLOBAL_STEP", "INITIALIZERS"]

SCHEDULES = frozenset(f"tf.train.{name}" for name in (
    "exponential_decay", "natural_exp_decay", "inverse_time_decay", "polynomial_decay",
    "cosine_decay", "piecewise_constant"))
GLOBAL_STEP = frozenset({"tf.train.get_or_create_global_step", "tf.train.create_global_step"})
INITIALIZERS = frozenset({"tf.global_variables_initializer", "tf.local_variables_initializer",
                          "tf.initialize_all_variables", "tf.tables_initializer"})
# Graph-mode TF1 this pass cannot prove equivalent when it appears outside the model functions.
_NOT_OPS = ("get_variable", "Variable", "placeholder", "train.", "Session", "variables_initializer",
            "global_variables", "local_variables", "trainable_variables", "collection", "summary.",
            "variable_scope", "layers.", "contrib.", "estimator", "data.", "queue", "py_func",
            "control_dependencies", "assign", "get_default_graph", "slim.", "keras.")
_PYTHON_TF = frozenset({"tf.set_random_seed", "tf.random.set_random_seed"})
_SEEDS = _PYTHON_TF  # TF1's graph seed; eagerly the same as TF2's global seed


def read_graph(body, skip, table: ImportTable, models: set, module_level: bool,
               makers=frozenset(), optimizers=None) -> GraphPlan:
    """Plan the statements of ``body`` except ``skip`` (the Session ``with``); ``makers`` the
    functions that may make TF1 variables but are no class (:mod:`unscope.program.makers`);
    ``optimizers`` the file's own optimizer classes (:mod:`unscope.program.user_optimizers`)."""
    items, by_name = [], {}
    for stmt in body:
        if stmt is skip:
            items.append(Item("session", stmt))
            continue
        if module_level and isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                                              ast.ClassDef, ast.If)) or _is_docstring(stmt):
            continue
        _check_makers(stmt, makers)
        item = _read(stmt, table, models, by_name, optimizers or {})
        items.append(item)
        for name in item.info.get("names", [item.name] if item.name else []):
            if name in by_name:
                _rebind(name, item, items, by_name)
            by_name[name] = item
    return GraphPlan(items, by_name)


def _inner_first(node):
    """The nodes under ``node`` in post-order: ``head(encoder(x))`` yields encoder's call
    first, the order TF1 ran the calls (and made their variables) in."""
    for child in ast.iter_child_nodes(node):
        yield from _inner_first(child)
    yield node


def _check_makers(stmt, makers):
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call) and dotted(node.func) in makers:
            name = dotted(node.func)
            raise CannotConvert(node, name, f"`{name}` may make TF1 variables and is no model class "
                                "the program builds once (a function kept in TF1 form, or another "
                                "file's function called through its module): a tf.function would make "
                                "its variables again and never train them")


def _rebind(name, item, items, by_name):
    """``loss += reg`` (or ``loss = loss + reg``): a tensor name bound again to a tensor.  The
    earlier binding stays in the plan as ``loss#1`` and everything that read it reads that."""
    earlier = by_name[name]
    if not (earlier.kind in ("tensor", "gradients") and item.kind == "tensor"
            or earlier.kind == item.kind == "dataset"):
        raise CannotConvert(item.node, None, f"`{name}` is bound twice in the graph code")
    key = next(f"{name}#{i}" for i in range(1, len(items) + 1) if f"{name}#{i}" not in by_name)
    by_name[key] = earlier
    for other in items:
        if name in other.deps:
            other.deps = other.deps - {name} | {key}


def _read(stmt, table, models, graph, optimizers) -> Item:
    if isinstance(stmt, ast.With) and is_update_dependency(stmt, table, graph):
        return _with_updates(stmt, table, models, graph, optimizers)
    if isinstance(stmt, ast.With):
        return read_scoped(stmt, table, graph)
    apis = [api_of(n.func, table) for n in ast.walk(stmt) if isinstance(n, ast.Call)]
    refs = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in graph}
    model_calls = [n for n in _inner_first(stmt) if isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id in models]
    if model_calls and not isinstance(stmt, ast.Assign):
        raise CannotConvert(stmt, None, f"`{model_calls[0].func.id}` is called outside an assignment")
    if (isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and not model_calls
            and stmt.target.id in graph and graph[stmt.target.id].kind == "tensor"):
        return _tensor(stmt, stmt.target.id, apis, refs, [stmt.target.id], graph, (), table)
    data = read_data(stmt, table, graph, refs)
    if data is not None:
        return data
    summary = read_summary(stmt, table, graph)
    if summary is not None:
        return summary
    if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and not refs
            and api_of(stmt.value.func, table) in _SEEDS):
        return Item("seed", stmt, info={"call": stmt.value})
    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and user_optimizer(stmt.value, optimizers) is not None):  # opt = SignSGD(0.01)
        user = optimizers[stmt.value.func.id]
        return Item("optimizer", stmt, stmt.targets[0].id, info={"cls": user.name, "user": user,
                                                                 "call": stmt.value})
    if not isinstance(stmt, ast.Assign) or not refs and not any(apis) and not model_calls:
        if refs or any(a for a in apis if a and a not in _PYTHON_TF):
            raise CannotConvert(stmt, next((a for a in apis if a), None),
                                "graph code that is not an assignment")
        return Item("python", stmt)
    if len(stmt.targets) != 1:
        raise CannotConvert(stmt, None, "chained assignment in graph code")
    target, value = stmt.targets[0], stmt.value
    names = [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    if not isinstance(target, ast.Name):
        if not isinstance(target, ast.Tuple) or len(names) != len(target.elts):
            raise CannotConvert(stmt, None, "assignment to something other than names")
        return _tensor(stmt, None, apis, refs, names, graph, model_calls, table)
    name = target.id
    call = value if isinstance(value, ast.Call) else None
    api = api_of(call.func, table) if call else None
    if api == "tf.placeholder":
        return Item("placeholder", stmt, name, info=read_placeholder(call))
    if api == "tf.placeholder_with_default":
        return Item("placeholder", stmt, name, info=read_placeholder_with_default(call))
    if api in GLOBAL_STEP:
        return Item("global_step", stmt, name)
    if api in SCHEDULES:
        return Item("schedule", stmt, name, frozenset(refs), {"call": call, "fn": api.rsplit(".", 1)[1]})
    if api in OPTIMIZERS:
        return Item("optimizer", stmt, name, info={"cls": OPTIMIZERS[api], "call": call})
    if api in INITIALIZERS:
        return Item("init", stmt, name)
    if api == "tf.train.Saver":
        return _saver(stmt, name, call)
    if call and isinstance(call.func, ast.Attribute) and call.func.attr == "minimize":
        return read_train(stmt, name, call, table, graph, optimizers)
    if call and isinstance(call.func, ast.Attribute) and call.func.attr == "compute_gradients":
        return read_compute_gradients(stmt, name, call, graph)
    if call and isinstance(call.func, ast.Attribute) and call.func.attr == "apply_gradients":
        return read_apply_gradients(stmt, name, call, refs, graph)
    if api == "tf.gradients":
        return read_gradients(stmt, name, call, graph)
    if api == "tf.get_collection" and is_update_ops(call, table):
        return Item("update_ops", stmt, name)
    if api in ("tf.trainable_variables", "tf.get_collection"):
        return read_variables(stmt, name, call, api, table)
    if (isinstance(value, ast.ListComp) and refs and not any(apis) and not model_calls
            and all(graph[r].kind == "variables" for r in refs)):
        # d_vars = [v for v in t_vars if v.name.startswith("discriminator")]: the names are TF1's
        return Item("variables", stmt, name, frozenset(refs), {"python": True})
    return _tensor(stmt, name, apis, refs, [name], graph, model_calls, table)


def _with_updates(stmt, table, models, graph, optimizers) -> Item:
    """The train op TF1 ran the moving-average updates with: the native batch norm makes them
    in its training call, once per train step, as the control dependency did."""
    inner = stmt.body[0] if len(stmt.body) == 1 else None
    item = _read(inner, table, models, graph, optimizers) if isinstance(inner, ast.Assign) else None
    if item is None or item.kind != "train":
        raise CannotConvert(stmt, "tf.control_dependencies", "control_dependencies(UPDATE_OPS) "
                            "around something other than one train op")
    item.info["updates"] = True
    return item


def _tensor(stmt, name, apis, refs, names, graph=None, model_calls=(), table=None) -> Item:
    """A tensor computed from the graph (model calls included: ``logits = model(x)``)."""
    regularization = _regularization_calls(stmt, table) if table is not None else []
    funcs = py_funcs(stmt, table) if table is not None else []
    inner = {id(n) for call in regularization for n in ast.walk(call)} | {id(c) for c in funcs}
    apis = [api_of(n.func, table) for n in ast.walk(stmt)
            if isinstance(n, ast.Call) and id(n) not in inner] if table is not None else apis
    for ref in refs:
        if graph and graph[ref].kind in ("schedule", "optimizer", "saver", "train", "init"):
            raise CannotConvert(stmt, None, f"a tensor computed from `{ref}` (a {graph[ref].kind}, "
                                "an object in TF2)")
    for api in apis:
        if api and any(part in api for part in _NOT_OPS):
            raise CannotConvert(stmt, api, f"{api} in the graph code outside a model function")
    models_before = [c.func.id for item in {id(i): i for i in graph.values()}.values()
                     for c in item.info.get("model_calls", [])] if graph else []
    if regularization and not models_before:
        raise CannotConvert(stmt, "tf.get_collection", "regularization losses read before any model "
                            "function made its variables")
    return Item("tensor", stmt, name or names[0], frozenset(refs),
                {"names": names, "model_calls": list(model_calls), "renames": numpy_functions(funcs),
                 "regularization": regularization, "models_before": models_before})


REGULARIZATION_KEYS = frozenset({"tf.GraphKeys.REGULARIZATION_LOSSES"})


def _regularization_calls(stmt, table) -> list:
    """``tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)`` and
    ``tf.losses.get_regularization_losses()``: what the models' ``regularization_losses`` hold."""
    found = []
    for node in ast.walk(stmt):
        if not isinstance(node, ast.Call):
            continue
        api = api_of(node.func, table)
        if api == "tf.get_collection" and len(node.args) == 1 and not node.keywords and (
                api_of(node.args[0], table) in REGULARIZATION_KEYS
                or isinstance(node.args[0], ast.Constant) and node.args[0].value == "regularization_losses"):
            found.append(node)
        elif api == "tf.losses.get_regularization_losses" and not node.args and not node.keywords:
            found.append(node)
    return found


def _saver(stmt, name, call) -> Item:
    keywords = {k.arg: k.value for k in call.keywords}
    if call.args or set(keywords) - {"max_to_keep"}:
        raise CannotConvert(stmt, "tf.train.Saver", "tf.train.Saver with a var_list or options "
                            "other than max_to_keep")
    return Item("saver", stmt, name, info={"max_to_keep": keywords.get("max_to_keep")})


def _is_docstring(stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str)
