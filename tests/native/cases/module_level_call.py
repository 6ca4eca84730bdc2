import tensorflow.compat.v1 as tf


def build(x, units=3):
    with tf.variable_scope("head"):
        return tf.layers.dense(x, units)


logits = build(tf.zeros([2, 5]), units=2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self, units=3, name="head"):
        super().__init__(name=name)
        self.dense = nn.Dense(units, name=f"{name}/dense")

    def __call__(self, x):
        return self.dense(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x, units=3):
    with tf.variable_scope("head"):
        return tf.layers.dense(x, units)


logits = Build(units=2)(tf.zeros([2, 5]))
