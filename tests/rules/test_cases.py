"""Golden cases under cases/<rule>/*.py, in the house golden format (see ../shared/STYLE.md).

Each file: optional headers ``# flags: --mode compat``, ``# warns: LINE:COL API: VERDICT:
MESSAGE`` (one per expected finding), ``# error: MESSAGE`` (the engine must leave the file
unchanged for that reason) and ``# verify`` (also run both versions, see
tests/migrate/programs.py), then the input, then optionally a line ``# output`` and the
expected text.  No ``# output`` section: the file must not change.  LINE counts from the first
line after the headers.  For every case the output must parse and migrating it again must not
change it.
"""
from __future__ import annotations

import ast
import shlex
from pathlib import Path

import pytest

from unscope.migrate import migrate_source
from unscope.rules import all_rules

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(CASES_DIR.rglob("*.py"))
HEADERS = ("# flags:", "# warns:", "# error:", "# verify")


class Case:
    def __init__(self, path: Path) -> None:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        self.path = path
        self.flags: list[str] = []
        self.warns: list[str] = []
        self.error: str | None = None
        self.verify = False
        i = 0
        while i < len(lines) and lines[i].startswith(HEADERS):
            line = lines[i].rstrip("\n")
            if line.startswith("# flags:"):
                self.flags += shlex.split(line[len("# flags:"):])
            elif line.startswith("# warns:"):
                self.warns.append(line[len("# warns:"):].strip())
            elif line.startswith("# error:"):
                self.error = line[len("# error:"):].strip()
            else:
                self.verify = True
            i += 1
        body = lines[i:]
        if "# output\n" in body:
            k = body.index("# output\n")
            self.input, self.output = "".join(body[:k]), "".join(body[k + 1:])
        else:
            self.input, self.output = "".join(body), None

    @property
    def mode(self) -> str:
        return self.flags[self.flags.index("--mode") + 1] if "--mode" in self.flags else "compat"


def rendered(result) -> list[str]:
    return [f"{f.line}:{f.col} {f.api}: {f.verdict}: {f.message}" for f in result.findings]


@pytest.mark.parametrize("path", CASES, ids=[str(c.relative_to(CASES_DIR)) for c in CASES])
def test_golden(path):
    case = Case(path)
    ast.parse(case.input)
    result = migrate_source(case.input, case.mode, path="case.py")
    expected = case.input if case.output is None else case.output
    assert result.code == expected
    assert result.changed == (expected != case.input)
    assert rendered(result) == case.warns
    if case.error is None:
        assert result.error is None
    else:
        assert result.error is not None and case.error in result.error
    ast.parse(result.code)
    again = migrate_source(result.code, case.mode, path="case.py")
    assert again.code == result.code and not again.changed, "migrating the output changes it again"


@pytest.mark.slow
@pytest.mark.parametrize("path", [c for c in CASES if Case(c).verify],
                         ids=[str(c.relative_to(CASES_DIR)) for c in CASES if Case(c).verify])
def test_golden_verify(path):
    from tests.migrate import programs

    case = Case(path)
    programs.assert_migration_equal(case.input, migrate_source(case.input, case.mode).code)


def test_every_rule_has_cases_and_a_noop():
    for rule in all_rules():
        folder = CASES_DIR / rule.NAME
        cases = [Case(p) for p in folder.glob("*.py")]
        assert cases, f"rule {rule.NAME} has no golden cases"
        assert any(c.output is None and c.error is None for c in cases), f"rule {rule.NAME} has no no-op case"


def test_rules_are_small_documented_classes():
    for rule in all_rules():
        assert rule.DESCRIPTION and "\n" not in rule.DESCRIPTION, rule.NAME
        doc = type(rule).__doc__ or ""
        assert "before" in doc and "after" in doc, f"{rule.NAME}: docstring must show before and after"
