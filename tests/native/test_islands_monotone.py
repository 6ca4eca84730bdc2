"""Native coverage is monotone: making one function unsafe (a construct native mode keeps in
TF1 form) never makes another function non-native - it becomes a compat island inside its
native callers, and its native-able callees stay native. Checked on generated scope programs
and on every function of the model zoo."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.native import programs
from tests.zoo import harness
from unscope.native import migrate_native

ZOO_DIR = Path(harness.__file__).parent
UNSAFE = "global unsafe_flag"  # a statement native mode keeps in TF1 form, touching no TF API


def native(source: str) -> set[str]:
    result = migrate_native(source, "gen.py")
    assert result.ok, result.error
    return {c["function"] for c in result.classes}


def made_unsafe(source: str, name: str) -> str:
    """``source`` with UNSAFE as the first statement of function ``name`` (after its docstring)."""
    tree = ast.parse(source)
    fn = next(s for s in tree.body if type(s) is ast.FunctionDef and s.name == name)
    body = fn.body
    first = body[1] if len(body) > 1 and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant \
        else body[0]
    lines = source.splitlines(keepends=True)
    lines.insert(first.lineno - 1, " " * first.col_offset + UNSAFE + "\n")
    return "".join(lines)


def creators(source: str) -> list[str]:
    from unscope.native.program import Program

    program = Program(source, "gen.py")
    program.analyse()
    return list(program.creators)


def assert_monotone(source: str) -> int:
    """Checks every function of ``source``; returns how many other functions stayed native."""
    before = native(source)
    kept = 0
    for name in creators(source):
        after = native(made_unsafe(source, name))
        assert name not in after, f"{name} made unsafe is still native:\n{made_unsafe(source, name)}"
        lost = (before - {name}) - after
        assert not lost, f"making {name} unsafe made {sorted(lost)} non-native:\n{made_unsafe(source, name)}"
        kept += len(before - {name})
    return kept


def test_one_unsafe_function_leaves_the_others_native():
    source = programs.HEADER + '''def dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return tf.matmul(x, w)


def block(x):
    with tf.variable_scope("block"):
        return dense(dense(x, "a"), "b")


def build(x):
    with tf.variable_scope("model"):
        return block(x) + dense(x, "skip")
'''
    assert native(source) == {"dense", "block", "build"}
    assert native(made_unsafe(source, "dense")) == {"block", "build"}   # dense: islands
    assert native(made_unsafe(source, "block")) == {"dense", "build"}   # block: an island of build
    assert native(made_unsafe(source, "build")) == {"dense", "block"}   # build: TF1 code of its own


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(source=programs.program())
def test_generated_programs(source):
    assert_monotone(source)


@pytest.mark.parametrize("model", sorted(harness.ZOO))
def test_zoo(model):
    source = (ZOO_DIR / f"{model}.py").read_text()
    top = {s.name for s in ast.parse(source).body if type(s) is ast.FunctionDef}
    before = native(source)
    for name in [n for n in creators(source) if n in top]:
        after = native(made_unsafe(source, name))
        assert name not in after
        lost = (before - {name}) - after
        assert not lost, f"{model}: making {name} unsafe made {sorted(lost)} non-native"
