"""Golden cases under cases/*.py in the house format (see /work/shared/STYLE.md).

Headers: ``# flags: --nn-import STATEMENT`` (the import that binds ``nn``), ``# flags:
--imported NAME,NAME`` (names other files of the run import from this one),
``# warns: LINE:COL API: VERDICT: MESSAGE`` one per expected finding (LINE counts from the
first line after the headers), ``# verify`` (run the TF1 input on the unscope runtime and
the output natively, and compare names, shapes and outputs). Then the input; then a line
``# output`` and the expected text. No ``# output`` section: the file must not change.
"""
from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from tests.native import programs
from tests.native.support import class_for, load, parse_case
from unscope.native import migrate_native

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(CASES_DIR.glob("*.py"))


def _migrate(headers, source):
    kwargs = {}
    for flag in headers["flags"]:
        name, _, value = flag.partition(" ")
        assert name in ("--nn-import", "--imported"), flag
        if name == "--imported":  # names other files of the run import (the project pre-pass)
            kwargs["imported"] = frozenset(value.split(","))
        else:
            kwargs["nn_import"] = value
    return migrate_native(source, "<case>", **kwargs)


def _rendered(result) -> list[str]:
    return [f"{f.line}:{f.col} {f.api}: {f.verdict}: {f.message}" for f in result.findings]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case):
    headers, source, expected = parse_case(case)
    ast.parse(source)
    result = _migrate(headers, source)
    assert result.ok, result.error
    if expected is None:
        assert result.code == source and not result.changed
    else:
        assert result.code == expected
        assert result.changed
    assert _rendered(result) == headers["warns"]
    ast.parse(result.code)
    again = _migrate(headers, result.code)
    assert again.code == result.code  # idempotent


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if parse_case(c)[0].get("verify")],
                         ids=lambda c: c.stem)
def test_golden_verify(case, tmp_path):
    headers, source, expected = parse_case(case)
    result = _migrate(headers, source)
    expected_vars, expected_out = programs.run_runtime(source)
    module = load(result.code, tmp_path, case.stem)
    got_vars, got, got_fn = programs.run_native(module, class_for(result, "build"))
    assert got_vars == expected_vars
    np.testing.assert_allclose(got, expected_out, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got_fn, expected_out, rtol=1e-5, atol=1e-6)


def test_case_table_covers_the_patterns():
    names = {c.stem for c in CASES}
    for prefix in ("textbook", "reuse_", "loop_", "template", "layers_", "collections",
                   "scope_", "fallback_", "noop_", "comments", "vendored"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert sum(n.startswith("noop_") for n in names) >= 3
    assert sum(n.startswith("fallback_") for n in names) >= 8


@pytest.mark.parametrize("case", [c for c in CASES if parse_case(c)[2] is not None], ids=lambda c: c.stem)
def test_whole_native_output_imports(case, tmp_path):
    """What ``unscope migrate --mode native`` writes (native pass, then the compat pass over the
    TF1 text kept for public names) imports, and every public function is still there."""
    import unscope

    headers, source, _ = parse_case(case)
    if any(f.startswith("--nn-import") and "from unscope import nn" not in f for f in headers["flags"]):
        pytest.skip("imports a vendored copy that is not on sys.path")
    imported = [f.partition(" ")[2].split(",") for f in headers["flags"] if f.startswith("--imported")]
    kwargs = {"imported": frozenset(imported[0])} if imported else {}
    result = unscope.migrate_source(source, mode="native", **kwargs)
    assert not result.error, result.error
    module = load(result.code, tmp_path, case.stem)
    public = [s.name for s in ast.parse(source).body if type(s) is ast.FunctionDef and not s.name.startswith("_")]
    for name in public:
        assert callable(getattr(module, name, None)), name
