"""The graph a program builds before it runs it: one plan item per statement, in order.

Each statement of the entry block (outside the Session) is one of: a placeholder, a call of a
model function, a tensor computed from them, the global step, an optimizer, a train op
(``opt.minimize(loss, global_step=...)``), a Saver, an initializer op, variables made under
literal ``variable_scope``s (module-level code), or plain Python kept as it is.  Anything else
raises :class:`CannotConvert` naming the statement: the program then stays TF1.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from unscope.analyze.imports import ImportTable, canonical_api

__all__ = ["CannotConvert", "GraphPlan", "read_graph", "OPTIMIZERS"]

OPTIMIZERS = {"tf.train.AdamOptimizer": "Adam", "tf.train.GradientDescentOptimizer": "GradientDescent",
              "tf.train.MomentumOptimizer": "Momentum", "tf.train.RMSPropOptimizer": "RMSProp",
              "tf.train.AdagradOptimizer": "Adagrad"}
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


def read_graph(body, skip, table: ImportTable, models: set, module_level: bool) -> GraphPlan:
    """Plan the statements of ``body`` except ``skip`` (the Session ``with``)."""
    items, by_name = [], {}
    for stmt in body:
        if stmt is skip:
            items.append(Item("session", stmt))
            continue
        if module_level and isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                                              ast.ClassDef, ast.If)) or _is_docstring(stmt):
            continue
        item = _read(stmt, table, models, by_name)
        items.append(item)
        for name in item.info.get("names", [item.name] if item.name else []):
            if name in by_name:
                _rebind(name, item, items, by_name)
            by_name[name] = item
    return GraphPlan(items, by_name)


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


def api_of(node, table):
    return canonical_api(table.resolve(node) or "") if node is not None else None


def _read(stmt, table, models, graph) -> Item:
    if isinstance(stmt, ast.With) and _is_update_dependency(stmt, table, graph):
        return _with_updates(stmt, table, models, graph)
    if isinstance(stmt, ast.With):
        return _scoped(stmt, table, graph)
    apis = [api_of(n.func, table) for n in ast.walk(stmt) if isinstance(n, ast.Call)]
    refs = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in graph}
    model_calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id in models]
    if model_calls and not isinstance(stmt, ast.Assign):
        raise CannotConvert(stmt, None, f"`{model_calls[0].func.id}` is called outside an assignment")
    if (isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and not model_calls
            and stmt.target.id in graph and graph[stmt.target.id].kind == "tensor"):
        return _tensor(stmt, stmt.target.id, apis, refs, [stmt.target.id], graph, (), table)
    data = _data(stmt, table, graph, refs)
    if data is not None:
        return data
    summary = _summary(stmt, table, graph)
    if summary is not None:
        return summary
    if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and not refs
            and api_of(stmt.value.func, table) in _SEEDS):
        return Item("seed", stmt, info={"call": stmt.value})
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
        return Item("placeholder", stmt, name, info=_placeholder(call))
    if api == "tf.placeholder_with_default":
        return Item("placeholder", stmt, name, info=_placeholder_with_default(call))
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
        return _train(stmt, name, call, table, graph)
    if call and isinstance(call.func, ast.Attribute) and call.func.attr == "compute_gradients":
        return _compute_gradients(stmt, name, call, graph)
    if call and isinstance(call.func, ast.Attribute) and call.func.attr == "apply_gradients":
        return _apply_gradients(stmt, name, call, refs, graph)
    if api == "tf.gradients":
        return _gradients(stmt, name, call, graph)
    if api == "tf.get_collection" and _is_update_ops(call, table):
        return Item("update_ops", stmt, name)
    if api in ("tf.trainable_variables", "tf.get_collection"):
        return _variables(stmt, name, call, api, table)
    if (isinstance(value, ast.ListComp) and refs and not any(apis) and not model_calls
            and all(graph[r].kind == "variables" for r in refs)):
        # d_vars = [v for v in t_vars if v.name.startswith("discriminator")]: the names are TF1's
        return Item("variables", stmt, name, frozenset(refs), {"python": True})
    return _tensor(stmt, name, apis, refs, [name], graph, model_calls, table)


def _tensor(stmt, name, apis, refs, names, graph=None, model_calls=(), table=None) -> Item:
    """A tensor computed from the graph (model calls included: ``logits = model(x)``)."""
    regularization = _regularization_calls(stmt, table) if table is not None else []
    py_funcs = _py_funcs(stmt, table) if table is not None else []
    inner = {id(n) for call in regularization for n in ast.walk(call)} | {id(c) for c in py_funcs}
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
                {"names": names, "model_calls": list(model_calls), "renames": _numpy_functions(py_funcs),
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


def _placeholder(call) -> dict:
    args = dict(zip(("dtype", "shape", "name"), call.args))
    args.update({k.arg: k.value for k in call.keywords})
    if "dtype" not in args or set(args) - {"dtype", "shape", "name"}:
        raise CannotConvert(call, "tf.placeholder", "tf.placeholder with arguments other than "
                            "dtype, shape and name")
    shape = args.get("shape")
    dims = None
    if shape is not None and not (isinstance(shape, ast.Constant) and shape.value is None):
        if not isinstance(shape, (ast.List, ast.Tuple)) or not all(
                isinstance(d, ast.Constant) and (d.value is None or type(d.value) is int)
                for d in shape.elts):
            raise CannotConvert(call, "tf.placeholder", "placeholder shape is not a literal list")
        dims = [d.value for d in shape.elts]
    return {"dtype": args["dtype"], "dims": dims, "tf1_name": args.get("name")}


_DEFAULT_DTYPES = {bool: "bool", int: "int32", float: "float32"}


def _placeholder_with_default(call) -> dict:
    """``tf.placeholder_with_default(1.0, [])`` -> an argument of the functions that need it
    (its TensorSpec from the literal's TF1 dtype), given the default at each run that does not
    feed it: one trace for fed and defaulted runs alike, and a tensor as TF1 had (a bool that
    selects a tf.cond branch stays a tensor, as in TF1)."""
    args = dict(zip(("input", "shape", "name"), call.args))
    args.update({k.arg: k.value for k in call.keywords})
    default = args.get("input")
    if set(args) - {"input", "shape", "name"} or "shape" not in args or not (
            isinstance(default, ast.Constant) and type(default.value) in _DEFAULT_DTYPES):
        raise CannotConvert(call, "tf.placeholder_with_default", "a default that is not a bool, "
                            "int or float literal with a shape")
    dtype = ast.Attribute(ast.Name("tf", ast.Load()), _DEFAULT_DTYPES[type(default.value)], ast.Load())
    info = _placeholder(ast.copy_location(ast.Call(call.func, [dtype, args["shape"]], [
        ast.keyword("name", args["name"])] if "name" in args else []), call))
    return {**info, "default": default}


def _saver(stmt, name, call) -> Item:
    keywords = {k.arg: k.value for k in call.keywords}
    if call.args or set(keywords) - {"max_to_keep"}:
        raise CannotConvert(stmt, "tf.train.Saver", "tf.train.Saver with a var_list or options "
                            "other than max_to_keep")
    return Item("saver", stmt, name, info={"max_to_keep": keywords.get("max_to_keep")})


def _train(stmt, name, call, table, graph) -> Item:
    owner = call.func.value
    keywords = {k.arg: k.value for k in call.keywords}
    if len(call.args) != 1 or not isinstance(call.args[0], ast.Name) or set(keywords) - {"global_step", "var_list"}:
        raise CannotConvert(stmt, "minimize", "minimize() with arguments other than the loss, "
                            "global_step and var_list (gate_gradients, ...)")
    loss = call.args[0].id
    step = keywords.get("global_step")
    if step is not None and not (isinstance(step, ast.Name) and step.id in graph
                                 and graph[step.id].kind == "global_step"):
        raise CannotConvert(stmt, "minimize", "global_step= is not the program's global step")
    info = {"loss": loss, "global_step": step.id if step is not None else None,
            "var_list": _var_list(stmt, keywords, graph, "minimize")}
    if isinstance(owner, ast.Name) and owner.id in graph and graph[owner.id].kind == "optimizer":
        info["optimizer"] = owner.id
    elif isinstance(owner, ast.Call) and api_of(owner.func, table) in OPTIMIZERS:
        info["inline"] = {"cls": OPTIMIZERS[api_of(owner.func, table)], "call": owner}
    else:
        raise CannotConvert(stmt, "minimize", "the optimizer is not one of tf.train's "
                            + ", ".join(sorted(OPTIMIZERS)))
    deps = {loss} | ({info["var_list"]} if info["var_list"] else set()) | ({info["global_step"]} if step is not None else set()) | (
        {info["optimizer"]} if "optimizer" in info else set())
    return Item("train", stmt, name, frozenset(deps), info)


def _data(stmt, table, graph, refs):
    """``dataset = tf.data.Dataset...`` (kept: TF2 has the same API), ``it =
    dataset.make_one_shot_iterator()`` -> ``it = iter(dataset)``, ``x, y = it.get_next()`` ->
    the next element, pulled once per run of a function that needs it, as sess.run did."""
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return None
    target, value = stmt.targets[0], stmt.value
    names = [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    call = value if isinstance(value, ast.Call) else None
    method = call.func.attr if call is not None and isinstance(call.func, ast.Attribute) else None
    if method == "get_next" and not call.args and not call.keywords:
        source = call.func.value
        if isinstance(source, ast.Name) and graph.get(source.id) is not None and graph[source.id].kind == "iterator":
            iterator = source.id
        else:
            iterator = _one_shot(source, table, graph)
            if iterator is None:
                return None
        if not (isinstance(target, ast.Name) or isinstance(target, ast.Tuple) and len(names) == len(target.elts)):
            raise CannotConvert(stmt, "get_next", "get_next() assigned to something other than names")
        return Item("next", stmt, names[0], frozenset({iterator} if isinstance(iterator, str) else set()),
                    {"names": names, "iterator": iterator, "tuple": isinstance(target, ast.Tuple)})
    if not isinstance(target, ast.Name):
        return None
    dataset = _one_shot(value, table, graph)
    if isinstance(dataset, ast.AST):
        return Item("iterator", stmt, target.id, frozenset(refs), {"dataset": dataset})
    dataset = _one_shot(value, table, graph, "make_initializable_iterator")
    if isinstance(dataset, ast.AST):  # made again by each sess.run(it.initializer), as in TF1
        _deterministic(dataset.id, graph)
        return Item("iterator", stmt, target.id, frozenset(refs), {"dataset": dataset, "initializable": True})
    if any(isinstance(n, ast.Attribute) and n.attr == "make_initializable_iterator" for n in ast.walk(value)):
        raise CannotConvert(stmt, "make_initializable_iterator", "an initializable iterator (sess.run "
                            "re-initializes it; iterate the dataset in Python instead)")
    if any(isinstance(n, ast.Attribute) and n.attr.startswith("make_") for n in ast.walk(value)):
        return None
    apis = [api_of(n.func, table) for n in ast.walk(value) if isinstance(n, ast.Call)]
    from_data = any(a and a.startswith("tf.data.Dataset.") for a in apis)
    if (from_data or refs) and all(graph[r].kind == "dataset" for r in refs):
        return Item("dataset", stmt, target.id, frozenset(refs),
                    {"names": [target.id], "renames": _numpy_functions(_py_funcs(stmt, table))})
    return None


def _deterministic(name, graph):
    """TF1 restarts a pipeline's seeds at each initializer run (a seeded shuffle gives the same
    order every epoch), while each iter(dataset) of TF2 draws new ones: only a pipeline without
    shuffles or random ops reads the same elements in both."""
    todo, seen = [name], set()
    while todo:
        item = graph.get(todo.pop())
        if item is None or item.name in seen:
            continue
        seen.add(item.name)
        todo.extend(item.deps)
        if any(isinstance(n, ast.Attribute) and ("shuffle" in n.attr or "random" in n.attr)
               for n in ast.walk(item.node)):
            raise CannotConvert(item.node, "make_initializable_iterator", "a shuffled or random "
                                "pipeline read by an initializable iterator (TF1 restarts its seeds "
                                "at each initializer run, iter(dataset) draws new ones each epoch)")


def _py_funcs(stmt, table) -> list:
    return [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and api_of(n.func, table) == "tf.py_func"]


def _numpy_functions(calls) -> list:
    """``tf.py_func(f, inp, Tout)`` -> ``tf.numpy_function(f, inp, Tout)``: the same call, the
    same numpy semantics, in TF2's name."""
    return [(call.func, "tf.numpy_function") for call in calls]


def _one_shot(node, table, graph, method="make_one_shot_iterator"):
    """The dataset node of ``dataset.make_one_shot_iterator()`` /
    ``tf.data.make_one_shot_iterator(dataset)`` (or of ``method``), or None."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    if (isinstance(node.func, ast.Attribute) and node.func.attr == method
            and not node.args and isinstance(node.func.value, ast.Name)
            and graph.get(node.func.value.id) is not None and graph[node.func.value.id].kind == "dataset"):
        return node.func.value
    if api_of(node.func, table) == f"tf.data.{method}" and len(node.args) == 1 and isinstance(node.args[0], ast.Name) \
            and graph.get(node.args[0].id) is not None and graph[node.args[0].id].kind == "dataset":
        return node.args[0]
    return None


SUMMARIES = {"tf.summary.scalar": ("ScalarSummary", "tags"), "tf.summary.histogram": ("HistogramSummary", "tag")}


def _summary(stmt, table, graph):
    """``s = tf.summary.scalar("loss", loss)`` (or the bare call), ``merged =
    tf.summary.merge_all()`` / ``merge([...])``, ``writer = tf.summary.FileWriter(logdir)``:
    TF1's summary ops are TF core raw ops (``ScalarSummary``, ``HistogramSummary``,
    ``MergeSummary``) that make the same serialized ``Summary``, no TensorBoard needed."""
    call = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) and isinstance(stmt.value, ast.Call) else None
    api = api_of(call.func, table) if call is not None else None
    if api not in SUMMARIES and api not in ("tf.summary.merge_all", "tf.summary.merge", "tf.summary.FileWriter"):
        return None
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
    if isinstance(stmt, ast.Assign) and not isinstance(target, ast.Name):
        raise CannotConvert(stmt, api, f"{api} assigned to something other than a name")
    if api == "tf.summary.FileWriter":
        if target is None or not call.args or len(call.args) > 2 or call.keywords:
            raise CannotConvert(stmt, api, "tf.summary.FileWriter other than `w = FileWriter(logdir[, graph])`")
        return Item("writer", stmt, target.id, info={"logdir": call.args[0]})
    refs = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in graph}
    if api in SUMMARIES:
        if len(call.args) != 2 or call.keywords or not _literal_str(call.args[0]):
            raise CannotConvert(stmt, api, f"{api} with other than a literal name and a value")
        tag = call.args[0].value
        name = target.id if target is not None else re.sub(r"\W", "_", tag) + "_summary"
        if any(i.info.get("summary_tag") == tag for i in {id(i): i for i in graph.values()}.values()):
            raise CannotConvert(stmt, api, f"a second summary named {tag!r} (TF1 renamed it)")
        op, key = SUMMARIES[api]
        return Item("tensor", stmt, name, frozenset(refs), {"names": [name], "model_calls": [],
                    "summary_tag": tag, "summary": (op, key, call.args[0], call.args[1])})
    if target is None:
        raise CannotConvert(stmt, api, f"{api} whose result is not assigned")
    if api == "tf.summary.merge_all":
        if call.args or call.keywords:
            raise CannotConvert(stmt, api, "merge_all() of a collection other than the default")
        inputs = [i.name for i in {id(i): i for i in graph.values()}.values() if "summary_tag" in i.info]
    else:
        if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.List) or not all(
                isinstance(e, ast.Name) and e.id in graph and "summary_tag" in graph[e.id].info
                for e in call.args[0].elts):
            raise CannotConvert(stmt, api, "merge() of other than a list of summaries")
        inputs = [e.id for e in call.args[0].elts]
    if not inputs:
        raise CannotConvert(stmt, api, "merge_all() before any summary (TF1 returns None)")
    text = f"{target.id} = tf.raw_ops.MergeSummary(inputs=[{', '.join(inputs)}])"
    return Item("tensor", stmt, target.id, frozenset(inputs), {"names": [target.id], "model_calls": [],
                "text": text})


def _is_update_ops(call, table) -> bool:
    return (isinstance(call, ast.Call) and api_of(call.func, table) == "tf.get_collection"
            and len(call.args) == 1 and not call.keywords
            and api_of(call.args[0], table) == "tf.GraphKeys.UPDATE_OPS")


def _is_update_dependency(stmt, table, graph) -> bool:
    """``with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):`` (or of a
    name bound to that collection)."""
    if len(stmt.items) != 1 or not isinstance(stmt.items[0].context_expr, ast.Call):
        return False
    call = stmt.items[0].context_expr
    if api_of(call.func, table) != "tf.control_dependencies" or len(call.args) != 1 or call.keywords:
        return False
    arg = call.args[0]
    return _is_update_ops(arg, table) or (isinstance(arg, ast.Name) and arg.id in graph
                                          and graph[arg.id].kind == "update_ops")


def _with_updates(stmt, table, models, graph) -> Item:
    """The train op TF1 ran the moving-average updates with: the native batch norm makes them
    in its training call, once per train step, as the control dependency did."""
    inner = stmt.body[0] if len(stmt.body) == 1 else None
    item = _read(inner, table, models, graph) if isinstance(inner, ast.Assign) else None
    if item is None or item.kind != "train":
        raise CannotConvert(stmt, "tf.control_dependencies", "control_dependencies(UPDATE_OPS) "
                            "around something other than one train op")
    item.info["updates"] = True
    return item


def _variables(stmt, name, call, api, table) -> Item:
    """``tf.trainable_variables(scope=None)``, ``tf.get_collection(TRAINABLE_VARIABLES,
    scope=...)``: the models' trainable variables TF1's filter selects."""
    args = list(call.args)
    if api == "tf.get_collection":
        if not args or api_of(args.pop(0), table) != "tf.GraphKeys.TRAINABLE_VARIABLES":
            raise CannotConvert(stmt, api, f"{api} of a collection other than TRAINABLE_VARIABLES "
                                "or REGULARIZATION_LOSSES")
    keywords = {k.arg: k.value for k in call.keywords}
    scope = args[0] if args else keywords.pop("scope", None)
    if len(args) > 1 or keywords or scope is not None and not _literal_str(scope):
        raise CannotConvert(stmt, api, f"{api} with a scope that is not a literal")
    return Item("variables", stmt, name, info={"scope": scope.value if scope is not None else None})


def _var_list(stmt, keywords, graph, what):
    var_list = keywords.get("var_list")
    if var_list is None:
        return None
    if not (isinstance(var_list, ast.Name) and var_list.id in graph
            and graph[var_list.id].kind == "variables"):
        raise CannotConvert(stmt, what, "var_list= is not a list the program selected from "
                            "tf.trainable_variables() or TRAINABLE_VARIABLES")
    return var_list.id


def _optimizer_of(stmt, call, graph, what):
    owner = call.func.value
    if not (isinstance(owner, ast.Name) and owner.id in graph and graph[owner.id].kind == "optimizer"):
        raise CannotConvert(stmt, what, f"{what}() of something other than an optimizer the "
                            "program made")
    return owner.id


def _compute_gradients(stmt, name, call, graph) -> Item:
    """``gv = opt.compute_gradients(loss)``: ``(gradient, variable)`` pairs, taken on the tape."""
    optimizer = _optimizer_of(stmt, call, graph, "compute_gradients")
    keywords = {k.arg: k.value for k in call.keywords}
    if (len(call.args) != 1 or set(keywords) - {"var_list"} or not isinstance(call.args[0], ast.Name)
            or graph.get(call.args[0].id) is None or graph[call.args[0].id].kind != "tensor"):
        raise CannotConvert(stmt, "compute_gradients", "compute_gradients() with arguments other "
                            "than the loss and var_list (gate_gradients, ...)")
    loss, variables = call.args[0].id, _var_list(stmt, keywords, graph, "compute_gradients")
    return Item("gradients", stmt, name, frozenset({loss, optimizer} | ({variables} if variables else set())),
                {"loss": loss, "pairs": True, "variables": variables})


def _gradients(stmt, name, call, graph) -> Item:
    """``grads = tf.gradients(loss, tvars)`` with ``tvars = tf.trainable_variables()``."""
    if (len(call.args) != 2 or call.keywords or not all(isinstance(a, ast.Name) for a in call.args)
            or graph.get(call.args[0].id) is None or graph[call.args[0].id].kind != "tensor"
            or graph.get(call.args[1].id) is None or graph[call.args[1].id].kind != "variables"):
        raise CannotConvert(stmt, "tf.gradients", "tf.gradients() of other than (loss, variables "
                            "from tf.trainable_variables())")
    loss, variables = call.args[0].id, call.args[1].id
    return Item("gradients", stmt, name, frozenset({loss, variables}),
                {"loss": loss, "pairs": False, "variables": variables})


def _apply_gradients(stmt, name, call, refs, graph) -> Item:
    """``train_op = opt.apply_gradients(pairs, global_step=step)``: the gradient edits between
    ``compute_gradients`` and here run inside the train step, after the tape."""
    optimizer = _optimizer_of(stmt, call, graph, "apply_gradients")
    keywords = {k.arg: k.value for k in call.keywords}
    if len(call.args) != 1 or set(keywords) - {"global_step"}:
        raise CannotConvert(stmt, "apply_gradients", "apply_gradients() with arguments other than "
                            "the (gradient, variable) pairs and global_step")
    step = keywords.get("global_step")
    if step is not None and not (isinstance(step, ast.Name) and step.id in graph
                                 and graph[step.id].kind == "global_step"):
        raise CannotConvert(stmt, "apply_gradients", "global_step= is not the program's global step")
    pairs = {n.id for n in ast.walk(call.args[0]) if isinstance(n, ast.Name) and n.id in graph}
    gradients = [n for n in pairs if graph[n].kind in ("gradients", "tensor")]
    if not gradients:
        raise CannotConvert(stmt, "apply_gradients", "the gradients do not come from "
                            "compute_gradients() or tf.gradients()")
    found, todo, seen = [], list(pairs), set()
    while todo:
        ref = todo.pop()
        if ref in seen or ref not in graph:
            continue
        seen.add(ref)
        found += [graph[ref]] if graph[ref].kind == "gradients" else []
        todo.extend(graph[ref].deps)
    if len({id(g) for g in found}) != 1:
        raise CannotConvert(stmt, "apply_gradients", "the gradients do not come from one "
                            "compute_gradients() or tf.gradients()")
    info = {"optimizer": optimizer, "apply": call.args[0], "loss": found[0].info["loss"],
            "gradients": found[0], "global_step": step.id if step is not None else None}
    return Item("train", stmt, name, frozenset(pairs | {optimizer} | ({step.id} if step else set())), info)


def _scoped(stmt, table, graph) -> Item:
    """``with tf.variable_scope("lit"[, reuse=True|tf.AUTO_REUSE]):`` holding only
    ``v = tf.get_variable("lit", shape, ...)`` (the textbook example)."""
    if len(stmt.items) != 1 or not isinstance(stmt.items[0].context_expr, ast.Call):
        raise CannotConvert(stmt, None, "a `with` block in the graph code")
    scope = stmt.items[0].context_expr
    if api_of(scope.func, table) != "tf.variable_scope":
        raise CannotConvert(stmt, api_of(scope.func, table), "a `with` block in the graph code")
    keywords = {k.arg: k.value for k in scope.keywords}
    reuse = keywords.pop("reuse", None)
    if (len(scope.args) != 1 or keywords or not _literal_str(scope.args[0])
            or reuse is not None and not (isinstance(reuse, ast.Constant) and reuse.value in (True, None)
                                          or api_of(reuse, table) == "tf.AUTO_REUSE")):
        raise CannotConvert(stmt, "tf.variable_scope", "variable_scope with a name or reuse that "
                            "is not a literal")
    reusing = reuse is not None and not (isinstance(reuse, ast.Constant) and reuse.value is None)
    entries = []
    for inner in stmt.body:
        call = inner.value if isinstance(inner, ast.Assign) else None
        if (not isinstance(call, ast.Call) or api_of(call.func, table) != "tf.get_variable"
                or len(inner.targets) != 1 or not isinstance(inner.targets[0], ast.Name)
                or not call.args or not _literal_str(call.args[0])):
            raise CannotConvert(inner, None, "only `v = tf.get_variable(\"name\", ...)` is "
                                "converted inside a module-level variable_scope")
        entries.append({"target": inner.targets[0].id, "tf1_name": f"{scope.args[0].value}/{call.args[0].value}",
                        "call": call, "reuse": reusing, "api": api_of(reuse, table) if reuse else None})
    return Item("scoped", stmt, None, info={"entries": entries, "names": [e["target"] for e in entries]})


def _literal_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_docstring(stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str)
