# warns: 11:21 tf.variable_scope: compat: scope or variable name computed at run time (name); pass a literal or a function argument to migrate natively; build stays in TF1 form
import tensorflow.compat.v1 as tf


def block(x, scope):
    with tf.variable_scope(scope):
        return tf.layers.dense(x, 4)


def build(x):
    name = "b" + str(x.shape[-1])
    return block(x, name)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Block(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.dense = nn.Dense(4, name=f"{scope}/dense")

    def __call__(self, x):
        return self.dense(x)


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, scope):
    with tf.variable_scope(scope):
        return tf.layers.dense(x, 4)


def build(x):
    name = "b" + str(x.shape[-1])
    return block(x, name)
