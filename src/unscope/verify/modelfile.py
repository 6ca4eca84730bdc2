"""Load the definitions of a model file that may also be a training script.

`unscope verify` and `unscope convert` import ``FILE.py`` to reach one function or class in
it. A TF1 file often holds the model *and* its Session training loop. Importing it must not
train, and on the NEW side (eager TF2) must not switch eager execution off:

- the loop under ``if __name__ == "__main__":`` never runs (the module has another name);
- a file that runs a program at top level (a ``for``/``while`` loop, a Session, ``tf.app.run``
  outside that guard) is loaded *definitions only*: imports, ``def``, ``class``, docstrings
  and assignments of constant expressions (``N = 3``, ``FLAGS = tf.app.flags.FLAGS``) run;
  every other top-level statement is skipped and listed in `LoadedFile.notes`;
- with ``eager=True`` (the NEW side) every ``disable_v2_behavior()`` /
  ``disable_eager_execution()`` call in the file outside the ``__main__`` block is
  neutralised (it evaluates to None), also listed in the notes.

Which statements run is decided with `ast` before anything executes::

    loaded = load_file("train.py", "new", eager=True)
    fn = loaded.resolve("model")
    loaded.notes  # ['train.py:31: not run: ...']
"""
from __future__ import annotations

import ast
import importlib.util
import itertools
import os
import re
import sys
from dataclasses import dataclass, field

from unscope.verify.inputs import UsageError

SESSION_NAMES = frozenset({
    "Session", "InteractiveSession", "MonitoredSession", "MonitoredTrainingSession",
    "SingularMonitoredSession", "Supervisor", "train_and_evaluate",
})
GRAPH_SWITCHES = frozenset({"disable_v2_behavior", "disable_eager_execution"})
_counter = itertools.count()


@dataclass(frozen=True)
class Skipped:
    """A top-level statement that was not run, and the names it would have bound."""

    line: int
    text: str
    names: frozenset


@dataclass
class LoadedFile:
    """An imported model file and what loading it left out."""

    path: str
    module: object
    program_line: int | None = None        # the first top-level program statement
    skipped: list[Skipped] = field(default_factory=list)
    neutralised: list[int] = field(default_factory=list)  # lines of graph-mode switches

    @property
    def notes(self) -> list[str]:
        name = os.path.basename(self.path)
        notes = []
        if self.skipped:
            lines = ", ".join(str(s.line) for s in self.skipped[:8])
            more = f" and {len(self.skipped) - 8} more" if len(self.skipped) > 8 else ""
            notes.append(f"{name}:{self.program_line}: the file runs a program at top level; "
                         f"only its definitions were loaded (statements at lines {lines}{more} "
                         "not run)")
        for line in self.neutralised:
            notes.append(f"{name}:{line}: graph-mode switch not run: the migrated side runs "
                         "eagerly")
        return notes

    def explain(self, name: str) -> str:
        """Why `name` is missing, when a skipped statement would have bound it."""
        for s in self.skipped:
            if name in s.names:
                base = os.path.basename(self.path)
                return (f"{name!r} is set at {base}:{s.line}, which was not run: the file runs a "
                        f"program at top level (line {self.program_line}), so only its "
                        "definitions were loaded - move that statement into a function, or the "
                        "program under `if __name__ == \"__main__\":`")
        return ""

    def resolve(self, attr: str):
        """``"Model"`` or ``"outer.inner"`` in the module; a missing one is a `UsageError`."""
        obj = self.module
        for part in attr.split("."):
            try:
                obj = getattr(obj, part)
            except AttributeError:
                why = self.explain(part) if obj is self.module else ""
                raise UsageError(f"{self.path}: has no attribute {attr!r}"
                                 + (f" ({why})" if why else "")) from None
        return obj


def _guarded_by_main(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    parts = [stmt.test.left, *stmt.test.comparators]
    names = {p.id for p in parts if isinstance(p, ast.Name)}
    consts = {p.value for p in parts if isinstance(p, ast.Constant)}
    return names == {"__name__"} and consts == {"__main__"}


def _mentions_program(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        name = sub.attr if isinstance(sub, ast.Attribute) else \
            sub.id if isinstance(sub, ast.Name) else None
        if name in SESSION_NAMES:
            return True
        # tf.app.run(main) / absl.app.run(main)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) \
                and sub.func.attr == "run":
            owner = sub.func.value
            if (isinstance(owner, ast.Attribute) and owner.attr == "app") or \
                    (isinstance(owner, ast.Name) and owner.id == "app"):
                return True
    return False


def _runs_program(stmt: ast.stmt) -> bool:
    if _guarded_by_main(stmt) or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.ClassDef)):
        return False
    if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
        return True
    return _mentions_program(stmt)


def _constant(node: ast.AST) -> bool:
    """Literals, names, attribute chains, and containers / arithmetic of them: no calls."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, ast.Attribute):
        return _constant(node.value)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _constant(k) for k in node.keys) and \
            all(_constant(v) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right)
    if isinstance(node, ast.BoolOp):
        return all(_constant(v) for v in node.values)
    if isinstance(node, ast.Compare):
        return _constant(node.left) and all(_constant(c) for c in node.comparators)
    if isinstance(node, ast.Subscript):
        return _constant(node.value) and _constant(node.slice)
    return False


def _definition(stmt: ast.stmt) -> bool:
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef, ast.Pass, ast.Global)):
        return True
    if isinstance(stmt, ast.Expr):
        return isinstance(stmt.value, ast.Constant)  # a docstring
    if isinstance(stmt, ast.Assign):
        return _constant(stmt.value)
    if isinstance(stmt, ast.AnnAssign):
        return stmt.value is None or _constant(stmt.value)
    if isinstance(stmt, ast.Try):  # try: import x / except ImportError: x = None
        return all(_definition(s) for s in
                   stmt.body + stmt.orelse + stmt.finalbody +
                   [s for h in stmt.handlers for s in h.body])
    if isinstance(stmt, ast.If) and not _guarded_by_main(stmt):
        return _constant(stmt.test) and all(_definition(s) for s in stmt.body + stmt.orelse)
    return False


def _bound_names(stmt: ast.stmt) -> frozenset:
    names = set()
    for sub in ast.walk(stmt):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(sub.name)
        elif isinstance(sub, ast.alias):
            names.add((sub.asname or sub.name).split(".")[0])
    return frozenset(names)


class _Neutralise(ast.NodeTransformer):
    """``tf.compat.v1.disable_v2_behavior()`` (any spelling) -> ``None``."""

    def __init__(self, aliases: set):
        self.aliases = aliases
        self.lines: list[int] = []

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) and func.id in self.aliases else None
        if name in GRAPH_SWITCHES or (isinstance(func, ast.Name) and func.id in self.aliases):
            self.lines.append(node.lineno)
            return ast.copy_location(ast.Constant(None), node)
        return node


def _switch_aliases(tree: ast.Module) -> set:
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            aliases.update(a.asname or a.name for a in node.names if a.name in GRAPH_SWITCHES)
    return aliases


def plan(source: str, path: str, *, eager: bool) -> tuple[ast.Module, LoadedFile]:
    """The tree that will run and the `LoadedFile` record (module not yet made)."""
    tree = ast.parse(source, filename=path)
    record = LoadedFile(os.path.abspath(path), None)
    program = [s for s in tree.body if _runs_program(s)]
    if program:
        record.program_line = program[0].lineno
        kept = []
        for stmt in tree.body:
            if _definition(stmt) or _guarded_by_main(stmt):
                kept.append(stmt)
            else:
                first = ast.get_source_segment(source, stmt) or ""
                record.skipped.append(Skipped(stmt.lineno, first.splitlines()[0] if first else "",
                                              _bound_names(stmt)))
        tree.body = kept
    if eager:
        neutralise = _Neutralise(_switch_aliases(tree))
        # the __main__ block never runs on import: its switch is the program's, left alone
        tree.body = [s if _guarded_by_main(s) else neutralise.visit(s) for s in tree.body]
        record.neutralised = sorted(set(neutralise.lines))
    ast.fix_missing_locations(tree)
    return tree, record


def load_file(path: str, side: str, *, eager: bool = False) -> LoadedFile:
    """Import `path` under a private, unique module name; its folder joins ``sys.path``.

    Raises `UsageError` for a missing or non-Python file; SyntaxError and whatever the
    file's own top level raises propagate (the caller reports them as build errors).
    """
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        raise UsageError(f"{path}: no such file")
    try:
        with open(path, "rb") as f:
            source = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not a readable Python file ({exc})") from None
    tree, record = plan(source, path, eager=eager)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        # left in place: the file's own imports may run lazily, at call time
        sys.path.insert(0, folder)
    stem = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
    name = f"_unscope_{side}_{stem}_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        exec(compile(tree, path, "exec"), module.__dict__)  # noqa: S102 - the user's model file
    except BaseException:
        sys.modules.pop(name, None)
        raise
    record.module = module
    return record
