"""``migrate_program``: the Session program of one file, made eager (native mode's first step)."""
from __future__ import annotations

import ast

from unscope.analyze.findings import Finding
from unscope.analyze.imports import ImportTable, canonical_api
from unscope.migrate.parses import parse
from unscope.program.emit import emit_program
from unscope.program.entry import find_entry
from unscope.program.graph import CannotConvert, read_graph
from unscope.program.makers import variable_makers
from unscope.program.models import import_classes, imported_models
from unscope.program.session import rewrite_session
from unscope.program.user_optimizers import add_resource_methods, read_user_optimizers

__all__ = ["migrate_program", "program_statements"]

MARKER = "__unscope_program__()"
RESTORE_IMPORT = "from unscope.program import restore"


def migrate_program(source: str, *, path: str = "<string>", native):
    """``(result, findings)``: ``result`` the native result with the program made eager, or
    None when the file runs no Session program this pass converts (``findings`` say why).

    ``native`` is ``migrate_native`` with the caller's options bound; it runs on the file with
    the program masked out, so the model functions become classes the program then calls.
    """
    if not any(word in source for word in _PROGRAM_WORDS):  # the common file: no parse here
        return None, []
    try:
        tree = parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return None, []
    table = ImportTable.from_tree(tree)
    entry = find_entry(tree, table)
    if entry is None:
        return None, _kept_programs(tree, table, path)
    if table.resolve(ast.Name("tf")) != "tensorflow":
        return None, [_finding(path, entry.session, "tf.Session", "the program is kept in TF1 form: "
                               "it is converted only when TensorFlow is imported as "
                               "`import tensorflow as tf`")]
    try:
        return _convert(source, tree, table, entry, path, native), []
    except CannotConvert as exc:
        node = exc.node if exc.node is not None else entry.session
        return None, [_finding(path, node, exc.api or "tf.Session",
                               f"the Session program is kept in TF1 form: {exc} - rewrite it by hand "
                               "or keep it on tf.compat.v1")]


def _convert(source, tree, table, entry, path, native):
    lines = source.splitlines(keepends=True)
    module_level = entry.function is None and entry.body is tree.body
    body = program = program_statements(tree, entry)
    if module_level:
        _check_outside(tree.body, program, table)
    indent = " " * program[0].col_offset
    masked = "".join(lines[:program[0].lineno - 1]) + indent + MARKER + "\n" + "".join(
        lines[program[-1].end_lineno:])
    result = native(masked, path=path)
    if result.error is not None:
        raise CannotConvert(entry.session, None, f"native mode cannot migrate the rest of the file "
                            f"({result.error})")
    classes = {c["function"]: dict(c) for c in result.classes}
    normed = _batch_norm_models(tree, table, classes)
    imported = {local: model for local, model in imported_models(tree, path).items()
                if local not in classes}
    for local, model in imported.items():
        classes[local] = {**model.entry, "function": local}
        found = _batch_norm_models(model.tree, ImportTable.from_tree(model.tree), {model.entry["function"]: 1})
        if found:
            normed[local] = next(iter(found.values()))
    for local in normed:
        classes[local]["batch_norm"] = True
    makers = variable_makers(tree, path, classes) - {entry.function.name if entry.function else ""}
    optimizers = read_user_optimizers(tree, table)
    graph = read_graph(body, entry.session, table, set(classes), module_level, makers, optimizers)
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    for model in imported.values():
        if model.entry["class"] in taken:
            raise CannotConvert(model.node, None, f"`{model.entry['class']}` (the class of the "
                                f"imported `{model.local}`) is already a name in this file")
    names = {name: _fresh(name, taken) for name in ("checkpoint", "manager")}
    for item in graph.of_kind("next"):
        chained = not isinstance(item.info["iterator"], str)
        item.info["iterator_name"] = _fresh("iterator", taken) if chained else item.info["iterator"]
        made = graph.by_name.get(item.info["iterator"]) if not chained else None
        item.info["spec_source"] = (ast.unparse(made.info["dataset"]) if made is not None and
                                    made.info.get("initializable") else item.info["iterator_name"])
    for item in graph.of_kind("iterator"):
        if "chain" in item.info:
            _check_made_alone(graph, item, entry.body)
            item.info["maker"] = _fresh(f"make_{item.info['dataset'].id}", taken)
    for train in graph.of_kind("train"):
        if "inline" in train.info:
            train.info["optimizer"] = _fresh("optimizer", taken)
    objects = _restore_objects(graph)
    session = rewrite_session(entry.session, graph, table, taken, objects, names)
    _check_batch_norm(graph, session, normed)
    if graph.of_kind("next") and any(isinstance(n, ast.Attribute) and n.attr == "OutOfRangeError"
                                     and n not in session.ends for n in ast.walk(entry.session)):
        raise CannotConvert(entry.session, "tf.errors.OutOfRangeError", "the end of the data is "
                            "caught as OutOfRangeError (a Python iterator raises StopIteration)")
    nn = _nn_name(result.code)
    body = emit_program(source, graph, session, classes, nn or "nn", indent, names)
    code = add_resource_methods(result.code, _used_optimizers(graph))
    if MARKER not in code:
        raise CannotConvert(entry.session, None, "internal error: the program's place was lost")
    head, tail = code.split(indent + MARKER + "\n", 1)
    text = "\n".join(body).rstrip("\n")
    if text.startswith("\n") and head.endswith("\n\n"):  # the program opens with its own blank lines
        head = head.rstrip("\n") + "\n"
    code = head + text + "\n" + tail
    needed = []
    if nn is None and "nn." in "\n".join(body):
        needed.append("from unscope import nn")
    if "restore" in session.uses:
        needed.append(RESTORE_IMPORT)
    if "os.path." in "\n".join(body) and "os" not in table.aliases():
        needed.insert(0, "import os")
    code = _add_imports(code, needed)
    built = {call.func.id for item in graph.of_kind("tensor") for call in item.info["model_calls"]}
    code = import_classes(code, {k: m for k, m in imported.items() if k in built},
                          _used_outside(tree, entry, program))
    result.code, result.changed = code, True
    return result


# Programs run by something other than a plain Session: not converted (yet), said so.
KEPT_APIS = {"tf.train.MonitoredTrainingSession": "MonitoredTrainingSession (hooks, its own saver)",
             "tf.train.MonitoredSession": "MonitoredSession (hooks, its own saver)",
             "tf.train.SingularMonitoredSession": "SingularMonitoredSession (hooks, its own saver)",
             "tf.train.Supervisor": "Supervisor", "tf.train.start_queue_runners": "queue runners",
             "tf.estimator.Estimator": "an Estimator (model_fn, input_fn)",
             "tf.train.string_input_producer": "queue-based input"}
# A file that spells none of these names neither runs a Session program nor one of KEPT_APIS:
# an API resolves only through its own last name written in the file (an import or attribute).
_PROGRAM_WORDS = ("Session",) + tuple(sorted({api.rpartition(".")[2] for api in KEPT_APIS
                                              if "Session" not in api}))


def _kept_programs(tree, table, path):
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            api = canonical_api(table.resolve(node.func) or "")
            if api in KEPT_APIS:
                findings.append(_finding(path, node, api, f"the program is kept in TF1 form: it runs "
                                         f"{KEPT_APIS[api]}, which this version does not convert to "
                                         "TF2 - write the training loop with tf.function by hand"))
    return findings


def _batch_norm_models(tree, table, classes) -> dict:
    """``{model function: its first batch-norm call}`` among ``classes``."""
    found = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name in classes:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and "batch_norm" in (
                        canonical_api(table.resolve(node.func) or "") or ""):
                    found.setdefault(stmt.name, node)
    return found


def _check_batch_norm(graph, session, normed):
    """Batch norm trained by a Session updated its moving averages only when the program ran
    UPDATE_OPS; a TF2 module updates them on every training call.  The same when every train op
    runs under ``control_dependencies(UPDATE_OPS)`` and every other function calls the model
    with ``training`` False (a literal, or a bool placeholder fed ``False`` at every run)."""
    if not normed:
        return
    for train in graph.of_kind("train"):
        if not train.info.get("updates"):
            node = next(iter(normed.values()))
            raise CannotConvert(node, "batch_normalization", "batch normalization in a model the "
                                "Session trains (TF1 updated its moving averages only through the "
                                "UPDATE_OPS the program ran)")
    for fetch in session.fetches.values():
        if fetch.train:
            continue
        for item in graph.closure(fetch.fetches):
            for call in item.info.get("model_calls", []) if item.kind == "tensor" else []:
                if call.func.id in normed and not _not_training(call, graph, session.feeds.get(fetch.name, [])):
                    raise CannotConvert(call, "batch_normalization", f"`{call.func.id}` (batch "
                                        "normalization) is run outside a train op with a training "
                                        "flag not False (TF2 would update its moving averages there)")


def _not_training(call, graph, feeds) -> bool:
    for arg in [*call.args[1:], *(k.value for k in call.keywords)]:
        if isinstance(arg, ast.Constant) and arg.value is True:
            return False
        item = graph.by_name.get(arg.id) if isinstance(arg, ast.Name) else None
        if item is not None and item.kind == "placeholder" and ast.unparse(item.info["dtype"]) == "tf.bool":
            if not feeds or not all(isinstance(f.get(arg.id), ast.Constant) and f[arg.id].value is False
                                    for f in feeds):
                return False
    return True


_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.If)


def _used_outside(tree, entry, program):
    """Names the file reads outside its program (an imported model function used elsewhere
    keeps its import)."""
    skip = set(program) | ({entry.function} if entry.function is not None else set())
    used = set()
    for stmt in tree.body:
        if stmt in skip or isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue
        used |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}
        if isinstance(stmt, ast.If) and entry.function is None:
            for inner in stmt.body:
                if inner in skip:
                    used -= {n.id for n in ast.walk(inner) if isinstance(n, ast.Name)}
    return used


def program_statements(tree: ast.Module, entry) -> list[ast.stmt]:
    """The statements of the Session program ``entry`` (from :func:`find_entry`): its body, or
    at module level the run of statements around the Session up to the nearest definitions."""
    if entry.function is None and entry.body is tree.body:
        return _run_around(tree.body, entry.session)
    return list(entry.body)


def _run_around(body, session):
    """The module-level statements around the Session, up to the nearest definitions."""
    at = body.index(session)
    start, end = at, at
    while start > 0 and not isinstance(body[start - 1], _DEFINITIONS):
        start -= 1
    while end + 1 < len(body) and not isinstance(body[end + 1], _DEFINITIONS):
        end += 1
    run = body[start:end + 1]
    while run and isinstance(run[0], ast.Expr) and isinstance(run[0].value, ast.Constant):
        run = run[1:]  # the module docstring stays where it is
    return run


def _check_outside(body, program, table):
    """Module-level statements outside the program stay as they are: they must not build graph."""
    from unscope.program.graph import _PYTHON_TF

    for stmt in body:
        if stmt in program or isinstance(stmt, _DEFINITIONS):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                api = canonical_api(table.resolve(node.func) or "")
                if api and api not in _PYTHON_TF:
                    raise CannotConvert(stmt, api, "module-level graph code apart from the "
                                        "Session program (between definitions)")


def _restore_objects(graph) -> str:
    models = list(dict.fromkeys(call.func.id for item in graph.of_kind("tensor")
                                for call in item.info["model_calls"]))
    parts = [f"model={_one_or_list(models)}"] if models else []
    optimizers = list(dict.fromkeys(train.info["optimizer"] for train in graph.of_kind("train")))
    if optimizers:
        parts.append(f"optimizer={_one_or_list(optimizers)}")
    steps = graph.of_kind("global_step")
    if steps:
        parts.append(f"step={steps[0].name}")
    return ", ".join(parts)


def _check_made_alone(graph, iterator, body):
    """A pipeline made at each initializer run lives in its function: nothing else may read it,
    and the Python names it reads keep the values TF1's graph took (none is bound again)."""
    chain = {id(i) for i in iterator.info["chain"]}
    last = max(i.node.end_lineno for i in iterator.info["chain"])
    free = {n.id for i in iterator.info["chain"] for n in ast.walk(i.node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in graph.by_name}
    free -= {a.arg for i in iterator.info["chain"] for n in ast.walk(i.node) if isinstance(n, ast.Lambda)
             for a in n.args.args}
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in free \
                    and node.lineno > last:
                raise CannotConvert(node, "make_initializable_iterator", f"`{node.id}`, read by a "
                                    "pipeline made again at each initializer run, is bound again "
                                    "after it (TF1's pipeline kept the first value)")
    names = {name for name, item in graph.by_name.items() if id(item) in chain}
    for item in graph.items:
        source = item.info.get("iterator") if item.kind == "next" else None
        reads = item.deps | ({source.id} if isinstance(source, ast.Name) else set())
        if id(item) not in chain and item is not iterator and reads & names:
            raise CannotConvert(item.node, "make_initializable_iterator", "a pipeline made again at "
                                "each initializer run is also read here")


def _used_optimizers(graph) -> list:
    """The file's own optimizer classes the program makes."""
    made = [item.info["user"] for item in graph.of_kind("optimizer") if "user" in item.info]
    made += [t.info["inline"]["user"] for t in graph.of_kind("train") if "user" in t.info.get("inline", {})]
    return list({o.name: o for o in made}.values())


def _one_or_list(names):
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


def _nn_name(code):
    for stmt in ast.parse(code).body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module in ("unscope", "unscope_nn") or (
                isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.module.endswith("unscope_nn")):
            for alias in stmt.names:
                if alias.name in ("nn", "unscope_nn"):
                    return alias.asname or alias.name
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name.endswith("unscope_nn") and alias.asname:
                    return alias.asname
    return None


def _add_imports(code, needed):
    if not needed:
        return code
    tree = ast.parse(code)
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    lines = code.splitlines(keepends=True)
    at = imports[-1].end_lineno if imports else 0
    return "".join(lines[:at]) + "".join(line + "\n" for line in needed) + "".join(lines[at:])


def _fresh(name, taken):
    candidate, i = name, 2
    while candidate in taken:
        candidate, i = f"{name}_{i}", i + 1
    taken.add(candidate)
    return candidate


def _finding(path, node, api, message):
    return Finding(path, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1, None, api,
                   None, "manual", message)
