"""``**kwargs`` passed straight through: where every call of the helper in its file passes the
same extra keywords by literal name, they become the class's keyword-only parameters (each
structure or tensor as any parameter), and the TF1 text kept beside it is the original.  TF1 in
a ``tf.compat.v1`` graph is the oracle: variable names, shapes, outputs, gradients."""
from __future__ import annotations

import ast

import pytest

from tests.native.support import class_for, load
from tests.native.tf1_oracle import assert_same, run_native, run_tf1
from unscope.native import migrate_native
from unscope.native.kwargs_passthrough import lift_passthrough

PROGRAMS = {
    # structural keywords: initializers, a trainable flag, for tf.get_variable
    "initializer": '''import tensorflow.compat.v1 as tf


def affine(x, units, name="affine", **kwargs):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units], **kwargs)
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


def build(x):
    with tf.variable_scope("model"):
        h = tf.nn.relu(affine(x, 3, name="hidden", initializer=tf.constant_initializer(0.5),
                              trainable=True))
        return affine(h, 2, name="logits", initializer=tf.zeros_initializer(), trainable=True)
''',
    # passed on twice, into a callee that is itself a variable-making helper
    "two_levels": '''import tensorflow.compat.v1 as tf


def weight(name, shape, dtype=tf.float32, **kwargs):
    return tf.get_variable(name, shape, dtype=dtype, **kwargs)


def scaled(x, units, **kwargs):
    with tf.variable_scope("scaled"):
        w = weight("w", [x.shape[-1], units], initializer=tf.ones_initializer())
        s = weight("s", [units], **kwargs)
        return tf.matmul(x, w) * s


def build(x):
    with tf.variable_scope("net"):
        return scaled(x, 2, initializer=tf.constant_initializer(2.0))
''',
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_passed_through_keywords_become_parameters_and_equal_tf1(name, tmp_path):
    source = PROGRAMS[name]
    result = migrate_native(source, f"{name}.py")
    assert "build" in {c["function"] for c in result.classes}, result.findings
    assert not [f for f in result.findings if "*args/**kwargs" in f.message], result.findings
    module = load(result.code, tmp_path, name)
    assert_same(run_native(getattr(module, class_for(result, "build"))()), run_tf1(source))
    assert migrate_native(result.code, f"{name}.py").code == result.code


def test_the_keywords_are_init_arguments_and_the_tf1_copy_is_the_original():
    result = migrate_native(PROGRAMS["initializer"], "initializer.py")
    entry = next(c for c in result.classes if c["function"] == "affine")
    assert set(entry["init_args"]) >= {"initializer", "trainable"} and entry["call_args"] == ["x"]
    kept = next(s for s in ast.parse(result.code).body if type(s) is ast.FunctionDef and s.name == "affine")
    original = next(s for s in ast.parse(PROGRAMS["initializer"]).body if type(s) is ast.FunctionDef)
    assert ast.dump(kept) == ast.dump(original)


def test_the_kept_tf1_helper_still_takes_any_keyword(tmp_path):
    """Callers elsewhere may pass other keywords: the kept helper is TF1's, unchanged."""
    result = migrate_native(PROGRAMS["initializer"], "initializer.py")
    call = "\n\ndef entry(x):\n    return affine(x, 2, name='other', regularizer=None)\n"
    assert_same(run_tf1(result.code + call, "entry"), run_tf1(PROGRAMS["initializer"] + call, "entry"))


@pytest.mark.parametrize("source", [
    # different extra keywords at two call sites
    "def f(x, **kw):\n    return g(x, **kw)\n\ndef h(x):\n    return f(x, a=1) + f(x, b=2)\n",
    # a call site passing ** itself
    "def f(x, **kw):\n    return g(x, **kw)\n\ndef h(x, **o):\n    return f(x, **o)\n",
    # no call in the file
    "def f(x, **kw):\n    return g(x, **kw)\n",
    # the helper handed on as a value
    "def f(x, **kw):\n    return g(x, **kw)\n\ndef h(x):\n    return apply(f, x) + f(x, a=1)\n",
    # kwargs read other than as **kwargs
    "def f(x, **kw):\n    return g(x, kw['a'], **kw)\n\ndef h(x):\n    return f(x, a=1)\n",
    # *args too
    "def f(x, *a, **kw):\n    return g(x, *a, **kw)\n\ndef h(x):\n    return f(x, a=1)\n",
    # an extra keyword naming one of its locals
    "def f(x, **kw):\n    y = 2\n    return g(x, y, **kw)\n\ndef h(x):\n    return f(x, y=1)\n",
    # one-line def
    "def f(x, **kw): return g(x, **kw)\n\ndef h(x):\n    return f(x, a=1)\n",
])
def test_what_is_not_proven_is_not_spelled_out(source):
    assert lift_passthrough(source) is None


def test_spelling_out_is_line_for_line():
    lifted = lift_passthrough(PROGRAMS["two_levels"])
    # scaled first; its spelled-out call proves weight in the second round
    assert [(f.name, f.keys) for f in lifted.functions] == [("scaled", ("initializer",)),
                                                            ("weight", ("initializer",))]
    assert "def weight(name, shape, dtype=tf.float32, *, initializer):" in lifted.source
    assert len(lifted.source.splitlines()) == len(PROGRAMS["two_levels"].splitlines())
    assert "def scaled(x, units, *, initializer):" in lifted.source
    assert "s = weight(\"s\", [units], initializer=initializer)" in lifted.source


LAYERS = '''import tensorflow.compat.v1 as tf


def dense(x, units, name, **kwargs):
    """Every other tf.layers.dense argument passes through."""
    return tf.layers.dense(x, units, name=name, **kwargs)


def build(x):
    with tf.variable_scope("head"):
        h = dense(x, 3, "hidden", activation=tf.nn.relu, use_bias=False)
        return dense(h, 2, "logits", activation=None, use_bias=True)
'''

_LAYERS_ORACLE = """
import json, sys
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
from tests.native.programs import X, value_for

namespace = {}
with tf.Graph().as_default():
    exec(compile(sys.stdin.read(), "layers", "exec"), namespace)
    x = tf.constant(X)
    y = namespace["build"](x)
    variables = tf.global_variables()
    grad = tf.gradients(tf.reduce_sum(y * y), x)[0]
    with tf.Session() as sess:
        for v in variables:
            v.load(value_for(v.name, v.shape.as_list()), sess)
        out, g = sess.run([y, grad])
print(json.dumps({"shapes": {v.name: v.shape.as_list() for v in variables}, "out": out.tolist(),
                  "grad": g.tolist()}))
"""


def test_passed_through_layer_keywords_equal_tf1_layers(tmp_path):
    """tf.layers in a TF1 graph needs tf_keras (TF_USE_LEGACY_KERAS=1): a subprocess."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    import numpy as np
    import tensorflow as tf

    from tests.native.programs import X, value_for

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", _LAYERS_ORACLE], input=LAYERS, capture_output=True,
                          text=True, env=env, timeout=300, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    want = json.loads(proc.stdout.strip().splitlines()[-1])
    result = migrate_native(LAYERS, "layers.py")
    assert {c["function"] for c in result.classes} == {"dense", "build"}, result.findings
    model = getattr(load(result.code, tmp_path, "layers"), class_for(result, "build"))()
    x = tf.constant(X)
    model(x)
    assert {v.name: v.shape.as_list() for v in model.variables} == want["shapes"]
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = model(x)
        loss = tf.reduce_sum(y * y)
    np.testing.assert_allclose(y.numpy(), want["out"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tape.gradient(loss, x).numpy(), want["grad"], rtol=1e-5, atol=1e-6)
