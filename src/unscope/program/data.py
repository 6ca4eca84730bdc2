"""tf.data in the graph code: pipelines are kept (TF2 has the same API), one-shot and
initializable iterators become Python iterators, ``get_next()`` the next element."""
from __future__ import annotations

import ast

from unscope.program.plan import CannotConvert, Item, api_of

__all__ = ["numpy_functions", "py_funcs", "read_data"]


def read_data(stmt, table, graph, refs):
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
                    {"names": [target.id], "renames": numpy_functions(py_funcs(stmt, table))})
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


def py_funcs(stmt, table) -> list:
    return [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and api_of(n.func, table) == "tf.py_func"]


def numpy_functions(calls) -> list:
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
