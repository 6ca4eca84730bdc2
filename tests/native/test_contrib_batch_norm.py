"""``tf.contrib.layers.batch_norm`` / ``slim.batch_norm`` in native mode: ``nn.ContribBatchNorm``.

Oracle: the same 2018-style program under tf_slim (TF1's contrib layers) in a TF1 graph, in a
subprocess (tests/native/slim_tf1.py): variable names and shapes, the inference output before
and after one training step, the training output, gradients, the moving statistics after the
step (UPDATE_OPS run with it, as a train op that depends on them) and the regularization
losses - eagerly and under tf.function. The program covers contrib's three paths: its own fused
kernel (rank 2, updates in place, DCGAN's epsilon below the fused minimum), tf.layers' batch
norm (rank 4, the UPDATE_OPS default, param_regularizers/param_initializers) and its unfused
path (rank 3, in place, where TF1 ignores param_regularizers).
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.native.support import class_for, load
from unscope.native import migrate_native

HERE = Path(__file__).resolve().parent

PROGRAM = '''\
import tensorflow.compat.v1 as tf
import tf_slim as slim

l2 = slim.l2_regularizer(0.1)


def build(x, training=True):
    with tf.variable_scope("net"):
        h = slim.fully_connected(x, 6, activation_fn=None, scope="fc")
        h = slim.batch_norm(h, decay=0.9, updates_collections=None, epsilon=1e-5, scale=True,
                            is_training=training)
        h = tf.reshape(h, [-1, 1, 2, 3])
        h = slim.batch_norm(h, 0.8, scale=True, param_regularizers={"gamma": l2, "beta": l2},
                            param_initializers={"moving_variance": tf.constant_initializer(2.0)},
                            is_training=training)
        h = tf.reshape(h, [-1, 2, 3])
        h = slim.batch_norm(h, updates_collections=None, param_regularizers={"beta": l2},
                            activation_fn=tf.nn.relu, is_training=training, scope="bn3")
        return tf.reshape(h, [-1, 6])
'''

# DCGAN's shape, written the 2018 way: a callable batch_norm helper whose __init__ opens a
# scope that makes nothing, built in the model's __init__ and called inside its methods' scopes
GAN = '''\
import tensorflow.compat.v1 as tf


class batch_norm(object):
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.momentum = momentum
            self.name = name

    def __call__(self, x, train=True):
        return tf.contrib.layers.batch_norm(x, decay=self.momentum, updates_collections=None,
                                            epsilon=self.epsilon, scale=True,
                                            is_training=train, scope=self.name)


def linear(x, units, scope="linear"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class GAN(object):
    def __init__(self, hidden=5):
        self.hidden = hidden
        self.d_bn1 = batch_norm(name="d_bn1")
        self.g_bn0 = batch_norm(name="g_bn0")

    def discriminator(self, x, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h = tf.nn.relu(self.d_bn1(linear(x, self.hidden, "d_h0")))
            return linear(h, 1, "d_h1")

    def generator(self, z, train=True):
        with tf.variable_scope("generator"):
            h = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0"), train=train))
            return tf.nn.tanh(linear(h, 6, "g_h1"))


def build(x, training=True):
    gan = GAN()
    fake = gan.generator(x, train=training)
    return gan.discriminator(x) + gan.discriminator(fake, reuse=True)
'''


def _tf1(where, program):
    (where / "program.py").write_text(program)
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
    done = subprocess.run([sys.executable, str(HERE / "slim_tf1.py"), str(where / "program.py"),
                           str(where / "out.pkl")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    with open(where / "out.pkl", "rb") as fh:
        return pickle.load(fh)


@pytest.fixture(scope="module")
def tf1(tmp_path_factory):
    return _tf1(tmp_path_factory.mktemp("slim_tf1"), PROGRAM)


@pytest.fixture(scope="module")
def tf1_gan(tmp_path_factory):
    return _tf1(tmp_path_factory.mktemp("slim_tf1_gan"), GAN)


def _run_native(model, function: bool, forward=None) -> dict:
    import tensorflow as tf

    sys.path.insert(0, str(HERE))
    try:
        from slim_tf1 import X, start_value
    finally:
        sys.path.remove(str(HERE))
    x = tf.constant(X)
    call = forward or model.__call__
    call = tf.function(call) if function else call
    call(x, training=False)   # lazy variables exist after the first call (no update in inference)
    for v in model.variables:
        v.assign(start_value(v.name, v.shape.as_list()))
    before = call(x, training=False).numpy()
    trainable = list(model.trainable_variables)
    with tf.GradientTape() as tape:
        tape.watch(x)
        train = call(x, training=True)
        loss = tf.reduce_sum(train * train)
    grads = tape.gradient(loss, [x] + trainable)
    after_vars = {v.name: v.numpy() for v in model.variables}
    after = call(x, training=False).numpy()
    return {"shapes": {v.name: v.shape.as_list() for v in model.variables}, "before": before,
            "train": train.numpy(), "grads": dict(zip(["x"] + [v.name for v in trainable],
                                                        [g.numpy() for g in grads])),
            "after_vars": after_vars, "after": after,
            "reg": float(sum(r.numpy() for r in model.regularization_losses))}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    result = migrate_native(PROGRAM, "<case>")
    assert result.ok and result.changed, (result.error, result.findings)
    assert not result.findings, result.findings
    module = load(result.code, tmp_path_factory.mktemp("native"), "contrib_bn")
    return module, class_for(result, "build"), result.code


@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf_function"])
def test_native_batch_norm_equals_tf1(tf1, migrated, function):
    module, cls, code = migrated
    assert code.count("nn.ContribBatchNorm(") == 3
    got = _run_native(getattr(module, cls)(), function)
    assert "net/BatchNorm_1/moving_mean:0" in got["shapes"]   # the default scope, uniquified
    _assert_same(got, tf1)
    assert tf1["reg"] > 0
    np.testing.assert_allclose(got["reg"], tf1["reg"], rtol=1e-5)


def _assert_same(got, want, twice=()) -> None:
    assert got["shapes"] == want["shapes"]
    for key in ("before", "train", "after"):
        np.testing.assert_allclose(got[key], want[key], rtol=1e-5, atol=1e-5, err_msg=key)
    assert got["grads"].keys() == want["grads"].keys()
    for name, value in want["grads"].items():
        # batch norm's backward cancels (g - mean(g) - x̂·mean(g·x̂)) / σ: where a channel of this
        # 4-example batch has σ ≈ 0.05 (the GAN's g_h0), float32 rounding that TF1's graph
        # rewrites order differently shows at 1e-3 relative
        np.testing.assert_allclose(got["grads"][name], value, rtol=2e-3, atol=1e-5, err_msg=name)
    for name, value in want["after_vars"].items():
        if name.startswith(twice) and "/moving_" in name:
            continue
        np.testing.assert_allclose(got["after_vars"][name], value, rtol=1e-5, atol=1e-6, err_msg=name)


@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf_function"])
def test_dcgan_shaped_helper_class_equals_tf1(tf1_gan, tmp_path, function):
    result = migrate_native(GAN, "<case>")
    assert result.ok and not result.findings, (result.error, result.findings)
    module = load(result.code, tmp_path, "contrib_bn_gan")
    gan = module.GAN()

    def forward(x, training):
        fake = gan.generator(x, train=training)
        return gan.discriminator(x) + gan.discriminator(fake, reuse=True)

    got = _run_native(gan, function, forward)
    assert "discriminator/d_bn1/gamma:0" in tf1_gan["shapes"]   # named where it is called
    assert "generator/g_bn0/moving_variance:0" in tf1_gan["shapes"]
    # d_bn1 updates its moving statistics twice in the step (real and fake): TF1's Session ran
    # both in-place updates from the old value, native mode applies one after the other
    _assert_same(got, tf1_gan, twice=("discriminator/d_bn1/",))


@pytest.mark.parametrize("argument, why", [
    ("batch_weights=w", "batch_weights"),
    ("renorm=True", "renorm"),
    ("zero_debias_moving_mean=True", "zero_debias_moving_mean"),
    ('updates_collections="my_updates"', "updates_collections other than None"),
    ("updates_collections=[tf.GraphKeys.UPDATE_OPS]", "updates_collections other than None"),
    ("param_initializers=inits", "param_initializers other than a dict literal"),
    ('param_regularizers={"moving_mean": l2}', "param_regularizers other than a dict literal"),
    ("variables_collections=['bn']", "variables_collections"),
])
def test_what_nn_cannot_do_stays_tf1_with_a_finding(argument, why):
    source = ("import tensorflow.compat.v1 as tf\n\nl2 = tf.nn.l2_loss\ninits = {}\n\n\n"
              "def build(x, w, training=True):\n"
              "    with tf.variable_scope(\"net\"):\n"
              f"        return tf.contrib.layers.batch_norm(x, is_training=training, {argument})\n")
    result = migrate_native(source, "<case>")
    assert "class Build(" not in result.code
    assert any(f.api == "tf.contrib.layers.batch_norm" and why in f.message for f in result.findings), \
        result.findings


def test_update_ops_spelled_out_is_the_default():
    source = ("import tensorflow.compat.v1 as tf\n\n\ndef build(x):\n"
              "    return tf.contrib.layers.batch_norm(x, updates_collections=tf.GraphKeys.UPDATE_OPS,\n"
              "                                        scope=\"bn\")\n")
    result = migrate_native(source, "<case>")
    assert 'nn.ContribBatchNorm(name="bn")' in result.code, (result.code, result.findings)
