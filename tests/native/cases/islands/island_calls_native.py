# warns: 13:9 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; _gated stays in TF1 form, a compat island inside Build
# verify
import tensorflow.compat.v1 as tf


def _dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return tf.matmul(x, w)


def _gated(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [4])
        tf.add_to_collection("gates", g)
        return _dense(x, "inner") * tf.sigmoid(g)


def build(x):
    with tf.variable_scope("net"):
        return _gated(_dense(x, "pre"), "gate") + _dense(x, "skip")
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


class _Dense(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.w = nn.variable(f"{scope}/w", [4, 4])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# _dense: called by the TF1 code of _gated, kept with it; _Dense above is its native form
def _dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return tf.matmul(x, w)


def _gated(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [4])
        tf.add_to_collection("gates", g)
        return _dense(x, "inner") * tf.sigmoid(g)


class Build(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.pre = _Dense(f"{name}/pre")
        self.gate = unscope.track(_gated, scope=name)
        self.skip = _Dense(f"{name}/skip")

    def __call__(self, x):
        return self.gate(self.pre(x), "gate") + self.skip(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("net"):
        return _gated(_dense(x, "pre"), "gate") + _dense(x, "skip")
