"""What native mode names in the classes it writes: a function's own ``name`` parameter (an
op's or a layer's name, or its scope) never lands on tf.Module's read-only ``name``, the path
parameter a class needs is not ``name2``, and a class at the top level passes no empty name.

Each program is TF1 (2018 style); the oracle is TF1 graph mode (programs.run_tf1, in a
subprocess where tf_keras serves tf.layers): the migrated classes must build, name their
variables as TF1 did and give TF1's output with the same weights.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.native import programs
from tests.native.support import class_for, load
from unscope.native import migrate_native

ROOT = Path(__file__).resolve().parents[2]

# `name` names a layer inside a fixed scope, and is read again in the body (tf.identity)
LAYER_NAMED_BY_PARAM = programs.HEADER + '''\
def block(x, units, name="proj"):
    with tf.variable_scope("block"):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name=name)
        h = tf.identity(h, name=name)
        return tf.layers.dense(h, units, name="out")


def build(x):
    with tf.variable_scope("model"):
        h = block(x, 8, name="first")
    with tf.variable_scope("head"):
        return block(h, 3)
'''

# `name` is the function's scope and is read again in the body
SCOPE_NAME_READ_AGAIN = programs.HEADER + '''\
def layer(x, units, name="layer"):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w, name=name + "_matmul")


def build(x):
    h = layer(x, 5, name="l1")
    h = tf.tanh(h)
    return layer(h, 2, name="l2")
'''

# a top-level function without a scope of its own, naming a layer by its `name`
TOP_LEVEL_NAMED = programs.HEADER + '''\
def build(x, name="logits"):
    h = tf.layers.dense(x, 6, activation=tf.tanh, name="hidden")
    return tf.layers.dense(h, 2, name=name)
'''


PROGRAMS = {"layer_named_by_param": LAYER_NAMED_BY_PARAM, "scope_name_read_again": SCOPE_NAME_READ_AGAIN,
            "top_level_named": TOP_LEVEL_NAMED}

_ORACLE = """
import json, sys
from tests.native import programs
answers = {}
for key, source in json.loads(sys.stdin.read()).items():
    shapes, out = programs.run_tf1(source)
    answers[key] = {"shapes": shapes, "out": out.tolist()}
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def tf1():
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _ORACLE], input=json.dumps(PROGRAMS), capture_output=True,
                          text=True, env=env, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _classes(code: str) -> dict[str, ast.ClassDef]:
    return {s.name: s for s in ast.parse(code).body if type(s) is ast.ClassDef}


def _init(cls: ast.ClassDef) -> ast.FunctionDef:
    return next(s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__")


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_migrated_classes_build_and_equal_tf1(key, tf1, tmp_path):
    source = PROGRAMS[key]
    expected_vars, expected_out = tf1[key]["shapes"], np.array(tf1[key]["out"], dtype=np.float32)
    result = migrate_native(source, "<case>")
    assert result.ok and result.changed, (result.error, result.findings)
    module = load(result.code, tmp_path, "names")
    got_vars, got, got_fn = programs.run_native(module, class_for(result, "build"))
    assert got_vars == expected_vars
    np.testing.assert_allclose(got, expected_out, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got_fn, expected_out, rtol=1e-5, atol=1e-6)


def test_a_name_parameter_never_assigns_tf_module_name():
    code = migrate_native(LAYER_NAMED_BY_PARAM, "<case>").code
    for cls in _classes(code).values():
        for node in ast.walk(cls):
            if type(node) is ast.Attribute and type(node.ctx) is ast.Store:
                assert node.attr != "name", ast.get_source_segment(code, node)
    block = ast.get_source_segment(code, _classes(code)["Block"])
    assert "self.name_ = name" in block
    assert "tf.identity(h, name=self.name_)" in block


def test_the_path_parameter_beside_a_name_parameter_is_scope_with_its_default():
    code = migrate_native(LAYER_NAMED_BY_PARAM, "<case>").code
    init = _init(_classes(code)["Block"])
    params = [a.arg for a in init.args.args]
    assert params == ["self", "units", "name", "scope"], params
    assert [ast.literal_eval(d) for d in init.args.defaults] == ["proj", "block"]
    assert not any(p.endswith("2") for p in params)
    assert 'super().__init__(name=scope)' in ast.get_source_segment(code, init)


def test_a_scope_parameter_read_again_is_stored_beside_the_module_name():
    result = migrate_native(SCOPE_NAME_READ_AGAIN, "<case>")
    layer = ast.get_source_segment(result.code, _classes(result.code)["Layer"])
    assert "self.name_ = name" in layer and 'name=self.name_ + "_matmul"' in layer


def test_a_top_level_class_passes_no_empty_name():
    code = migrate_native(TOP_LEVEL_NAMED, "<case>").code
    assert 'name=""' not in code
    init = ast.get_source_segment(code, _init(_classes(code)["Build"]))
    assert "super().__init__()" in init
    assert "name=name)" in init and 'f"{name}"' not in init  # not an f-string of one name
