"""scan's Session-program findings agree with what migrate --mode native does to the same files.

The inputs are the program pass's own cases and scripts (tests/program/): for each, migrate
either writes an eager program (then scan calls every program construct ``native``) or keeps
it in TF1 form with findings (then scan reports exactly those findings, and every construct
of the program ``manual``).
"""
from pathlib import Path

import pytest

import unscope
from unscope.analyze.programs import BECOMES, OUTSIDE, construct_of
from unscope.native import migrate_native
from unscope.program import migrate_program
from unscope.program.engine import KEPT_APIS
from unscope.program.entry import SESSION_APIS
from unscope.program.graph import GLOBAL_STEP, INITIALIZERS, OPTIMIZERS, SCHEDULES

PROGRAM_TESTS = Path(__file__).parent.parent / "program"
FILES = sorted([*(PROGRAM_TESTS / "cases").glob("*.py"), *(PROGRAM_TESTS / "scripts").glob("*.py"),
                *(Path(__file__).parent / "cases" / "programs").glob("*.py")])
POINTER = "part of the program kept in TF1 form"


def _input(path, tmp_path):
    """The TF1 input of a case file (before ``# output``), written where scan can read it."""
    text = path.read_text().partition("# output\n")[0]
    out = tmp_path / path.name
    out.write_text(text)
    return text, str(out)


def _program_findings(findings):
    """scan's findings that come from the program analysis (not the variable constructs)."""
    return [f for f in findings
            if f.message in BECOMES.values() or f.message == OUTSIDE or POINTER in f.message
            or "kept in TF1 form" in f.message]


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_scan_verdicts_agree_with_migrate_native(path, tmp_path):
    text, where = _input(path, tmp_path)
    migrated = unscope.migrate_source(text, mode="native", path=where)
    assert migrated.error is None, migrated.error
    from_migrate = {str(f) for f in migrated.findings if f.verdict == "manual" and "kept in TF1 form" in f.message}
    scanned = _program_findings(unscope.scan([where], jobs=1).findings)
    manual = {str(f) for f in scanned if f.verdict == "manual" and POINTER not in f.message
              and f.message != OUTSIDE}
    assert manual == from_migrate
    converted = migrate_program(text, path=where, native=migrate_native)[0] is not None
    if converted:
        assert scanned and all(f.verdict == "native" for f in scanned), [str(f) for f in scanned]
    else:
        assert all(f.verdict == "manual" for f in scanned), [str(f) for f in scanned]


def test_both_outcomes_are_covered():
    outcomes = set()
    for path in FILES:
        text = path.read_text().partition("# output\n")[0]
        outcomes.add(migrate_program(text, path=str(path), native=migrate_native)[0] is not None)
    assert outcomes == {True, False}


def test_the_table_knows_every_api_the_program_pass_decides_on():
    for api in OPTIMIZERS:
        assert construct_of(api) == "optimizer", api
    for api in SESSION_APIS | {"tf.train.Saver"}:
        assert construct_of(api) == api
    for api in GLOBAL_STEP:
        assert construct_of(api) == "global_step"
    for api in SCHEDULES:
        assert construct_of(api) == "schedule"
    for api in INITIALIZERS - {"tf.tables_initializer"}:
        assert construct_of(api) == "initializer"
    for api in KEPT_APIS:
        assert construct_of(api) in ("monitored_session", "queue", "estimator"), api
    assert set(map(construct_of, ["tf.summary.FileWriter", "tf.summary.scalar", "tf.py_func",
                                  "tf.data.make_one_shot_iterator"])) == {"summary", "tf.py_func",
                                                                          "dataset_iterator"}
    assert construct_of("tf.matmul") is None and construct_of("tf.estimator.ModeKeys") is None


def test_a_library_function_taking_a_session_is_no_program(tmp_path):
    source = ("import tensorflow as tf\n\n\ndef evaluate(sess, accuracy, x, batch):\n"
              "    return sess.run(accuracy, feed_dict={x: batch})\n")
    (tmp_path / "lib.py").write_text(source)
    # sess is a parameter, not a Session the file makes: nothing to say about it
    assert unscope.scan([str(tmp_path / "lib.py")], jobs=1).findings == []
