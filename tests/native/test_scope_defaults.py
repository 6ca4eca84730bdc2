"""Scope-level initializer / regularizer reaching layers and callees, against real TF1.

Each program runs in a TF1 graph (tf_keras serving tf.layers, in a subprocess) and, migrated
natively, eagerly: same variable names, the same initial values (the initializers here are
constants, so they show which variable took the scope's), and with the same weights the same
outputs and the same regularization loss (count and total).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.native.programs import X, value_for
from tests.native.support import class_for, load, native_part
from unscope import migrate_source

ROOT = Path(__file__).resolve().parents[2]
HEAD = ("import tensorflow.compat.v1 as tf\n\n\n"
        "def l2(scale):\n    return lambda w: scale * tf.nn.l2_loss(w)\n\n\n")

PROGRAMS = {
    # a callee's tf.layers under its caller's scope; explicit bias_initializer=None takes it too
    "dense_in_callee": HEAD + '''\
def head(x, training=False):
    with tf.variable_scope("head"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="fc")
        h = tf.layers.dropout(h, rate=0.5, training=training)
        return tf.layers.dense(h, 2, bias_initializer=None, name="out")


def build(x):
    with tf.variable_scope("model", initializer=tf.constant_initializer(0.3), regularizer=l2(0.01)):
        return head(x)
''',
    # convolutions in the same function as the scope; an explicit kernel_initializer wins
    "convolutions": HEAD + '''\
def build(x):
    with tf.variable_scope("cnn", initializer=tf.constant_initializer(0.1), regularizer=l2(0.001)):
        h = tf.reshape(x, [2, 2, 2, 1])
        h = tf.layers.conv2d(h, 3, 1, name="c1")
        h = tf.layers.separable_conv2d(h, 2, 1, name="sep")
        h = tf.layers.conv2d_transpose(h, 2, 1, name="up")
        h = tf.layers.flatten(h)
        return tf.layers.dense(h, 2, kernel_initializer=tf.constant_initializer(-0.2))
''',
    # slim layers: weights_initializer=None takes the scope's; layer_norm's beta/gamma the regularizer
    "slim_layers": HEAD.replace("\n\n\ndef", "\nimport tf_slim as slim\n\n\ndef", 1) + '''\
def block(x):
    with tf.variable_scope("block"):
        h = slim.fully_connected(x, 4, weights_initializer=None, scope="fc")
        h = slim.layer_norm(h)
        return slim.fully_connected(h, 2, activation_fn=None,
                                    weights_initializer=tf.constant_initializer(-0.1), scope="out")


def build(x):
    with tf.variable_scope("m", regularizer=l2(0.02), initializer=tf.constant_initializer(0.2)):
        return block(x)
''',
    # get_variable in a callee under a regularizer held in a local; the callee's own
    # initializer wins over the caller's, and initializer=None takes the scope's
    "variables_in_callee": HEAD + '''\
def proj(x):
    with tf.variable_scope("proj", initializer=tf.constant_initializer(0.5)):
        w = tf.get_variable("w", [4, 4])
        b = tf.get_variable("b", [4], initializer=None)
    return tf.matmul(x, w) + b


def build(x):
    reg = l2(0.03)
    with tf.variable_scope("top", regularizer=reg, initializer=tf.constant_initializer(0.25)):
        h = proj(x)
        v = tf.get_variable("v", [4])
        h = tf.layers.dense(h * v, 3, name="fc")
    return h
''',
}

_ORACLE = '''
import json, sys
import numpy as np
import tensorflow.compat.v1 as tf
from tests.native.programs import X, value_for
tf.disable_v2_behavior()
out = {}
for name, source in json.loads(sys.stdin.read()).items():
    ns = {}
    with tf.Graph().as_default():
        exec(compile(source, name, "exec"), ns)
        y = ns["build"](tf.constant(X))
        variables = tf.global_variables()
        regs = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
        reg = tf.add_n(regs) if regs else tf.constant(0.0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            init = sess.run(variables)
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            result, reg_value = sess.run([y, reg])
    out[name] = {"init": {v.name: x.tolist() for v, x in zip(variables, init)},
                 "out": result.tolist(), "reg": float(reg_value), "n_regs": len(regs)}
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def oracle():
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _ORACLE], input=json.dumps(PROGRAMS), capture_output=True,
                          text=True, env=env, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _native(source, tmp_path, stem):
    import tensorflow as tf

    result = migrate_source(source, mode="native")
    assert not [f for f in result.findings if f.verdict == "compat"], result.findings
    module = load(result.code, tmp_path, stem)
    model = getattr(module, class_for(result, "build"))()
    model(tf.constant(X))
    init = {v.name: v.numpy() for v in model.variables}
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    losses = model.regularization_losses
    return (result.code, init, model(tf.constant(X)).numpy(), tf.function(model)(tf.constant(X)).numpy(),
            float(tf.add_n(losses)) if losses else 0.0, len(losses))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_equals_tf1(name, oracle, tmp_path):
    want = oracle[name]
    code, init, out, fn_out, reg, n_regs = _native(PROGRAMS[name], tmp_path, name)
    assert "variable_scope" not in native_part(code) and "tf.layers" not in native_part(code)
    assert sorted(init) == sorted(want["init"])
    for var, value in want["init"].items():
        np.testing.assert_allclose(init[var], np.asarray(value, np.float32), err_msg=var)
    np.testing.assert_allclose(out, want["out"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(fn_out, want["out"], rtol=1e-5, atol=1e-6)
    assert n_regs == want["n_regs"]
    assert want["reg"] > 0
    np.testing.assert_allclose(reg, want["reg"], rtol=1e-5)
