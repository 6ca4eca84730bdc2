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
