"""Compat islands that use tf.layers, against real TF1: the programs run in a TF1 graph in a
subprocess (tf_keras serves tf.layers there, TF_USE_LEGACY_KERAS=1) and, migrated with
``--mode native``, as modules here: names, shapes, outputs, regularization losses equal."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.native.programs import X, value_for
from tests.native.support import class_for, load
from unscope.migrate.engine import migrate_source

ROOT = Path(__file__).resolve().parents[2]
HEADER = "import tensorflow.compat.v1 as tf\n\nREG = lambda w: 0.01 * tf.reduce_sum(tf.square(w))  # noqa: E731\n\n\n"

PROGRAMS = {
    # no scope of its own, but its layers sit in scopes it opens by name: TF1 counts their
    # names afresh there, so the island gives them the same names under each caller's scope
    "scoped_layers": HEADER + '''def mlp(x):
    tf.add_to_collection("inputs", x)
    with tf.variable_scope("fc1"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu)
    with tf.variable_scope("fc2"):
        return tf.layers.dense(h, 4)


def build(x):
    with tf.variable_scope("a"):
        x = mlp(x)
    with tf.variable_scope("b"):
        return mlp(x)
''',
    # its own scope, unnamed layers inside (dense, dense_1), one island per layer of a loop,
    # under a scope-level regularizer that reaches every kernel and bias
    "own_scope_loop": HEADER + '''def block(x, scope):
    with tf.variable_scope(scope):
        tf.add_to_collection("inputs", x)
        h = tf.layers.dense(x, 4, activation=tf.tanh)
        return tf.layers.dense(h, 4) + x


def build(x):
    with tf.variable_scope("model", regularizer=REG):
        for i in range(2):
            x = block(x, "layer_%d" % i)
        return tf.layers.dense(x, 2, name="head")
''',
}

_ORACLE = r'''
import json, sys, zlib
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
from tests.native.programs import X, value_for

out = {}
for name, source in json.loads(sys.stdin.read()).items():
    namespace = {}
    with tf.Graph().as_default():
        exec(compile(source, name, "exec"), namespace)
        y = namespace["build"](tf.constant(X))
        variables = tf.global_variables()
        reg = tf.losses.get_regularization_loss()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            result, reg_value = sess.run([y, reg])
    out[name] = {"shapes": {v.name: v.shape.as_list() for v in variables}, "out": result.tolist(),
                 "reg": float(reg_value)}
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def oracle():
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _ORACLE], input=json.dumps(PROGRAMS), capture_output=True,
                          text=True, env=env, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_layer_islands_equal_tf1(name, oracle, tmp_path):
    want = oracle[name]
    result = migrate_source(PROGRAMS[name], "native", path="<islands>")
    assert result.error is None, result.error
    assert "unscope.track(" in result.code
    module = load(result.code, tmp_path, name)
    model = getattr(module, class_for(result, "build"))()
    model(tf.constant(X))
    assert {v.name: v.shape.as_list() for v in model.variables} == want["shapes"]
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    np.testing.assert_allclose(model(tf.constant(X)).numpy(), want["out"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tf.function(model)(tf.constant(X)).numpy(), want["out"], rtol=1e-5, atol=1e-6)
    losses = model.regularization_losses
    np.testing.assert_allclose(float(tf.add_n(losses)) if losses else 0.0, want["reg"], rtol=1e-5)
