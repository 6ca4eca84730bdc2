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
        if _pipeline(dataset.id, graph, table)[1]:
            raise CannotConvert(stmt, "make_one_shot_iterator", "a one-shot iterator over a pipeline "
                                "made from placeholders (TF1 cannot feed it either)")
        return Item("iterator", stmt, target.id, frozenset(refs), {"dataset": dataset})
    dataset = _one_shot(value, table, graph, "make_initializable_iterator")
    if isinstance(dataset, ast.AST):  # made again by each sess.run(it.initializer), as in TF1
        chain, feeds, seeded = _pipeline(dataset.id, graph, table)
        info = {"dataset": dataset, "initializable": True}
        if not feeds and not seeded:
            return Item("iterator", stmt, target.id, frozenset(refs), info)
        # fed or seeded: the pipeline is made again at each initializer run (the placeholders'
        # values are its arguments; a seeded shuffle restarts its seeds there, as TF1's did)
        return Item("iterator", stmt, target.id, frozenset(), {**info, "chain": chain, "feeds": feeds})
    if any(isinstance(n, ast.Attribute) and n.attr == "make_initializable_iterator" for n in ast.walk(value)):
        raise CannotConvert(stmt, "make_initializable_iterator", "an initializable iterator (sess.run "
                            "re-initializes it; iterate the dataset in Python instead)")
    if any(isinstance(n, ast.Attribute) and n.attr.startswith("make_") for n in ast.walk(value)):
        return None
    apis = [api_of(n.func, table) for n in ast.walk(value) if isinstance(n, ast.Call)]
    from_data = any(a and a.startswith("tf.data.Dataset.") for a in apis)
    if (from_data or refs) and all(graph[r].kind == "dataset" for r in refs) or from_data and refs and all(
            graph[r].kind in ("dataset", "placeholder") for r in refs):
        return Item("dataset", stmt, target.id, frozenset(refs),
                    {"names": [target.id], "renames": numpy_functions(py_funcs(stmt, table))})
    return None


def _pipeline(name, graph, table):
    """``(chain, feeds, seeded)`` of the pipeline an initializable iterator reads: its dataset
    statements and the placeholders they read (both in program order), and whether it shuffles
    with a literal seed.  TF1 makes the pipeline again at each initializer run, its seeds
    restarting there (a seeded shuffle gives the same order every epoch), while each
    iter(dataset) of TF2 draws new ones: a pipeline that shuffles without a literal seed, or
    draws random numbers, reads other elements in TF2."""
    todo, seen, seeded = [name], {}, False
    while todo:
        item = graph.get(todo.pop())
        if item is None or id(item) in seen:
            continue
        seen[id(item)] = item
        todo.extend(item.deps)
        if item.kind == "placeholder":
            continue
        shuffles = [node for node in ast.walk(item.node) if isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute) and node.func.attr == "shuffle"]
        for call in shuffles:
            _seed_of(call)
            seeded = True
        for node in ast.walk(item.node):
            if isinstance(node, ast.Attribute) and ("shuffle" in node.attr or "random" in node.attr) \
                    and not any(node is call.func for call in shuffles):
                raise CannotConvert(item.node, "make_initializable_iterator", "a random pipeline read "
                                    "by an initializable iterator (TF1 restarts its seeds at each "
                                    "initializer run, iter(dataset) draws new ones each epoch)")
        _check_slices(item, graph, table)
    ordered = sorted(seen.values(), key=lambda i: (i.node.lineno, i.node.col_offset))
    feeds = [i.name for i in ordered if i.kind == "placeholder"]
    return [i for i in ordered if i.kind == "dataset"], feeds, seeded


def _seed_of(call):
    """``shuffle(buffer_size, seed=3)``: TF1 and eager TF2 both seed it with (graph seed or TF's
    default, 3); without a literal seed TF1 took one from the graph's op count."""
    args = dict(zip(("buffer_size", "seed", "reshuffle_each_iteration"), call.args))
    args.update({k.arg: k.value for k in call.keywords})
    seed = args.get("seed")
    if not (isinstance(seed, ast.Constant) and type(seed.value) is int):
        raise CannotConvert(call, "make_initializable_iterator", "a shuffled pipeline read by an "
                            "initializable iterator with no literal seed= (TF1's order came from the "
                            "graph's op count; TF2 cannot replay it) - pass shuffle(..., seed=<int>)")


def _check_slices(item, graph, table):
    """A placeholder fed to a pipeline is sliced by ``tf.data.Dataset.from_tensor_slices`` (alone,
    or in a tuple or dict), with only its first dimension unknown: then an empty array of its
    shape gives the pipeline's element_spec, as the placeholder gave TF1's."""
    allowed = set()
    for node in ast.walk(item.node):
        if isinstance(node, ast.Call) and api_of(node.func, table) == "tf.data.Dataset.from_tensor_slices" \
                and len(node.args) == 1:
            todo = [node.args[0]]
            while todo:
                part = todo.pop()
                if isinstance(part, ast.Name):
                    allowed.add(id(part))
                todo.extend(part.elts if isinstance(part, ast.Tuple) else
                            part.values if isinstance(part, ast.Dict) else [])
    for node in ast.walk(item.node):
        placeholder = graph.get(node.id) if isinstance(node, ast.Name) else None
        if placeholder is None or placeholder.kind != "placeholder":
            continue
        dims = placeholder.info["dims"]
        if id(node) not in allowed or dims is None or None in dims[1:] or "default" in placeholder.info:
            raise CannotConvert(item.node, "make_initializable_iterator", f"placeholder `{node.id}` "
                                "is read by the pipeline other than as a from_tensor_slices argument "
                                "of known shape after its first dimension")


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
