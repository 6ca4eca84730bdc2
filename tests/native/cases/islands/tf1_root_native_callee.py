# warns: 12:28 tf.variable_scope: compat: scope or variable name computed at run time (name); pass a literal or a function argument to migrate natively; build stays in TF1 form
import tensorflow.compat.v1 as tf


def dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return tf.matmul(x, w)


def build(x):
    name = "d" + str(x.shape[-1])
    with tf.variable_scope(name):
        return dense(dense(x, "a"), "b")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Dense(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.w = nn.variable(f"{scope}/w", [4, 4])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# dense: public, kept as TF1 code for callers elsewhere; Dense above is its native form
def dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return tf.matmul(x, w)


def build(x):
    name = "d" + str(x.shape[-1])
    with tf.variable_scope(name):
        return dense(dense(x, "a"), "b")
