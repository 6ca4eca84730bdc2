# verify
import tensorflow.compat.v1 as tf


def scaled_l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


def build(x):
    regularizer = scaled_l2(1e-4)
    with tf.variable_scope("head", regularizer=regularizer):
        w = tf.get_variable("w", [4, 4], initializer=tf.constant_initializer(0.1))
        return tf.layers.dense(tf.matmul(x, w), 2, name="logits")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


def scaled_l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


class Build(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4], initializer=tf.constant_initializer(0.1),
                             regularizer=scaled_l2(1e-4))
        self.logits = nn.Dense(2, kernel_regularizer=scaled_l2(1e-4),
                               bias_regularizer=scaled_l2(1e-4), name=f"{name}/logits")

    def __call__(self, x):
        w = self.w
        return self.logits(tf.matmul(x, w))


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    regularizer = scaled_l2(1e-4)
    with tf.variable_scope("head", regularizer=regularizer):
        w = tf.get_variable("w", [4, 4], initializer=tf.constant_initializer(0.1))
        return tf.layers.dense(tf.matmul(x, w), 2, name="logits")
