"""``migrate_program``: the Session program of one file, made eager (native mode's first step)."""
from __future__ import annotations

import ast

from unscope.analyze.findings import Finding
from unscope.analyze.imports import ImportTable
from unscope.program.emit import emit_program
from unscope.program.entry import find_entry
from unscope.program.graph import CannotConvert, read_graph
from unscope.program.session import rewrite_session

__all__ = ["migrate_program"]

MARKER = "__unscope_program__()"
RESTORE_IMPORT = "from unscope.program import restore"


def migrate_program(source: str, *, path: str = "<string>", native):
    """``(result, findings)``: ``result`` the native result with the program made eager, or
    None when the file runs no Session program this pass converts (``findings`` say why).

    ``native`` is ``migrate_native`` with the caller's options bound; it runs on the file with
    the program masked out, so the model functions become classes the program then calls.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return None, []
    table = ImportTable.from_tree(tree)
    entry = find_entry(tree, table)
    if entry is None:
        return None, []
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
    program = [s for s in entry.body if not module_level or not isinstance(
        s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.If))]
    if module_level:
        program = [s for s in program if not (isinstance(s, ast.Expr) and isinstance(
            s.value, ast.Constant))]
        inside = [s for s in tree.body if program[0].lineno <= s.lineno <= program[-1].lineno]
        if len(inside) != len(program):
            raise CannotConvert(program[0], None, "module-level graph code interleaved with "
                                "imports or definitions")
    indent = " " * program[0].col_offset
    masked = "".join(lines[:program[0].lineno - 1]) + indent + MARKER + "\n" + "".join(
        lines[program[-1].end_lineno:])
    result = native(masked, path=path)
    if result.error is not None:
        raise CannotConvert(entry.session, None, f"native mode cannot migrate the rest of the file "
                            f"({result.error})")
    classes = {c["function"]: c for c in result.classes}
    graph = read_graph(entry.body, entry.session, table, set(classes), module_level)
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    objects = _restore_objects(graph)
    session = rewrite_session(entry.session, graph, table, taken, objects)
    nn = _nn_name(result.code)
    body = emit_program(source, graph, session, classes, nn or "nn", indent, taken)
    code = result.code
    if MARKER not in code:
        raise CannotConvert(entry.session, None, "internal error: the program's place was lost")
    head, tail = code.split(indent + MARKER + "\n", 1)
    code = head + "\n".join(body).rstrip("\n") + "\n" + tail
    needed = []
    if nn is None and f"nn." in "\n".join(body):
        needed.append("from unscope import nn")
    if "restore" in session.uses:
        needed.append(RESTORE_IMPORT)
    if "os.path." in "\n".join(body) and "os" not in table.aliases():
        needed.insert(0, "import os")
    code = _add_imports(code, needed)
    result.code, result.changed = code, True
    return result


def _restore_objects(graph) -> str:
    models = graph.of_kind("model")
    parts = [f"model={models[0].info['function']}"] if len(models) == 1 else []
    trains = graph.of_kind("train")
    if trains:
        name = trains[0].info.get("optimizer", "optimizer")
        parts.append(f"optimizer={name}")
    steps = graph.of_kind("global_step")
    if steps:
        parts.append(f"step={steps[0].name}")
    return ", ".join(parts)


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


def _finding(path, node, api, message):
    return Finding(path, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1, None, api,
                   None, "manual", message)
