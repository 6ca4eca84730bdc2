"""``to_source``: findings made on native mode's output, placed on the lines of the original file.

The compat pass of ``--mode native`` reads the native pass's output, so its findings count
that text's lines; the report and the diagnostics promise lines of the file before migration.
A line the native pass left as it was (indentation aside) maps to itself; a line of a class it
made maps to the same statement in the function the class came from (``self.`` dropped), else
to the original line that follows the last line both texts share.

    >>> from unscope.analyze.findings import Finding
    >>> old = "import tf\\ndef f(x):\\n    return x.name\\n"
    >>> new = "import tf\\nclass F:\\n    def __call__(self, x):\\n        return x.name\\n" + old[10:]
    >>> f = Finding("m.py", 4, 16, None, "Tensor.name", None, "manual", "...")
    >>> [(g.line, g.col) for g in to_source([f], new, old)]
    [(3, 12)]
"""
from __future__ import annotations

import dataclasses
import difflib
import re

__all__ = ["to_source"]


def to_source(findings, migrated: str, source: str) -> list:
    """``findings`` (lines of ``migrated``) with line and column moved onto ``source``."""
    if migrated == source or not findings:
        return list(findings)
    new, old = migrated.splitlines(), source.splitlines()
    line_of = _line_map(new, old)
    out, seen = [], set()
    for f in findings:
        if f.cell is not None or not 1 <= f.line <= len(new):
            out.append(f)
            continue
        line = line_of[f.line - 1] + 1
        col = _column(new[f.line - 1], old[line - 1], f.col) if line <= len(old) else f.col
        moved = dataclasses.replace(f, line=line, col=col)
        key = (moved.line, moved.api, moved.message)
        if key not in seen:  # a class and the TF1 copy kept beside it: one original line
            seen.add(key)
            out.append(moved)
    return out


def _column(new_line: str, old_line: str, col: int) -> int:
    """The 1-based column in ``old_line`` of the expression at ``col`` of ``new_line``."""
    shifted = max(1, col - (_indent(new_line) - _indent(old_line)))
    word = re.match(r"[\w.]+", new_line[col - 1:])
    if word is None:
        return shifted
    text = word.group().removeprefix("self.")
    starts = [m.start() + 1 for m in re.finditer(re.escape(text), old_line)]
    return min(starts, key=lambda s: abs(s - shifted)) if starts else shifted


def _line_map(new: list[str], old: list[str]) -> list[int]:
    """For each line of ``new`` (0-based) the 0-based line of ``old`` it stands for."""
    a = [s.strip() for s in new]
    b = [s.strip() for s in old]
    mapped: list[int | None] = [None] * len(a)
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapped[block.a + k] = block.b + k
    out, anchor = [], -1
    for i, text in enumerate(a):
        if mapped[i] is not None:
            anchor = mapped[i]
            out.append(anchor)
            continue
        plain = text.replace("self.", "")
        kept = re.sub(r"\bself\.(\w+?)_\b", r"\1", text).replace("self.", "")  # self.name_: name
        same = [j for j, t in enumerate(b) if t and t in (text, plain, kept)]
        after = [j for j in same if j > anchor]
        if after or same:
            out.append((after or same)[0])
        else:
            out.append(min(anchor + 1, max(len(b) - 1, 0)))
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
