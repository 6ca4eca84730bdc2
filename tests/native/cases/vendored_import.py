# flags: --nn-import import unscope_nn as nn
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("m"):
        return tf.layers.dense(x, 2)
# output
import tensorflow.compat.v1 as tf
import unscope_nn as nn


class Build(nn.Module):
    def __init__(self, name="m"):
        super().__init__(name=name)
        self.dense = nn.Dense(2, name=f"{name}/dense")

    def __call__(self, x):
        return self.dense(x)
