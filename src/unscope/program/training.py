"""Training in the graph code: ``minimize``, ``compute_gradients`` / ``tf.gradients`` ->
``apply_gradients``, the variable lists they take and the UPDATE_OPS dependency."""
from __future__ import annotations

import ast

from unscope.program.plan import CannotConvert, Item, api_of, literal_str

__all__ = ["OPTIMIZERS", "is_update_dependency", "is_update_ops", "read_apply_gradients",
           "read_compute_gradients", "read_gradients", "read_train", "read_variables",
           "user_optimizer"]

OPTIMIZERS = {"tf.train.AdamOptimizer": "Adam", "tf.train.GradientDescentOptimizer": "GradientDescent",
              "tf.train.MomentumOptimizer": "Momentum", "tf.train.RMSPropOptimizer": "RMSProp",
              "tf.train.AdagradOptimizer": "Adagrad"}


def user_optimizer(call, optimizers):
    """The file's own optimizer class ``call`` makes (``SignSGD(0.01)``), or None; a class that
    cannot run on TF2's resource variables as TF1 ran it keeps the program TF1."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in optimizers):
        return None
    user = optimizers[call.func.id]
    if user.reason is not None:
        raise CannotConvert(user.where, call.func.id, f"the optimizer class `{user.name}` is kept "
                            f"as TF1 wrote it: {user.reason}")
    return user


def read_train(stmt, name, call, table, graph, optimizers=None) -> Item:
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
    elif user_optimizer(owner, optimizers or {}) is not None:
        info["inline"] = {"cls": owner.func.id, "call": owner, "user": optimizers[owner.func.id]}
    else:
        raise CannotConvert(stmt, "minimize", "the optimizer is not one of tf.train's "
                            + ", ".join(sorted(OPTIMIZERS)) + " nor a tf.train.Optimizer subclass "
                            "of this file")
    deps = {loss} | ({info["var_list"]} if info["var_list"] else set()) | ({info["global_step"]} if step is not None else set()) | (
        {info["optimizer"]} if "optimizer" in info else set())
    return Item("train", stmt, name, frozenset(deps), info)


def is_update_ops(call, table) -> bool:
    return (isinstance(call, ast.Call) and api_of(call.func, table) == "tf.get_collection"
            and len(call.args) == 1 and not call.keywords
            and api_of(call.args[0], table) == "tf.GraphKeys.UPDATE_OPS")


def is_update_dependency(stmt, table, graph) -> bool:
    """``with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):`` (or of a
    name bound to that collection)."""
    if len(stmt.items) != 1 or not isinstance(stmt.items[0].context_expr, ast.Call):
        return False
    call = stmt.items[0].context_expr
    if api_of(call.func, table) != "tf.control_dependencies" or len(call.args) != 1 or call.keywords:
        return False
    arg = call.args[0]
    return is_update_ops(arg, table) or (isinstance(arg, ast.Name) and arg.id in graph
                                          and graph[arg.id].kind == "update_ops")


def read_variables(stmt, name, call, api, table) -> Item:
    """``tf.trainable_variables(scope=None)``, ``tf.get_collection(TRAINABLE_VARIABLES,
    scope=...)``: the models' trainable variables TF1's filter selects."""
    args = list(call.args)
    if api == "tf.get_collection":
        if not args or api_of(args.pop(0), table) != "tf.GraphKeys.TRAINABLE_VARIABLES":
            raise CannotConvert(stmt, api, f"{api} of a collection other than TRAINABLE_VARIABLES "
                                "or REGULARIZATION_LOSSES")
    keywords = {k.arg: k.value for k in call.keywords}
    scope = args[0] if args else keywords.pop("scope", None)
    if len(args) > 1 or keywords or scope is not None and not literal_str(scope):
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


def read_compute_gradients(stmt, name, call, graph) -> Item:
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


def read_gradients(stmt, name, call, graph) -> Item:
    """``grads = tf.gradients(loss, tvars)`` with ``tvars = tf.trainable_variables()``."""
    if (len(call.args) != 2 or call.keywords or not all(isinstance(a, ast.Name) for a in call.args)
            or graph.get(call.args[0].id) is None or graph[call.args[0].id].kind != "tensor"
            or graph.get(call.args[1].id) is None or graph[call.args[1].id].kind != "variables"):
        raise CannotConvert(stmt, "tf.gradients", "tf.gradients() of other than (loss, variables "
                            "from tf.trainable_variables())")
    loss, variables = call.args[0].id, call.args[1].id
    return Item("gradients", stmt, name, frozenset({loss, variables}),
                {"loss": loss, "pairs": False, "variables": variables})


def read_apply_gradients(stmt, name, call, refs, graph) -> Item:
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
