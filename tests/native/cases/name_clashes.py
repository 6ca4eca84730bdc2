import tensorflow.compat.v1 as tf
from tensorflow import nn


class Block:
    """An existing class with the name native mode would pick."""


def block(x):
    with tf.variable_scope("block"):
        return nn.relu(tf.layers.dense(x, 2))
# output
import tensorflow.compat.v1 as tf
from tensorflow import nn
from unscope import nn as unscope_nn


class Block:
    """An existing class with the name native mode would pick."""


class Block2(unscope_nn.Module):
    def __init__(self, name="block"):
        super().__init__(name=name)
        self.dense = unscope_nn.Dense(2, name=f"{name}/dense")

    def __call__(self, x):
        return nn.relu(self.dense(x))


# block: public, kept as TF1 code for callers elsewhere; Block2 above is its native form
def block(x):
    with tf.variable_scope("block"):
        return nn.relu(tf.layers.dense(x, 2))
