"""Per-function verdicts for the migrate report: what happened to each function that makes
TF1 variables (directly or through the functions it calls), and why.

Verdicts, from best to worst:

- ``native``: ``--mode native`` turned it into a ``tf.Module`` class (``class`` names it);
- ``compat_island``: ``--mode native`` kept it on the unscope runtime, in TF1 form, inside an
  otherwise native file (the reason is the finding that says why);
- ``tf1_form``: ``--mode compat``: it keeps its TF1 shape and runs on the unscope runtime;
- ``manual``: a finding inside it needs a person, whatever the mode.

    >>> src = "import tensorflow.compat.v1 as tf\\ndef f():\\n    return tf.get_variable('w', [1])\\n"
    >>> [(v["name"], v["verdict"]) for v in function_verdicts(src, "m.py", "compat", [], [])]
    [('f', 'tf1_form')]

Never imports TensorFlow; never raises on user code (an analysis that fails gives ``[]``).
"""
from __future__ import annotations

import ast

__all__ = ["function_verdicts", "FUNCTION_VERDICTS"]

FUNCTION_VERDICTS = ("native", "compat_island", "tf1_form", "manual")


def function_verdicts(source: str, path: str, mode: str, findings, classes) -> list[dict]:
    """``[{"name", "line", "end_line", "verdict", "reason", "class"}]`` in source order.

    ``findings`` and ``classes`` are the migration's (:class:`MigrationResult`); their lines
    refer to ``source``, the file before migration.
    """
    try:
        spans = _creating_functions(source, path)
    except Exception:  # analysis is best effort; migration itself has already reported
        return []
    made = {c["function"]: c["class"] for c in classes}
    out = []
    for name, line, end in spans:
        inside = [f for f in findings if f.cell is None and line <= f.line <= end]
        manual = [f for f in inside if f.verdict == "manual"]
        entry = {"name": name, "line": line, "end_line": end, "class": None}
        if manual:
            entry.update(verdict="manual", reason=manual[0].message)
        elif name in made:
            entry.update(verdict="native", reason=f"became class {made[name]}", **{"class": made[name]})
        elif mode == "native":
            kept = [f for f in inside if f.verdict == "compat"]
            entry.update(verdict="compat_island",
                         reason=kept[0].message if kept else "kept on the unscope runtime")
        else:
            entry.update(verdict="tf1_form", reason="compat mode: TF1 form on the unscope runtime")
        out.append(entry)
    return out


def _creating_functions(source: str, path: str) -> list[tuple[str, int, int]]:
    from unscope.native.program import Program

    program = Program(source, path)
    program.analyse()
    spans = [(name, fn.node.lineno, fn.node.end_lineno) for name, fn in program.creators.items()]
    methods = set(program.others)
    for stmt in program.tree.body:
        if type(stmt) is ast.ClassDef:
            for m in stmt.body:
                if f"{stmt.name}.{m.name}" in methods and type(m) in (ast.FunctionDef, ast.AsyncFunctionDef):
                    spans.append((f"{stmt.name}.{m.name}", m.lineno, m.end_lineno))
        elif type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef) and stmt.name in methods:
            spans.append((stmt.name, stmt.lineno, stmt.end_lineno))
    return sorted(set(spans), key=lambda s: (s[1], s[0]))
