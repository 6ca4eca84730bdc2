"""Golden cases of the program pass: ``cases/*.py`` is the TF1 input, then ``# output`` and the
expected native-mode output.  No ``# output``: the Session program must stay in TF1 form, with
the finding a ``# finding:`` header names (if any)."""
from pathlib import Path

import pytest

import unscope
from unscope.native import migrate_native
from unscope.program import migrate_program

CASES = sorted((Path(__file__).parent / "cases").glob("*.py"))


def _split(path):
    text = path.read_text()
    before, sep, after = text.partition("# output\n")
    return before, (after if sep else None)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case):
    before, expected = _split(case)
    result = unscope.migrate_source(before, mode="native", path=case.name)
    if expected is not None:
        assert result.code == expected
        compile(result.code, case.name, "exec")
        again = unscope.migrate_source(result.code, mode="native", path=case.name)
        assert again.code == result.code  # idempotent
        return
    converted, findings = migrate_program(before, path=case.name, native=migrate_native)
    assert converted is None
    assert "@tf.function" not in result.code  # no eager program was written
    wanted = [line.split(":", 1)[1].strip() for line in before.splitlines()
              if line.startswith("# finding:")]
    for text in wanted:
        assert any(text in f.message for f in result.findings), [str(f) for f in result.findings]


def test_there_are_no_op_cases():
    assert any(_split(c)[1] is None for c in CASES)
