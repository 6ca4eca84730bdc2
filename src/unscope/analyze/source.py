"""Analyse one source text or one file: parse, resolve imports, find constructs.

``analyze_source`` is the library entry ``migrate`` builds on (it raises ``SyntaxError`` like
``ast.parse``); ``scan_file`` never raises and turns every problem into a :class:`Failure`.

    >>> [str(f) for f in analyze_source("import tensorflow as tf\\ntf.get_variable('w', [1])\\n", "m.py")]
    ['m.py:2:1: tf.get_variable: compat: at module level; native mode needs model code inside a function']
"""
from __future__ import annotations

import ast
import io
import tokenize

from unscope.analyze.findings import Failure, Finding
from unscope.analyze.imports import ImportTable
from unscope.analyze.notebook import NotebookError, code_cells, mask_magics
from unscope.analyze.programs import program_findings
from unscope.analyze.visitor import analyze_tree

__all__ = ["analyze_source", "analyze_notebook", "scan_file", "decode"]


def analyze_source(source: str, path: str = "<string>") -> list[Finding]:
    """Findings of one Python source, sorted by place. Raises SyntaxError if it does not parse."""
    tree = ast.parse(source, filename=path)
    return sorted(_analyze_module(tree, source, path), key=Finding.sort_key)


def _analyze_module(tree: ast.Module, source: str, path: str) -> list[Finding]:
    """Variable constructs, then Session-program constructs (with the program pass's verdicts)."""
    table = ImportTable.from_tree(tree)
    findings = analyze_tree(tree, path, table)
    if table.tensorflow_names():
        findings += program_findings(tree, source, path, table)
    return findings


def decode(data: bytes) -> str | None:
    """Text of a Python file: UTF-8 (with or without BOM), or the PEP 263 coding cookie's
    encoding; None when it is neither."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:
            return None
        if encoding in ("utf-8", "utf-8-sig"):
            return None
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            return None
    return text[1:] if text.startswith("\ufeff") else text


def _parse_failure(path: str, exc: BaseException, cell: int | None = None) -> Failure:
    if isinstance(exc, SyntaxError):
        line = exc.lineno
        col = exc.offset if exc.offset and exc.offset > 0 else (1 if line else None)
        return Failure(path, f"cannot parse: {exc.msg}", line, col, cell)
    if isinstance(exc, ValueError):  # e.g. null bytes
        return Failure(path, f"cannot parse: {exc}", None, None, cell)
    if isinstance(exc, (RecursionError, MemoryError)):
        return Failure(path, "cannot parse: too deeply nested", None, None, cell)
    raise exc


def analyze_notebook(text: str, path: str) -> tuple[list[Finding], list[Failure], int]:
    """Findings, failures and code line count of a notebook's code cells.

    The cells are analysed as one module (imports in one cell apply to the next), each finding
    mapped back to its cell and the line inside it.
    """
    try:
        cells = code_cells(text)
    except NotebookError as exc:
        return [], [Failure(path, f"cannot parse: {exc}")], 0
    body: list[ast.stmt] = []
    starts: list[tuple[int, int]] = []  # (first line in the combined module, cell index)
    failures: list[Failure] = []
    offset = 0
    lines = 0
    for index, source in cells:
        masked = mask_magics(source)
        if masked is None:
            continue
        count = masked.count("\n") + 1
        lines += count
        try:
            tree = ast.parse(masked, filename=path)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            failures.append(_parse_failure(path, exc, index))
            continue
        if offset:
            ast.increment_lineno(tree, offset)
        starts.append((offset, index))
        body.extend(tree.body)
        offset += count
    findings = []
    module = ast.Module(body=body, type_ignores=[])
    for f in analyze_tree(module, path):
        start, index = next((s, i) for s, i in reversed(starts) if s < f.line)
        findings.append(Finding(f.path, f.line - start, f.col, index, f.api, f.scope, f.verdict,
                                f.message, f.reuse))
    return findings, failures, lines


def scan_file(path: str) -> tuple[list[Finding], list[Failure], int]:
    """Findings, failures and line count of one file; never raises."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return [], [Failure(path, f"cannot read: {exc.strerror or exc}")], 0
    try:
        text = decode(data)
        if text is None:
            return [], [Failure(path, "not UTF-8")], 0
        if path.endswith(".ipynb"):
            return analyze_notebook(text, path)
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        try:
            tree = ast.parse(text, filename=path)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            return [], [_parse_failure(path, exc)], lines
        return _analyze_module(tree, text, path), [], lines
    except Exception as exc:  # an analysis bug must not stop the scan of other files
        return [], [Failure(path, f"internal error: {type(exc).__name__}: {exc}")], 0

