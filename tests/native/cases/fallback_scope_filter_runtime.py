# warns: 12:14 tf.trainable_variables: compat: the scope filter is not a string literal; kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf


def generator(z, scope="generator"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [3, 4])
        return tf.matmul(z, w)


def build(z):
    out = generator(z)
    g_vars = tf.trainable_variables(scope=tf.get_variable_scope().name + "generator")
    return out, g_vars
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Generator(nn.Module):
    def __init__(self, scope="generator"):
        super().__init__(name=scope)
        self.w = nn.variable(f"{scope}/w", [3, 4])

    def __call__(self, z):
        w = self.w
        return tf.matmul(z, w)


# generator: public, kept as TF1 code for callers elsewhere; Generator above is its native form
def generator(z, scope="generator"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [3, 4])
        return tf.matmul(z, w)


def build(z):
    out = generator(z)
    g_vars = tf.trainable_variables(scope=tf.get_variable_scope().name + "generator")
    return out, g_vars
