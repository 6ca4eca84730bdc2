"""Renderings of a :class:`ScanResult`: text lines, JSON, SARIF 2.1.0. Strings only; the CLI
writes them.

    >>> from unscope.analyze.findings import Finding, ScanResult
    >>> r = ScanResult([Finding("m.py", 3, 5, None, "tf.get_variable", "a/w", "native", "ok", "create")],
    ...                [], {"files": 1, "lines": 9, "skipped": 0, "failed": 0, "findings": 1,
    ...                     "native": 1, "compat": 0, "manual": 0})
    >>> print(to_text(r), end="")
    m.py:3:5: tf.get_variable: native: ok [a/w, reuse: create]
    >>> summary_line(r.summary)
    '1 file scanned (9 lines): 1 native, 0 compat, 0 manual.'
"""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from unscope._version import __version__
from unscope.analyze.findings import Finding, ScanResult

__all__ = ["to_text", "to_json", "to_sarif", "summary_line", "text_line"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"native": "note", "compat": "note", "manual": "warning"}


def text_line(f: Finding) -> str:
    line = str(f)
    if f.scope is not None:
        line += f" [{f.scope}" + (f", reuse: {f.reuse}]" if f.reuse else "]")
    return line


def to_text(result: ScanResult) -> str:
    return "".join(text_line(f) + "\n" for f in result.findings)


def to_json(result: ScanResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(summary: dict, to_migrate: int | None = None) -> str:
    """One line with the count per verdict, for stderr; ``to_migrate`` (``scan --check``): how
    many files migrate would still change."""
    head = f"{_plural(summary.get('files', 0), 'file')} scanned ({_plural(summary.get('lines', 0), 'line')})"
    if summary.get("skipped"):
        head += f", {summary['skipped']} skipped"
    if summary.get("failed"):
        head += f", {summary['failed']} failed"
    line = (f"{head}: {summary.get('native', 0)} native, {summary.get('compat', 0)} compat, "
            f"{summary.get('manual', 0)} manual")
    if to_migrate is not None:
        line += f"; {_plural(to_migrate, 'file')} still to migrate" if to_migrate else "; nothing left to migrate"
    return line + "."


def _uri(path: str) -> str:
    """Repository-relative URI where possible (what GitHub code scanning expects)."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return quote(absolute[len(cwd) + 1:].replace(os.sep, "/"))
    return "file://" + quote(absolute.replace(os.sep, "/"))


def to_sarif(result: ScanResult) -> str:
    """SARIF 2.1.0 with the fields GitHub code scanning requires."""
    rules: list[dict] = []
    rule_index: dict[str, int] = {}
    results = []
    for f in result.findings:
        if f.api not in rule_index:
            rule_index[f.api] = len(rules)
            rules.append({
                "id": f.api,
                "name": f.api.replace(".", "_"),
                "shortDescription": {"text": f"TF1 construct {f.api}"},
                "fullDescription": {"text": f"{f.api}: TF1 variable machinery found by unscope scan; "
                                            "the verdict says what unscope migrate will do with it."},
                "defaultConfiguration": {"level": "note"},
            })
        text = f"{f.verdict}: {f.message}"
        if f.cell is not None:
            text = f"cell {f.cell}, line {f.line}: {text}"
        if f.scope is not None:
            text += f" [scope {f.scope}]"
        region = {"startLine": f.line, "startColumn": f.col} if f.cell is None else {"startLine": 1}
        results.append({
            "ruleId": f.api,
            "ruleIndex": rule_index[f.api],
            "level": _LEVEL[f.verdict],
            "message": {"text": text},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)},
                                                "region": region}}],
            "properties": {"verdict": f.verdict, "scope": f.scope, "reuse": f.reuse, "cell": f.cell},
        })
    notifications = [{
        "level": "error",
        "message": {"text": str(failure)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(failure.path)}}}],
    } for failure in result.failures]
    run = {
        "tool": {"driver": {"name": "unscope", "version": __version__, "rules": rules}},
        "results": results,
        "invocations": [{"executionSuccessful": not result.failures,
                         "toolExecutionNotifications": notifications}],
    }
    doc = {"version": "2.1.0", "$schema": SARIF_SCHEMA, "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
