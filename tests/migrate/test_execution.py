"""Migrated TF1 programs run on TF 2.21 without tf_keras and compute what TF1 computed.

Each program runs in real TF1 graph mode (a separate process, tf_keras for tf.layers); the
migration runs here in a TF1 graph, eagerly through unscope.track and under tf.function,
with the same weights (see programs.py).
"""
import subprocess
import sys

import pytest

from tests.migrate import programs
from unscope.migrate import migrate_source

HEADER = '''import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 24, dtype=np.float32).reshape(2, 3, 4),
          "ids": np.array([[0, 2, 1], [1, 1, 0]], dtype=np.int32)}
'''

RENAMES = HEADER + '''

def build(x, ids):
    with tf.variable_scope("renames"):
        w = tf.get_variable("w", [4, 4], initializer=tf.truncated_normal_initializer(stddev=0.1))
        h = tf.tensordot(x, w, 1)
        p = tf.nn.softmax(h, dim=-1)
        s = tf.reduce_sum(tf.log(p + 1.0), reduction_indices=[2], keep_dims=True)
        m = tf.reduce_mean(tf.square(h), 1)
        best = tf.to_float(tf.argmax(p, 2))
        e = tf.expand_dims(tf.squeeze(s, squeeze_dims=[2]), dim=0)
        t = tf.transpose(h, [0, 2, 1], "t")
        mean, var = tf.nn.moments(h, [1], keep_dims=True)
        picked = tf.where(tf.greater(m, 0.0), m, -m)
        kept = tf.nn.dropout(h, keep_prob=1.0)
        return s, m, best, e, t, mean, var, picked, tf.rsqrt(var + 1e-3), kept, tf.to_int32(ids) * 2
'''

SCOPES = HEADER + '''

def block(h, reuse=None):
    with tf.variable_scope("block", reuse=reuse, initializer=tf.constant_initializer(0.1)):
        k = tf.get_variable("k", [4, 4], regularizer=tf.nn.l2_loss)
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.tensordot(h, k, 1) + b)


def build(x, ids):
    a = block(x)
    b = block(x, reuse=True)
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        c = block(a) + block(b)
    with tf.variable_scope(None, default_name="unnamed"):
        d = tf.layers.dense(c, 3, name="fc")
    with tf.variable_scope("emb") as scope:
        table = tf.get_variable("table", [3, 4])
        scope.reuse_variables()
        again = tf.get_variable("table", [3, 4])
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    n_trainable = len(tf.trainable_variables())
    return d, tf.nn.embedding_lookup(table, ids) + again[0], reg * n_trainable
'''

LAYERS = HEADER + '''

def build(x, ids):
    images = tf.reshape(x, [2, 3, 4, 1])
    with tf.variable_scope("cnn"):
        h = tf.layers.conv2d(images, 2, 2, padding="same", activation=tf.nn.relu)
        h = tf.layers.batch_normalization(h, training=False)
        h = tf.layers.max_pooling2d(h, 2, 1)
        h = tf.layers.dropout(h, rate=0.5, training=False)
        h = tf.layers.flatten(h)
        dense = tf.layers.Dense(3, name="head")
        return dense(h), tf.layers.dense(h, 2)
'''

TEMPLATE = HEADER + '''

def scale(h):
    s = tf.get_variable("s", [4], initializer=tf.ones_initializer())
    return h * s


def build(x, ids):
    tmpl = tf.make_template("scale", scale)
    return tmpl(x), tmpl(x * 2.0)
'''


@pytest.mark.slow
@pytest.mark.parametrize("source", [RENAMES, SCOPES, LAYERS, TEMPLATE],
                         ids=["renames", "scopes", "layers", "template"])
def test_program_equals_tf1(source):
    result = migrate_source(source)
    assert result.changed and result.error is None and not result.findings
    assert "import tensorflow as tf\nimport unscope\n" in result.code
    programs.assert_migration_equal(source, result.code)


SCRIPT = '''import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("model"):
    w = tf.get_variable("w", [3, 1], initializer=tf.constant_initializer(0.5))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w)), keep_dims=False)
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_op, {x: np.ones([2, 3])})
    print("%.6f %s" % (sess.run(loss, {x: np.ones([2, 3])}), w.name))
'''


@pytest.mark.slow
def test_tf1_graph_script_still_runs_as_a_script(tmp_path):
    """A TF1 Session script keeps running in graph mode on TF 2.21 once migrated."""
    result = migrate_source(SCRIPT)
    assert "tf.compat.v1.disable_v2_behavior()" in result.code
    script = tmp_path / "train.py"
    script.write_text(result.code)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    # by hand: loss = (3 * 0.5)^2 = 2.25; grad = 2 * 1.5 * 1 = 3 per weight; w = 0.5 - 0.3 = 0.2
    assert proc.stdout.split() == ["%.6f" % (3 * 0.2) ** 2, "model/w:0"]
