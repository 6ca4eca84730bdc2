"""Migrate one source text: locate with ``ast``, change with exact text edits, prove the result.

The whole pipeline for a module::

    parse (ast) -> import table -> TF chains -> plan (spelling of tf) -> rules (edits, findings)
    -> import edits -> apply -> parse the output -> migrate it again: it must not change

A file that cannot be migrated completely (an edit would lose a comment, the output would not
parse, a second run would change it again) is returned unchanged with the reason; a file with
nothing to migrate is returned as it is.  Never raises on bad input, never prints.
"""
from __future__ import annotations

import ast
import contextlib
import gc
import threading

from unscope.analyze.findings import Finding
from unscope.analyze.imports import ImportTable
from unscope.migrate.context import Context
from unscope.migrate.imports import CannotMigrate
from unscope.migrate.refs import collect
from unscope.migrate.result import MigrationResult
from unscope.migrate.parses import parse, shared_parses
from unscope.migrate.source import EditConflict, Source

__all__ = ["migrate_source", "plan_edits", "MODES"]

MODES = ("compat", "native")


def migrate_source(source: str, mode: str = "compat", *, path: str = "<string>",
                   check_stable: bool = True, nn_import: str | None = None,
                   imported=frozenset(), foreign=()) -> MigrationResult:
    """Migrate TF1 source code so that it runs on TensorFlow 2.

    >>> r = migrate_source("import tensorflow.compat.v1 as tf\\nw = tf.get_variable('w', [2])\\n")
    >>> print(r.code, end="")
    import tensorflow as tf
    import unscope
    w = unscope.get_variable('w', [2])

    ``mode`` is ``"compat"`` (the unscope runtime keeps TF1 semantics) or ``"native"``
    (``tf.Module`` classes owning their variables; functions that cannot be made native safely
    stay on the compat runtime, each with a finding).  ``nn_import`` (native mode) is the import
    line for the layer package, ``from unscope import nn`` unless vendored; ``imported``
    (native mode) the names other files of the run import from this one, ``foreign`` the
    classes other files made that this one may build (:mod:`unscope.native.project`).  Findings carry
    ``path``.  A source that does not parse comes back unchanged with ``error`` set.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    # A module's syntax trees (~10 objects per source line) live until the end, and CPython's
    # cycle collector would walk them again and again while more are built: about half of
    # native mode's time on a 24k-line file.  It pauses meanwhile; the few cycles made here
    # are freed by the next collection.  Native mode's passes over the file hand their trees
    # along (unscope.migrate.parses): each text is parsed once.
    with _collector_paused(), shared_parses():
        return _migrate_source(source, mode, path, check_stable, nn_import, imported, foreign)


_PAUSE_LOCK = threading.Lock()
_pauses = [0, False]  # calls in progress, whether the collector was on before the first


@contextlib.contextmanager
def _collector_paused():
    """Pause the cycle collector for the outermost of any concurrent calls (threads included),
    and put back what the caller had when the last one ends."""
    with _PAUSE_LOCK:
        if _pauses[0] == 0:
            _pauses[1] = gc.isenabled()
            gc.disable()
        _pauses[0] += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _pauses[0] -= 1
            if _pauses[0] == 0 and _pauses[1]:
                gc.enable()


def _migrate_source(source, mode, path, check_stable, nn_import, imported, foreign=()) -> MigrationResult:
    if mode == "native":
        return _migrate_native(source, path, check_stable, nn_import, imported, foreign)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return MigrationResult(source, error=f"cannot parse: {exc.msg}", error_line=exc.lineno,
                               error_col=exc.offset)
    except (ValueError, RecursionError) as exc:  # null bytes, absurd nesting
        return MigrationResult(source, error=f"cannot parse: {exc}")
    result, new_tree = _migrate_tree(source, tree, mode, path)
    if check_stable and result.changed:
        again, _ = _migrate_tree(result.code, new_tree, mode, path)
        if again.changed:
            return MigrationResult(source, result.findings, error="internal error: the rewrite is not "
                                   "stable (a second run changes it again); file left unchanged - "
                                   "please report this file")
    return result


def _migrate_native(source: str, path: str, check_stable: bool, nn_import: str | None,
                    imported=frozenset(), foreign=()) -> MigrationResult:
    """Native structure first (tf.Module classes), then the compat pass over the result:
    TF2 spellings for the ops around the new classes, and the runtime for what stayed TF1."""
    from unscope.native import migrate_native

    from functools import partial

    from unscope.program import migrate_program

    options = {} if nn_import is None else {"nn_import": nn_import}
    # A file that runs its graph in a Session: the program becomes eager first (unscope.program).
    native_pass = partial(migrate_native, imported=imported, foreign=foreign, **options)
    native, program_findings = migrate_program(source, path=path, native=native_pass)
    if native is None:
        native = native_pass(source, path=path)
    findings = list(native.findings) + program_findings
    if native.error is not None:
        return MigrationResult(source, findings, error=native.error, error_line=native.error_line,
                               error_col=native.error_col)
    # The compat pass runs in native mode so that rules may prefer TF2 spellings.  Code the
    # native pass changed was TF1 code, even where nothing TF1-only is left in its output: a
    # positional `tf.nn.dropout(h, keep_prob)` there is still TF1's keep_prob.
    tree = parse(native.code)   # the native pass's output check parsed it
    result, _ = _migrate_tree(native.code, tree, "native", path, was_tf1=native.code != source)
    if result.error is not None:
        return MigrationResult(source, findings + result.findings, error=result.error)
    from unscope.migrate.line_map import to_source  # the compat pass counted native.code's lines
    from unscope.native.layout import realign  # its renames move brackets: lines aligned follow

    code = realign(result.code, native.code)

    findings = sorted(findings + to_source(result.findings, native.code, source),
                      key=lambda f: (f.line, f.col, f.api))
    if code == source:
        return MigrationResult(source, findings, list(native.classes))
    if check_stable:
        # without ``foreign``: a second run of migrate finds the other files migrated too
        again = _migrate_native(code, path, False, nn_import, imported)
        if again.error is not None or again.code != code:
            return MigrationResult(source, findings, error="internal error: the native rewrite is not "
                                   "stable (a second run changes it again); file left unchanged - "
                                   "please report this file")
    return MigrationResult(code, findings, list(native.classes), changed=True)


def _migrate_tree(source: str, tree: ast.Module, mode: str, path: str, was_tf1: bool = False):
    """``(result, tree of the result)``: the output is parsed once, to prove it parses and
    to feed the stability check."""
    src = Source(source)
    edits, findings, classes, error = plan_edits(src, tree, mode, path, was_tf1=was_tf1)
    if error is not None:
        return MigrationResult(source, findings, error=error), tree
    if not edits:
        return MigrationResult(source, findings), tree
    code = src.apply(edits)
    if code == source:
        return MigrationResult(source, findings), tree
    try:
        new_tree = parse(code)
    except SyntaxError as exc:
        return MigrationResult(source, findings,
                               error=f"internal error: the rewrite does not parse ({exc.msg}, "
                               f"line {exc.lineno}); file left unchanged - please report this file"), tree
    return MigrationResult(code, findings, classes, changed=True), new_tree


def plan_edits(src: Source, tree: ast.Module, mode: str, path: str, was_tf1: bool = False):
    """``(edits, findings, classes, error)`` for one parsed module; edits are not applied.

    Overlapping edits are reported as ``error`` (the caller leaves the text unchanged).
    ``was_tf1``: the text is native mode's output for TF1 code (see :class:`Context`).
    """
    from unscope.rules import rules

    table = ImportTable.from_tree(tree)
    index = collect(tree, table)
    if not index.refs and not index.star_imports:
        return [], [], [], None
    if index.star_imports:
        return [], [Finding(path, 1, 1, None, "import", None, "manual",
                            f"`from {index.star_imports[0]} import *`: names cannot be resolved; "
                            "file left unchanged - import the names explicitly")], [], None
    ctx = Context(src, tree, table, index, mode, path, was_tf1)
    ctx.imports.used_names = index.names
    for name in sorted(index.shadowed):
        ctx.findings.append(Finding(path, 1, 1, None, "import", None, "manual",
                                    f"`{name}` is imported from TensorFlow and reassigned in this "
                                    "module; its uses were left unchanged"))
    try:
        for rule in rules(mode):
            rule.apply(ctx)
        for name in ctx.unused_bindings():
            ctx.imports.remove(name)
        ctx.edits.extend(ctx.imports.edits())
        src.apply(ctx.edits)  # raises EditConflict on overlapping edits
    except CannotMigrate as exc:
        node = exc.node
        line, col = (node.lineno, src.column(node)) if node is not None else (1, 1)
        return [], [Finding(path, line, col, None, exc.api, None, "manual",
                            f"{exc}; file left unchanged")], [], None
    except EditConflict as exc:
        return [], ctx.findings, [], f"internal error: {exc}; file left unchanged - please report this file"
    ctx.findings.sort(key=lambda f: (f.line, f.col, f.api))
    return ctx.edits, ctx.findings, ctx.classes, None
