"""`unscope.nn.selection.variables_under` selects what TF1's collections held (TF1 oracle)."""
from __future__ import annotations

import functools

import pytest

from tests.native.support import class_for, load
from unscope.native import migrate_native
from unscope.nn.selection import variables_under

GAN = '''import tensorflow.compat.v1 as tf


def generator(z):
    with tf.variable_scope("generator"):
        w = tf.get_variable("w", [3, 4])
        step = tf.get_variable("step", [], tf.int32, trainable=False)
        return tf.matmul(z, w)


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        w = tf.get_variable("w", [4, 1])
        return tf.matmul(x, w)


def gan_ops(z, x):
    fake = generator(z)
    return discriminator(x), discriminator(fake, reuse=True)
'''

SELECTIONS = [("trainable", None), ("trainable", "generator"), ("trainable", "disc"),
              ("global", "generator"), ("global", None), ("trainable", "nothing")]


@functools.lru_cache(maxsize=None)
def _tf1():
    import tensorflow as tf

    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(GAN, "<tf1>", "exec"), namespace)
        namespace["gan_ops"](tf.ones([2, 3]), tf.ones([2, 4]))
        keys = {"trainable": tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES,
                "global": tf.compat.v1.GraphKeys.GLOBAL_VARIABLES}
        return {(kind, scope): [v.name for v in tf.compat.v1.get_collection(keys[kind], scope=scope)]
                for kind, scope in SELECTIONS}


@pytest.mark.parametrize("kind, scope", SELECTIONS)
def test_selection_equals_tf1_collections(kind, scope, tmp_path):
    import tensorflow as tf

    expected = _tf1()[(kind, scope)]
    result = migrate_native(GAN)
    module = load(result.code, tmp_path)
    generator = getattr(module, class_for(result, "generator"))()
    discriminator = getattr(module, class_for(result, "discriminator"))()
    fake = generator(tf.ones([2, 3]))
    discriminator(tf.ones([2, 4])), discriminator(fake)
    got = variables_under([generator, discriminator, discriminator], scope, trainable=kind == "trainable")
    assert sorted(v.name for v in got) == sorted(expected)
    assert len({id(v) for v in got}) == len(got)


# TF1 training code selects the variables it trains by scope; build records what it selected.
SELECTING = '''import tensorflow.compat.v1 as tf

SELECTED = {}


def generator(z):
    with tf.variable_scope("generator"):
        w0 = tf.get_variable("g_h0/w", [3, 5])
        b0 = tf.get_variable("g_h0/b", [5], initializer=tf.zeros_initializer())
        steps = tf.get_variable("steps", [], tf.int32, trainable=False,
                                initializer=tf.zeros_initializer())
        w1 = tf.get_variable("g_out/w", [5, 4])
        h = tf.nn.relu(tf.matmul(z, w0) + b0)
        return tf.matmul(h, w1) + tf.cast(steps, tf.float32)


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        w = tf.get_variable("w", [4, 1])
        b = tf.get_variable("b", [1])
        return tf.matmul(x, w) + b


def build(z, real):
    fake = generator(z)
    d_real = discriminator(real)
    d_fake = discriminator(fake, reuse=True)
    SELECTED["g"] = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
    SELECTED["d"] = tf.trainable_variables(scope="disc")
    SELECTED["g_all"] = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, "generator")
    SELECTED["every"] = tf.global_variables(scope=None)
    SELECTED["none"] = tf.trainable_variables("nothing")
    return d_real - d_fake
'''
Z = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
REAL = [[0.1, 0.2, -0.3, 0.4], [1.0, -2.0, 0.5, 0.0]]


def test_scope_selection_becomes_variables_under_in_tf1_order(tmp_path):
    """tf.get_collection(..., scope=) / tf.trainable_variables(scope) in native code are
    nn.variables_under(self, scope): TF1's lists, names and creation order."""
    import tensorflow as tf

    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(SELECTING, "<tf1>", "exec"), namespace)
        namespace["build"](tf.constant(Z), tf.constant(REAL))
        expected = {k: [v.name for v in vs] for k, vs in namespace["SELECTED"].items()}
    assert expected["g"] and expected["d"] and expected["none"] == []
    result = migrate_native(SELECTING)
    assert result.ok and not result.findings, result.findings
    native = result.code[:result.code.index("# build: public")]
    assert "get_collection" not in native and "trainable_variables(" not in native
    assert 'nn.variables_under(self, "generator", trainable=False)' in native
    module = load(result.code, tmp_path)
    model = getattr(module, class_for(result, "build"))()
    model(tf.constant(Z), tf.constant(REAL))
    got = {k: [v.name for v in vs] for k, vs in module.SELECTED.items()}
    assert got == expected
