"""Per-function verdicts for the migrate report: what happened to each function and method that
makes TF1 variables (directly or through the functions it calls), and why.

Verdicts, from best to worst:

- ``native``: ``--mode native`` turned it into a ``tf.Module`` class (``class`` names it), or
  rewrote it so that no TF1 variable code is left (a Session program made an eager TF2 program);
- ``compat_island``: ``--mode native`` kept it in TF1 form, on the unscope runtime, as a
  compat island inside the native classes that call it (an ``unscope.track`` submodule under
  their scope); the reason says why, and "a compat island inside <Class>";
- ``tf1_form``: it keeps its TF1 shape and runs on the unscope runtime: ``--mode compat``, or
  ``--mode native`` where no native class holds it (the reason is the finding that says why);
- ``manual``: a finding inside it needs a person, whatever the mode, or the file could not be
  migrated at all (``error``).

    >>> src = "import tensorflow.compat.v1 as tf\\ndef f():\\n    return tf.get_variable('w', [1])\\n"
    >>> [(v["name"], v["verdict"]) for v in function_verdicts(src, "m.py", "compat", [], [])]
    [('f', 'tf1_form')]

A finding belongs to the function whose lines hold it (findings count lines of the file
before migration, the compat pass's in native mode too: see :mod:`unscope.migrate.line_map`).

Never imports TensorFlow; never raises on user code (an analysis that fails gives ``[]``).
"""
from __future__ import annotations

import ast

from unscope.migrate.imported_creators import imported_creators
from unscope.migrate.parses import parse, shared_parses, walk
from unscope.native.islands import ISLAND_PHRASE

__all__ = ["function_verdicts", "FUNCTION_VERDICTS"]

FUNCTION_VERDICTS = ("native", "compat_island", "tf1_form", "manual")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SESSION_PROGRAM = "became an eager TF2 program (the program pass); no TF1 variable code is left"


def function_verdicts(source: str, path: str, mode: str, findings, classes, new: str | None = None,
                      error: str | None = None) -> list[dict]:
    """``[{"name", "line", "end_line", "verdict", "reason", "class"}]`` in source order.

    ``findings`` and ``classes`` are the migration's (:class:`MigrationResult`), ``new`` its
    migrated text (None: unchanged), ``error`` why the file was left unchanged (every function
    is then ``manual`` with that reason).  Lines in the result refer to ``source``.
    """
    with shared_parses():   # one parse and one walk per text and function, for every analysis here
        return _verdicts(source, path, mode, findings, classes, new, error)


def _verdicts(source, path, mode, findings, classes, new, error) -> list[dict]:
    if path.endswith(".ipynb"):
        return _notebook_verdicts(source, path, findings, error)
    try:
        tree = parse(source, path)
        via: dict[str, str] = {}
        spans = creating_functions(source, path, via=via)
    except Exception:  # analysis is best effort; migration itself has already reported
        return []
    try:
        new_tree = ast.parse(new) if new is not None and new != source else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        new_tree = None
    made = {c["function"]: c["class"] for c in classes}
    old_nodes = _defs(tree)
    listed = {name for name, _, _ in spans}
    for name in made:   # made a class: it makes variables (through another file's class, say)
        node = old_nodes.get(name)
        if name not in listed and node is not None:
            spans.append((name, node.lineno, node.end_lineno))
    spans.sort(key=lambda s: s[1])
    imported = imported_creators(tree, path)
    out = []
    for name, line, end in spans:
        entry = {"name": name, "line": line, "end_line": end, "class": None}
        if error is not None:
            entry.update(verdict="manual", reason=f"file left unchanged: {error}")
            out.append(entry)
            continue
        inside = [f for f in findings if f.cell is None and line <= f.line <= end]
        manual = [f for f in inside if f.verdict == "manual"]
        if manual:
            entry.update(verdict="manual", reason=manual[0].message)
        elif name in made:
            entry.update(verdict="native", reason=f"became class {made[name]}", **{"class": made[name]})
        elif mode == "native" and new_tree is not None and _tf2_only(name, old_nodes, new_tree):
            entry.update(verdict="native", reason=_SESSION_PROGRAM)
        elif mode == "native":
            island = [f for f in findings if f.verdict == "compat"
                      and f"; {name} stays in TF1 form, {ISLAND_PHRASE} " in f.message]
            own = island + [f for f in findings if f.verdict == "compat"
                            and f.message.endswith(f"; {name} stays in TF1 form")]
            kept = own + [f for f in inside if f.verdict == "compat"]
            through = [q for local, q in imported.items() if _calls(old_nodes.get(name), local)]
            if kept:
                reason = kept[0].message
            elif through:
                reason = (f"makes variables through {through[0]} of another file, which native mode "
                          f"does not follow; kept on the unscope runtime")
            elif name in via:
                reason = f"makes variables only by calling {via[name][0]}; kept on the unscope runtime"
            else:
                reason = "kept on the unscope runtime"
            entry.update(verdict="compat_island" if island else "tf1_form", reason=reason)
        else:
            entry.update(verdict="tf1_form", reason="compat mode: TF1 form on the unscope runtime")
        out.append(entry)
    _settle_callers(out, via, old_nodes, new_tree if mode == "native" else None)
    return out


def _settle_callers(out: list[dict], via: dict, old_nodes, new_tree) -> None:
    """A function that makes variables only by calling others is native when all of those are
    and its migrated text holds no TF1 code (a lifted class's other methods; a function that
    builds a native class); otherwise its reason names the first one and its verdict."""
    entries = {e["name"]: e for e in out}
    now = _defs(new_tree) if new_tree is not None else {}
    changed = True
    while changed:
        changed = False
        for name, callees in via.items():
            e = entries.get(name)
            if e is None or e["verdict"] == "native" or not e["reason"].startswith("makes variables only by"):
                continue
            if now.get(name) is not None and all(entries.get(c, {}).get("verdict") == "native" for c in callees) \
                    and _no_tf1(now[name]):
                e.update(verdict="native", reason=f"calls only native modules ({', '.join(callees)}); "
                         "no TF1 variable code is left")
                changed = True
    for name, callees in via.items():
        e = entries.get(name)
        if e is not None and e["reason"].startswith("makes variables only by calling") and callees[0] in entries:
            first = callees[0]
            e["reason"] = e["reason"].replace(f"calling {first};", f"calling {first} ({entries[first]['verdict']});")


def creating_functions(source: str, path: str, follow_imports: bool = True,
                       via: dict | None = None) -> list[tuple[str, int, int]]:
    """``(name, line, end_line)`` of every module-level function and method that makes TF1
    variables; methods are named ``Class.method``.  ``follow_imports``: calls of what the file
    imports from its siblings count (see :mod:`unscope.migrate.imported_creators`).  ``via``
    gets, for each function that makes variables only through calls, the names it calls."""
    from unscope.native.program import Program

    program = Program(source, path)
    program.analyse()
    spans = [(name, fn.node.lineno, fn.node.end_lineno) for name, fn in program.creators.items()]
    methods = set(program.others)
    for stmt in program.tree.body:
        if type(stmt) is ast.ClassDef:
            for m in stmt.body:
                if type(m) in _DEFS and f"{stmt.name}.{m.name}" in methods:
                    spans.append((f"{stmt.name}.{m.name}", m.lineno, m.end_lineno))
        elif type(stmt) in _DEFS and stmt.name in methods:
            spans.append((stmt.name, stmt.lineno, stmt.end_lineno))
    defs = _defs(program.tree)
    making = {name for name, _, _ in spans}
    making |= set(imported_creators(program.tree, path)) if follow_imports else set()
    found = _callers(defs, making)
    for name in found:
        spans.append((name, defs[name].lineno, defs[name].end_lineno))
    if via is not None:
        via.update(found)
    return sorted(set(spans), key=lambda s: (s[1], s[0]))


def _callers(defs, making: set) -> dict[str, list[str]]:
    """Functions and methods that make variables only by calling ones that do: a function of
    ``making``, a class whose ``__init__`` is one (``Encoder(x)``), ``self.build()``, a method
    of an instance it made (``gan = GAN(); gan.build(x)``).  ``{caller: what it calls}``."""
    found, changed = {}, True
    while changed:
        changed = False
        for name, node in defs.items():
            if name not in making and _creator_calls(name, node, making):
                making.add(name)
                found[name] = None
                changed = True
    return {name: _creator_calls(name, defs[name], making) for name in found}


def _creator_calls(name: str, node, making: set) -> list[str]:
    """What ``node`` (function or method ``name``) calls of ``making``, in walk order."""
    owner = name.partition(".")[0] if "." in name else None
    nodes = walk(node)
    made = {t.id: a.value.func.id for a in nodes if type(a) is ast.Assign and type(a.value) is ast.Call
            and type(a.value.func) is ast.Name for t in a.targets if type(t) is ast.Name}
    hits = []
    for call in (n for n in nodes if type(n) is ast.Call):
        f = call.func
        hit = None
        if type(f) is ast.Name:
            hit = next((c for c in (f.id, f"{f.id}.__init__") if c in making), None)
        elif type(f) is ast.Attribute and type(f.value) is ast.Name:
            who = owner if f.value.id == "self" else made.get(f.value.id, f.value.id)
            hit = next((c for c in (f"{who}.{f.attr}", f"{f.value.id}.{f.attr}") if c in making), None)
        if hit and hit != name and hit not in hits:
            hits.append(hit)
    return hits


def _defs(tree: ast.Module) -> dict[str, ast.AST]:
    """Module-level functions by name and methods as ``Class.method``."""
    found = {}
    for stmt in tree.body:
        if type(stmt) in _DEFS:
            found[stmt.name] = stmt
        elif type(stmt) is ast.ClassDef:
            for m in stmt.body:
                if type(m) in _DEFS:
                    found[f"{stmt.name}.{m.name}"] = m
    return found


def _tf2_only(name: str, old_nodes, new_tree: ast.Module) -> bool:
    """The migrated function of this name holds no TF1 code (no runtime, no ``tf.compat.v1``)
    while its original ran a Session program: the program pass made it eager TF2."""
    old = old_nodes.get(name)
    now = _defs(new_tree).get(name)
    if old is None or now is None:
        return False
    ran_session = any(type(n) is ast.Attribute and n.attr in ("Session", "InteractiveSession")
                      for n in ast.walk(old))
    return ran_session and _no_tf1(now)


def _no_tf1(node) -> bool:
    """No unscope runtime (``unscope.variable_scope``, ...) and no ``tf.compat.v1`` in ``node``."""
    return "compat.v1" not in ast.unparse(node) and not any(
        type(n) is ast.Name and n.id == "unscope" for n in ast.walk(node))


def _calls(node, name: str) -> bool:
    """Whether ``node`` calls ``name`` (``f`` or ``module.f``)."""
    if node is None:
        return False
    for call in (n for n in ast.walk(node) if type(n) is ast.Call):
        f = call.func
        if type(f) is ast.Name and f.id == name or type(f) is ast.Attribute and \
                type(f.value) is ast.Name and f"{f.value.id}.{f.attr}" == name:
            return True
    return False


def _notebook_verdicts(text: str, path: str, findings, error) -> list[dict]:
    """A notebook's code cells read as one module (as migrate reads them); each entry also has
    ``cell`` (its index in ``cells``) and counts ``line`` inside that cell.  Notebooks are
    migrated in compat mode, so nothing in them is native."""
    import json

    from unscope.analyze.notebook import mask_magics

    try:
        data = json.loads(text)
        cells = data.get("cells") if isinstance(data, dict) else None
        pieces, first = [], 1   # (cell index, first line of the cell in the module, masked text)
        for index, cell in enumerate(cells or []):
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            body = cell.get("source", "")
            body = "".join(body) if isinstance(body, list) else body
            masked = mask_magics(body) if isinstance(body, str) else None
            if masked is None:
                continue
            ast.parse(masked)
            pieces.append((index, first, masked))
            first += masked.count("\n") + 1
        spans = creating_functions("\n".join(p[2] for p in pieces), path, follow_imports=False)
    except Exception:  # best effort, as for .py files
        return []
    out = []
    for name, line, end in spans:
        index, start, _ = next(p for p in reversed(pieces) if p[1] <= line)
        line, end = line - start + 1, end - start + 1
        entry = {"name": name, "line": line, "end_line": end, "class": None, "cell": index}
        manual = [f for f in findings if f.cell == index and f.verdict == "manual" and line <= f.line <= end]
        if error is not None:
            entry.update(verdict="manual", reason=f"file left unchanged: {error}")
        elif manual:
            entry.update(verdict="manual", reason=manual[0].message)
        else:
            entry.update(verdict="tf1_form", reason="a notebook's cells are migrated in compat mode: "
                         "TF1 form on the unscope runtime")
        out.append(entry)
    return out
