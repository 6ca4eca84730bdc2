# verify
import tensorflow.compat.v1 as tf


def extra(x):
    with tf.variable_scope("extra"):
        return x * tf.get_variable("w", [4])


def build(x, use_extra=False):
    if use_extra:
        x = extra(x)
    with tf.variable_scope("out") as vs:
        return tf.layers.dense(x, 2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Extra(nn.Module):
    def __init__(self, name="extra"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4])

    def __call__(self, x):
        return x * self.w


# extra: public, kept as TF1 code for callers elsewhere; Extra above is its native form
def extra(x):
    with tf.variable_scope("extra"):
        return x * tf.get_variable("w", [4])


class Build(nn.Module):
    def __init__(self, use_extra=False):
        super().__init__()
        self.use_extra = use_extra
        self.extra = None
        self.out_dense = nn.Dense(2, name="out/dense")

    def __call__(self, x):
        if self.use_extra:
            if self.extra is None:
                self.extra = Extra()
            x = self.extra(x)
        return self.out_dense(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x, use_extra=False):
    if use_extra:
        x = extra(x)
    with tf.variable_scope("out") as vs:
        return tf.layers.dense(x, 2)
