"""What a reviewer needs about one migrated file, for the ``--report`` JSON and the HTML page:
its size, the diff, the source lines the findings point at that the diff does not show, and
the verdict of each variable-making function.

    >>> d = review_details("a = 1\\nb = 2\\n", "a = 1\\nb = 3\\n", "m.py", "compat", [], [])
    >>> d["lines"], d["diff"].splitlines()[-1]
    (2, '+b = 3')
"""
from __future__ import annotations

import re

from unscope.migrate.files import unified_diff
from unscope.migrate.functions import function_verdicts

__all__ = ["review_details", "shown_old_lines"]

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")
CONTEXT = 1  # lines either side of a finding outside the diff


def review_details(old: str, new: str, path: str, mode: str, findings, classes,
                   error: str | None = None) -> dict:
    """``{"lines", "diff", "context", "functions"}`` (see docs/migrate-json.md); ``error``: why
    the file was left unchanged (its functions are then ``manual``)."""
    diff = unified_diff(old, new, path) if new != old else None
    shown = shown_old_lines(diff) if diff else set()
    source_lines = old.splitlines()
    wanted: set[int] = set()
    for f in findings:
        if f.cell is None and f.line not in shown and 1 <= f.line <= len(source_lines):
            wanted.update(range(max(1, f.line - CONTEXT), min(len(source_lines), f.line + CONTEXT) + 1))
    context = []
    for n in sorted(wanted):
        if context and context[-1]["start"] + len(context[-1]["lines"]) == n:
            context[-1]["lines"].append(source_lines[n - 1])
        else:
            context.append({"start": n, "lines": [source_lines[n - 1]]})
    return {
        "lines": len(source_lines),
        "diff": diff,
        "context": context,
        "functions": function_verdicts(old, path, mode, findings, classes, new, error),
    }


def shown_old_lines(diff: str) -> set[int]:
    """Line numbers of the original file that a unified diff shows (context and removed)."""
    shown: set[int] = set()
    old = None
    for line in diff.splitlines():
        m = _HUNK.match(line)
        if m:
            old = int(m.group(1))
            continue
        if old is None or line.startswith("\\"):
            continue
        if line.startswith((" ", "-")):  # header lines come before the first hunk
            shown.add(old)
            old += 1
    return shown
