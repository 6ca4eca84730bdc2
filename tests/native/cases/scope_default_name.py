# verify
import tensorflow.compat.v1 as tf


def linear(x, units, scope=None):
    with tf.variable_scope(scope, default_name="linear"):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)


def build(x):
    h = linear(x, 4)
    h = linear(h, 4)
    return linear(h, 4, scope="out")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Linear(nn.Module):
    def __init__(self, units, scope="linear"):
        super().__init__(name=scope)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# linear: public, kept as TF1 code for callers elsewhere; Linear above is its native form
def linear(x, units, scope=None):
    with tf.variable_scope(scope, default_name="linear"):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = Linear(4)
        self.linear_1 = Linear(4, scope="linear_1")
        self.out = Linear(4, scope="out")

    def __call__(self, x):
        h = self.linear(x)
        h = self.linear_1(h)
        return self.out(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    h = linear(x, 4)
    h = linear(h, 4)
    return linear(h, 4, scope="out")
