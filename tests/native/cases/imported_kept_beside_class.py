# flags: --imported block
import tensorflow.compat.v1 as tf


def _fc(x, units, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        return tf.matmul(x, w)


def block(x, scope="block"):
    """Two layers; train.py imports it."""
    with tf.variable_scope(scope):
        h = tf.nn.relu(_fc(x, 8, "fc1"))
        return _fc(h, 4, "fc2")


def head(x):
    with tf.variable_scope("head"):
        return _fc(x, 2, "out")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class _Fc(nn.Module):
    def __init__(self, units, scope):
        super().__init__(name=scope)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.get_shape()[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# _fc: called by the TF1 code of block, kept with it; _Fc above is its native form
def _fc(x, units, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        return tf.matmul(x, w)


class Block(nn.Module):
    """Two layers; train.py imports it."""

    def __init__(self, scope="block"):
        super().__init__(name=scope)
        self.fc1 = _Fc(8, f"{scope}/fc1")
        self.fc2 = _Fc(4, f"{scope}/fc2")

    def __call__(self, x):
        h = tf.nn.relu(self.fc1(x))
        return self.fc2(h)


# block: imported by other files, kept as TF1 code for them (their scopes name its variables); Block above is its native form
def block(x, scope="block"):
    """Two layers; train.py imports it."""
    with tf.variable_scope(scope):
        h = tf.nn.relu(_fc(x, 8, "fc1"))
        return _fc(h, 4, "fc2")


class Head(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.out = _Fc(2, f"{name}/out")

    def __call__(self, x):
        return self.out(x)


# head: public, kept as TF1 code for callers elsewhere; Head above is its native form
def head(x):
    with tf.variable_scope("head"):
        return _fc(x, 2, "out")
