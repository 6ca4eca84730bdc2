"""Migrate the code cells of a ``.ipynb`` notebook, as one module (imports in one cell apply to
the next), keeping everything else of the JSON as it is.

IPython lines (``%magic``, ``!shell``, ``x?``) are masked as scan masks them (``pass`` with
the same indentation) and come back untouched; cells in another language (``%%bash``) are
skipped.  Edits are mapped back to the cell and line they belong to::

    >>> nb = '{"cells": [{"cell_type": "code", "source": ["import tensorflow as tf\\\\n", "x = tf.log(y)"]}]}'
    >>> migrate_notebook(nb).code.count("tf.math.log")
    1
"""
from __future__ import annotations

import ast
import bisect
import json

from unscope.analyze.findings import Finding
from unscope.analyze.notebook import mask_magics
from unscope.migrate.engine import MODES, plan_edits
from unscope.migrate.result import MigrationResult
from unscope.migrate.source import Edit, EditConflict, Source

__all__ = ["migrate_notebook"]


def _cells(data):
    cells = data.get("cells") if isinstance(data, dict) else None
    if cells is None and isinstance(data, dict) and isinstance(data.get("worksheets"), list):
        cells = [c for ws in data["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
    if not isinstance(cells, list):
        raise ValueError("not a notebook (no cells)")
    return cells


def _indent(text: str) -> int | None:
    """The JSON indent the notebook was written with (nbformat writes 1)."""
    nl = text.find("\n")
    if nl < 0:
        return None
    line = text[nl + 1:]
    return len(line) - len(line.lstrip(" ")) or 1


def migrate_notebook(text: str, mode: str = "compat", path: str = "<notebook>",
                     check_stable: bool = True, nn_import: str | None = None) -> MigrationResult:
    """Migrate a notebook's JSON text; ``code`` is the new JSON text (unchanged when nothing
    changes).  Findings carry ``cell`` (index in ``cells``) and the line inside that cell."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "native":
        # Native mode restructures whole modules; cells are migrated in compat mode instead.
        result = migrate_notebook(text, "compat", path, check_stable=check_stable)
        note = Finding(path, 1, 1, None, "notebook", None, "compat",
                       "native mode restructures .py files; this notebook's cells were migrated "
                       "in compat mode (move the model code into a module to migrate it natively)")
        result.findings = [note] + list(result.findings)
        return result
    try:
        data = json.loads(text)
        cells = _cells(data)
    except ValueError as exc:
        return MigrationResult(text, error=f"cannot parse: {exc}")
    pieces = []      # (cell index, original source, masked source, first line in module)
    line = 1
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        key = "source" if "source" in cell else "input"
        source = cell.get(key, "")
        source = "".join(source) if isinstance(source, list) else source
        if not isinstance(source, str):
            continue
        masked = mask_magics(source)
        if masked is None:
            continue
        try:
            ast.parse(masked)
        except (SyntaxError, ValueError) as exc:
            lineno = getattr(exc, "lineno", None)
            return MigrationResult(text, error=f"cannot parse: cell {index}: {getattr(exc, 'msg', exc)}",
                                   error_line=lineno)
        pieces.append((index, source, masked, line))
        line += masked.count("\n") + 1
    if not pieces:
        return MigrationResult(text)
    module = "\n".join(p[2] for p in pieces)
    src = Source(module)
    tree = ast.parse(module)
    edits, findings, classes, error = plan_edits(src, tree, mode, path)
    starts = [p[3] for p in pieces]
    findings = [_cell_finding(f, pieces, starts) for f in findings]
    if error is not None:
        return MigrationResult(text, findings, error=error)
    if not edits:
        return MigrationResult(text, findings)
    per_cell: dict[int, list[Edit]] = {}
    for edit in edits:
        lineno = bisect.bisect_right(src._starts, edit.start)
        k = bisect.bisect_right(starts, lineno) - 1
        per_cell.setdefault(k, []).append(edit)
    changed = False
    for k, cell_edits in per_cell.items():
        index, source, masked, first = pieces[k]
        orig = Source(source)
        moved = []
        for e in cell_edits:
            moved.append(Edit(_to_cell(src, orig, e.start, first), _to_cell(src, orig, e.end, first), e.new))
        try:
            new_source = orig.apply(moved)
        except EditConflict as exc:
            return MigrationResult(text, findings, error=f"internal error: {exc}")
        if new_source != source:
            changed = True
            cell = cells[index]
            key = "source" if "source" in cell else "input"
            cell[key] = new_source.splitlines(keepends=True) if isinstance(cell[key], list) else new_source
    if not changed:
        return MigrationResult(text, findings)
    indent = _indent(text)
    code = json.dumps(data, indent=indent, ensure_ascii=False)
    if text.endswith("\n"):
        code += "\n"
    if check_stable:
        again = migrate_notebook(code, mode, path, check_stable=False)
        if again.changed or again.error:
            return MigrationResult(text, findings, error="internal error: the rewrite is not stable; "
                                   "notebook left unchanged - please report it")
    return MigrationResult(code, findings, classes, changed=True)


def _to_cell(module: Source, cell: Source, offset: int, first: int) -> int:
    lineno = bisect.bisect_right(module._starts, offset)
    col = offset - module.line_start(lineno)
    local = lineno - first + 1
    if local > cell.line_count:
        return len(cell.text)
    return min(cell.line_start(local) + col, cell.line_end(local))


def _cell_finding(f: Finding, pieces, starts) -> Finding:
    k = max(0, bisect.bisect_right(starts, f.line) - 1)
    index, _, _, first = pieces[k]
    return Finding(f.path, f.line - first + 1, f.col, index, f.api, f.scope, f.verdict, f.message, f.reuse)
