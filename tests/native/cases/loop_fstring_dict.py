# verify
import tensorflow.compat.v1 as tf


def build(x):
    for name in ("a", "b"):
        with tf.variable_scope(f"{name}_proj"):
            x = tf.layers.dense(x, 4)
    return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj_dense = {name: nn.Dense(4, name=f"{name}_proj/dense") for name in ("a", "b")}

    def __call__(self, x):
        for name in ("a", "b"):
            x = self.proj_dense[name](x)
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    for name in ("a", "b"):
        with tf.variable_scope(f"{name}_proj"):
            x = tf.layers.dense(x, 4)
    return x
