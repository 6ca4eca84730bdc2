# flags: --mode native
import tensorflow as tf
import tensorflow.contrib.slim as slim


def head(x):
    with tf.variable_scope("head"):
        w = tf.get_variable("w", [4, 2], initializer=tf.contrib.layers.xavier_initializer(uniform=False))
        v = tf.get_variable("v", [2, 2], initializer=slim.variance_scaling_initializer(factor=1.0))
        return tf.matmul(tf.matmul(x, w), v)
# output
import tensorflow as tf
from unscope import nn
import unscope


class Head(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 2],
                             initializer=nn.initializers.xavier(uniform=False))
        self.v = nn.variable(f"{name}/v", [2, 2],
                             initializer=nn.initializers.contrib_variance_scaling(factor=1.0))

    def __call__(self, x):
        w = self.w
        v = self.v
        return tf.matmul(tf.matmul(x, w), v)


# head: public, kept as TF1 code for callers elsewhere; Head above is its native form
def head(x):
    with unscope.variable_scope("head"):
        w = unscope.get_variable("w", [4, 2], initializer=nn.initializers.xavier(uniform=False))
        v = unscope.get_variable("v", [2, 2], initializer=nn.initializers.contrib_variance_scaling(factor=1.0))
        return tf.matmul(tf.matmul(x, w), v)
