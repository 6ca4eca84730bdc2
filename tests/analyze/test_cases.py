"""Golden cases under cases/<construct>/*.py, in the house golden format.

Each file: header lines ``# warns: LINE:COL API: VERDICT: MESSAGE [SCOPE, reuse: MODE]``, one
per expected finding, then the input. LINE counts from the first line after the headers.
A file without ``# warns:`` headers must give no finding (a no-op case). Scan never
changes a file, so cases have no ``# output`` section.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from unscope.analyze import analyze_source
from unscope.analyze.report import text_line

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(CASES_DIR.rglob("*.py"))


def parse_case(path: Path) -> tuple[list[str], str]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    expected = []
    i = 0
    while i < len(lines) and lines[i].startswith("# warns:"):
        expected.append(lines[i][len("# warns:"):].strip())
        i += 1
    assert not any(line.startswith("# output") for line in lines), "scan cases have no output section"
    return expected, "".join(lines[i:])


def rendered(source: str) -> list[str]:
    out = []
    for f in analyze_source(source, "case.py"):
        line = text_line(f)
        assert line.startswith("case.py:")
        where, _, rest = line[len("case.py:"):].partition(": ")
        out.append(f"{where} {rest}")
    return out


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(CASES_DIR)) for c in CASES])
def test_golden(case):
    expected, source = parse_case(case)
    ast.parse(source)  # every case is valid Python
    assert rendered(source) == expected


def test_every_construct_directory_has_cases():
    dirs = {c.parent.name for c in CASES}
    for name in ("imports", "variable_scope", "get_variable", "reuse_variables", "make_template",
                 "layers", "contrib", "collections", "select_by_name", "variable", "name_scope",
                 "scope_tree", "noop"):
        assert name in dirs


def test_noop_cases_are_noops():
    noops = [c for c in CASES if c.parent.name == "noop"]
    assert len(noops) >= 5
    for case in noops:
        expected, source = parse_case(case)
        assert expected == [] and rendered(source) == []


def test_import_spellings_agree():
    """Every spelling of the same get_variable call gives the same api and verdict."""
    found = set()
    for case in (CASES_DIR / "imports").glob("*.py"):
        expected, _ = parse_case(case)
        for line in expected:
            if "get_variable" in line:
                found.add(line.split(" ", 1)[1].split(" [")[0])  # api: verdict: message
    assert len(found) == 1, found
