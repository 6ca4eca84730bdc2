"""Golden cases of compat islands (cases/islands/*.py, the house format of cases/*.py): the
exact output, its findings, a stable second run, an output that imports; cases with
``# verify`` also run in a TF1 graph and, migrated, natively, and must agree (see
test_islands.assert_like_tf1)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.native import test_cases
from tests.native.support import parse_case
from tests.native.test_islands import assert_like_tf1

CASES = sorted((Path(__file__).parent / "cases" / "islands").glob("*.py"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case):
    test_cases.test_golden(case)


@pytest.mark.parametrize("case", [c for c in CASES if parse_case(c)[2] is not None], ids=lambda c: c.stem)
def test_whole_native_output_imports(case, tmp_path):
    test_cases.test_whole_native_output_imports(case, tmp_path)


@pytest.mark.parametrize("case", [c for c in CASES if parse_case(c)[0].get("verify")], ids=lambda c: c.stem)
def test_verify_against_tf1(case, tmp_path):
    _, source, _ = parse_case(case)
    assert_like_tf1(source, tmp_path)


def test_table_has_no_op_cases():
    names = {c.stem for c in CASES}
    assert sum(n.startswith("noop_") for n in names) >= 2
    assert sum(bool(parse_case(c)[0].get("verify")) for c in CASES) >= 5
