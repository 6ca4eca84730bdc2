"""The Session body, eagerly: each ``sess.run`` becomes a call, initializers go, the Saver's
``save`` / ``restore`` become the checkpoint's.

``sess.run([train_op, loss], feed_dict={x: xb, y: yb})`` becomes ``train_step(xb, yb)`` (the
placeholders the fetches need, in the order the program made them); every distinct set of
fetches and needed placeholders is one function (:class:`Fetch`).  Results are numpy, as
``sess.run`` returned them.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from unscope.program.graph import INITIALIZERS, CannotConvert, GraphPlan, api_of
from unscope.program.loops import read_loop

__all__ = ["Fetch", "SessionRewrite", "rewrite_session"]

_VALUE_KINDS = frozenset({"tensor"})
_VARIABLE_KINDS = frozenset({"global_step", "scoped", "schedule"})
_OBJECT_KINDS = frozenset({"writer"})  # used in the Session block as they are (flush, close)


@dataclass
class Fetch:
    """One function of the migrated program: what it returns and what it takes."""

    name: str
    fetches: tuple       # graph names, in the order sess.run listed them
    args: tuple          # placeholder names
    train: str | None    # the train op among the fetches


@dataclass
class SessionRewrite:
    edits: list = field(default_factory=list)     # (node, replacement text), whole nodes
    fetches: dict = field(default_factory=dict)   # (fetches, args) -> Fetch
    uses: set = field(default_factory=set)        # "restore", "save", "save_numbered"
    save_paths: list = field(default_factory=list)
    feeds: dict = field(default_factory=dict)     # function name -> [{placeholder: value node}]
    writers: set = field(default_factory=set)     # summary writers made in the Session block
    ends: set = field(default_factory=set)        # `tf.errors.OutOfRangeError` nodes -> StopIteration
    loops: dict = field(default_factory=dict)     # id(first statement) -> Loop: `for` over an iterator


def rewrite_session(with_node: ast.With, graph: GraphPlan, table, taken: set, objects,
                    names) -> SessionRewrite:
    """Plan the edits of the Session body; ``objects`` names what the checkpoint holds
    (``"model=model, optimizer=opt, step=global_step"``, for ``restore``); ``names`` the
    program's ``checkpoint`` and ``manager`` names."""
    item = with_node.items[0]
    if len(with_node.items) != 1 or not isinstance(item.optional_vars, ast.Name):
        raise CannotConvert(with_node, "tf.Session", "`with tf.Session() as sess:` with one name "
                            "is what is converted")
    if item.context_expr.args or item.context_expr.keywords:
        raise CannotConvert(with_node, "tf.Session", "a Session with a target or config")
    sess = item.optional_vars.id
    out = SessionRewrite()
    handled = set()
    for stmt in _statements(with_node.body):
        _statement(stmt, sess, graph, table, taken, objects, out, handled, names)
    for node in _walk_outside(with_node.body, handled):
        if isinstance(node, ast.Name) and (node.id == sess or node.id in graph.by_name
                                           and graph.by_name[node.id].kind not in _VARIABLE_KINDS | _OBJECT_KINDS):
            raise CannotConvert(node, None, f"`{node.id}` is used in the Session block other than "
                                "through sess.run")
    return out


def _statements(body):
    for stmt in body:
        yield stmt
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list) and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
                yield from _statements(inner)


def _statement(stmt, sess, graph, table, taken, objects, out, handled, names):
    loop = read_loop(stmt, sess, graph)
    if loop is not None:
        out.loops[id(loop.first)] = loop
        out.ends.add(loop.node.body[0].handlers[0].type)
    if isinstance(stmt, ast.Try) and _initializable_only(graph):
        for handler in stmt.handlers:  # next(iterator) ends an epoch as TF1's get_next() did
            if isinstance(handler.type, ast.Attribute) and handler.type.attr == "OutOfRangeError" \
                    and _src(handler.type.value) in ("tf.errors", "errors"):
                out.edits.append((handler.type, "StopIteration"))
                out.ends.add(handler.type)
    if isinstance(stmt, ast.Expr) and _is_run(stmt.value, sess) and stmt.value.args \
            and _initializer_of(stmt.value.args[0], graph):
        out.edits.append((stmt, _initialize(stmt.value, graph)))
        handled.add(stmt.value)
        return
    if isinstance(stmt, ast.Expr) and _is_run(stmt.value, sess) and _is_init(stmt.value, graph, table):
        out.edits.append((stmt, None))
        handled.add(stmt.value)
        return
    if isinstance(stmt, (ast.Expr, ast.Assign)) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        if _summary_io(stmt, call, graph, table, out, handled):
            return
        if _is_saver_call(call, "restore", sess, graph):
            out.edits.append((call, f"restore({_src(call.args[1])}, {objects})"))
            out.uses.add("restore")
            handled.add(call)
            return
        if _is_saver_call(call, "save", sess, graph):
            keywords = {k.arg: k.value for k in call.keywords}
            if set(keywords) - {"global_step"} or len(call.args) != 2:
                raise CannotConvert(call, "tf.train.Saver.save", "save() with options other than global_step")
            step = keywords.get("global_step")
            if step is None:
                out.edits.append((call, f"{names['checkpoint']}.write({_src(call.args[1])})"))
            else:
                if not (isinstance(step, ast.Name) and graph.by_name.get(step.id)
                        and graph.by_name[step.id].kind == "global_step"):
                    raise CannotConvert(call, "tf.train.Saver.save", "global_step= is not the program's global step")
                out.edits.append((call, f"{names['manager']}.save(checkpoint_number={step.id})"))
                out.save_paths.append(_src(call.args[1]))
                out.uses.add("save_numbered")
            out.uses.add("save")
            handled.add(call)
            return
    for node in _own_nodes(stmt):
        if isinstance(node, ast.Call) and _is_run(node, sess) and node not in handled:
            _run(stmt, node, sess, graph, taken, out, handled)


def _run(stmt, call, sess, graph, taken, out, handled):
    fetches_node = call.args[0] if call.args else None
    keywords = {k.arg: k.value for k in call.keywords}
    feed = call.args[1] if len(call.args) > 1 else keywords.pop("feed_dict", None)
    if fetches_node is None or keywords or len(call.args) > 2:
        raise CannotConvert(call, "tf.Session.run", "sess.run with options (run_options, ...)")
    many = isinstance(fetches_node, (ast.List, ast.Tuple))
    elts = fetches_node.elts if many else [fetches_node]
    if not all(isinstance(e, ast.Name) and e.id in graph.by_name for e in elts):
        raise CannotConvert(call, "tf.Session.run", "a fetch that is not a name of the graph")
    names = [e.id for e in elts]
    kinds = [graph.by_name[n].kind for n in names]
    if any(k not in _VALUE_KINDS | _VARIABLE_KINDS | {"train"} for k in kinds):
        raise CannotConvert(call, "tf.Session.run", "a fetch that is not a tensor, a variable or a train op")
    if kinds.count("train") > 1 or "train" in kinds and set(kinds) & _VARIABLE_KINDS:
        raise CannotConvert(call, "tf.Session.run", "a train op fetched with another train op or a "
                            "variable (TF1 leaves the order of the read open)")
    feeds = _feeds(feed, graph, call)
    handled.add(call)
    if all(k in _VARIABLE_KINDS for k in kinds):
        values = [f"{n}().numpy()" if k == "schedule" else f"{n}.numpy()" for n, k in zip(names, kinds)]
        _replace(stmt, call, many, values, [False] * len(names), out)
        return
    closure = graph.closure(names)
    needed = [i.name for i in closure if i.kind == "placeholder"]
    nexts = [i for i in closure if i.kind == "next"]
    for name in needed:
        default = graph.by_name[name].info.get("default")
        if name not in feeds and default is not None:
            feeds[name] = default  # placeholder_with_default: TF1 used the default
        if name not in feeds:
            raise CannotConvert(call, "tf.Session.run", f"placeholder `{name}` is needed but not fed")
    for name, value in feeds.items():
        if name not in needed and not isinstance(value, (ast.Name, ast.Constant)):
            raise CannotConvert(call, "tf.Session.run", f"the value fed to `{name}` is not needed and "
                                "not a plain name (its side effects would be lost)")
    train = next((n for n, k in zip(names, kinds) if k == "train"), None)
    pulled = [n for i in nexts for n in i.info["names"]]
    key = (tuple(names), tuple(pulled + needed))
    if key not in out.fetches:
        out.fetches[key] = Fetch(_fresh("train_step" if train else "compute_" + "_".join(
            n for n in names), taken), tuple(names), tuple(pulled + needed), train)
    fetch = out.fetches[key]
    out.feeds.setdefault(fetch.name, []).append(feeds)
    loop = out.loops.get(id(stmt))
    if loop is not None:  # for x, y in iterator: the loop's names are the element
        pulls = loop.names
    else:
        pulls = [("*" if i.info["tuple"] else "") + f"next({i.info['iterator_name']})" for i in nexts]
    text = f"{fetch.name}({', '.join(pulls + [_src(feeds[n]) for n in needed])})"
    returned = [n for n in names if n != train]
    if not many:
        _replace(stmt, call, False, [text if train else f"{text}.numpy()"], [False], out)
        return
    values = [None if n == train else n for n in names]
    _replace_call_many(stmt, call, text, values, returned, out)


def _replace(stmt, call, many, values, _, out):
    out.edits.append((call, f"[{', '.join(values)}]" if many else values[0]))


def _replace_call_many(stmt, call, text, values, returned, out):
    """``_, l = sess.run([train_op, loss], ...)`` -> ``l = train_step(...).numpy()``."""
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and stmt.value is call else None
    if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == len(values):
        kept = [(t, v) for t, v in zip(target.elts, values)
                if not (v is None and isinstance(t, ast.Name) and t.id == "_")]
        if any(v is None for _, v in kept):
            raise CannotConvert(call, "tf.Session.run", "the train op's result (None) is assigned "
                                "to a name; assign it to `_`")
        lhs = ", ".join(_src(t) for t, _ in kept)
        if len(returned) == 1:
            rhs = f"{text}.numpy()"
        else:
            rhs = f"[value.numpy() for value in {text}]"
        if len(kept) == 0:
            out.edits.append((stmt, text))
        else:
            out.edits.append((stmt, f"{lhs} = {rhs}"))
        return
    if not returned:
        out.edits.append((call, text))
        return
    out.edits.append((call, _as_fetched(text, values, returned, isinstance(call.args[0], ast.Tuple), call)))


def _as_fetched(text, values, returned, is_tuple, call) -> str:
    """``print(sess.run([train_op, loss]))``: the list TF1 returned, ``[None, loss]`` - None
    where the train op stood, numpy values elsewhere (a tuple for a tuple of fetches)."""
    numpy = ([f"{text}.numpy()"] if len(returned) == 1 else [f"*[value.numpy() for value in {text}]"])
    if None not in values:
        items = numpy
    elif values[0] is None:
        items = ["None", *numpy]
    elif values[-1] is None:
        items = [*numpy, "None"]
    else:
        raise CannotConvert(call, "tf.Session.run", "a train op fetched between other fetches whose "
                            "results are not unpacked into names")
    if items == [f"*[value.numpy() for value in {text}]"]:
        listed = f"[value.numpy() for value in {text}]"
    else:
        listed = f"[{', '.join(items)}]"
    return f"tuple({listed})" if is_tuple else listed


def _feeds(feed, graph, call) -> dict:
    if feed is None:
        return {}
    if not isinstance(feed, ast.Dict) or not all(
            isinstance(k, ast.Name) and graph.by_name.get(k.id) is not None
            and graph.by_name[k.id].kind == "placeholder" for k in feed.keys):
        raise CannotConvert(call, "tf.Session.run", "feed_dict is not a literal {placeholder: value} dict")
    return {k.id: v for k, v in zip(feed.keys, feed.values)}


def _initializable_only(graph) -> bool:
    iterators = [graph.by_name.get(i.info["iterator"]) for i in graph.of_kind("next")]
    return bool(iterators) and all(i is not None and i.info.get("initializable") for i in iterators)


def _initialize(call, graph) -> str:
    """``sess.run(it.initializer[, feed_dict={x_ph: X}])`` -> ``it = iter(dataset)``, or
    ``it = iter(make_dataset(X))`` when the pipeline is made at each run (fed or seeded)."""
    iterator = graph.by_name[call.args[0].value.id]
    keywords = {k.arg: k.value for k in call.keywords}
    feed = call.args[1] if len(call.args) > 1 else keywords.pop("feed_dict", None)
    if len(call.args) > 2 or keywords:
        raise CannotConvert(call, "tf.Session.run", "sess.run(iterator.initializer) with options")
    if "chain" not in iterator.info:
        if feed is not None:
            raise CannotConvert(call, "tf.Session.run", "a feed_dict for an initializer whose "
                                "pipeline reads no placeholder")
        return f"{iterator.name} = iter({_src(iterator.info['dataset'])})"
    feeds = _feeds(feed, graph, call)
    wanted = iterator.info["feeds"]
    if set(feeds) != set(wanted):
        missing = sorted(set(wanted) - set(feeds)) or sorted(set(feeds) - set(wanted))
        raise CannotConvert(call, "tf.Session.run", f"the initializer's feed_dict does not feed "
                            f"exactly the pipeline's placeholders (`{missing[0]}`)")
    values = ", ".join(_src(feeds[name]) for name in wanted)
    return f"{iterator.name} = iter({iterator.info['maker']}({values}))"


def _initializer_of(node, graph) -> bool:
    """``it.initializer`` of an initializable iterator of the program."""
    return (isinstance(node, ast.Attribute) and node.attr == "initializer" and isinstance(node.value, ast.Name)
            and graph.by_name.get(node.value.id) is not None
            and graph.by_name[node.value.id].info.get("initializable", False))


def _is_run(node, sess) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "run" and isinstance(node.func.value, ast.Name)
            and node.func.value.id == sess)


def _is_init(call, graph, table) -> bool:
    if len(call.args) != 1 or call.keywords:
        return False
    arg = call.args[0]
    if isinstance(arg, ast.Name):
        item = graph.by_name.get(arg.id)
        return item is not None and item.kind == "init"
    return isinstance(arg, ast.Call) and api_of(arg.func, table) in INITIALIZERS and not arg.args


def _is_saver_call(call, method, sess, graph) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == method
            and isinstance(func.value, ast.Name) and graph.by_name.get(func.value.id) is not None
            and graph.by_name[func.value.id].kind == "saver" and len(call.args) >= 2
            and isinstance(call.args[0], ast.Name) and call.args[0].id == sess)


def _own_nodes(stmt):
    """The nodes of ``stmt`` itself, not of the statements nested in it."""
    todo = [stmt]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.stmt))


def _walk_outside(body, handled):
    todo = list(body)
    while todo:
        node = todo.pop()
        if node in handled:
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _fresh(name, taken) -> str:
    candidate, i = name[:40], 2
    while candidate in taken:
        candidate, i = f"{name[:40]}_{i}", i + 1
    taken.add(candidate)
    return candidate


def _src(node) -> str:
    return ast.unparse(node)


def _summary_io(stmt, call, graph, table, out, handled) -> bool:
    """``writer = tf.summary.FileWriter(logdir, sess.graph)`` -> ``tf.summary.create_file_writer
    (logdir)``; ``writer.add_summary(s, step)`` -> the same serialized summary written at ``step``."""
    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and api_of(call.func, table) == "tf.summary.FileWriter"):
        if not call.args or len(call.args) > 2 or call.keywords:
            raise CannotConvert(call, "tf.summary.FileWriter", "FileWriter other than (logdir[, graph])")
        out.edits.append((call, f"tf.summary.create_file_writer({_src(call.args[0])})"))
        out.writers.add(stmt.targets[0].id)
        handled.add(call)
        return True
    func = call.func
    if (isinstance(stmt, ast.Expr) and isinstance(func, ast.Attribute) and func.attr == "add_summary"
            and isinstance(func.value, ast.Name) and (func.value.id in out.writers or (
                func.value.id in graph.by_name and graph.by_name[func.value.id].kind == "writer"))):
        if len(call.args) != 2 or call.keywords:
            raise CannotConvert(call, "FileWriter.add_summary", "add_summary() without a step")
        inner = " " * (stmt.col_offset + 4)
        out.edits.append((stmt, f"with {func.value.id}.as_default():\n{inner}tf.summary.experimental."
                                f"write_raw_pb({_src(call.args[0])}, step={_src(call.args[1])})"))
        handled.add(call)
        return True
    return False
