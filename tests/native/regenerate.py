"""Rewrite the ``# output`` section of golden cases from what native mode emits now.

    .venv/bin/python -m tests.native.regenerate [CASE.py ...]   # default: every case

Use it after a deliberate change to the emitted code, then read the diff: the golden files are
the review. Headers (``# flags``, ``# warns``, ``# verify``) and inputs are never touched; a
case whose findings no longer match its ``# warns`` lines is listed, for a person to fix. A
case without ``# output`` (must not change) that now changes is listed too, and left alone.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.native.support import parse_case
from tests.native.test_cases import CASES, _migrate, _rendered


def regenerate(case: Path) -> list[str]:
    """Problems a person must look at; the case file is rewritten when its output changed."""
    headers, source, expected = parse_case(case)
    result = _migrate(headers, source)
    problems = []
    if _rendered(result) != headers["warns"]:
        problems.append(f"{case.name}: findings now {_rendered(result)}")
    if expected is None:
        if result.changed:
            problems.append(f"{case.name}: a must-not-change case now changes")
        return problems
    if result.code != expected:
        text = case.read_text(encoding="utf-8")
        head = text[: len(text) - len(expected)]
        assert head.endswith("# output\n"), case
        case.write_text(head + result.code, encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    cases = [Path(a) for a in argv] or CASES
    problems = [p for case in cases for p in regenerate(case)]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
