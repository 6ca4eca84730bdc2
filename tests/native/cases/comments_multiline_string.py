import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("m"):
        with tf.variable_scope("n"):
            note = """first line
  the second keeps its two spaces
"""
            w = tf.get_variable("w", [4, 4],
                                initializer=tf.zeros_initializer())  # continuation line
        return tf.matmul(x, w), note
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="m"):
        super().__init__(name=name)
        self.n_w = nn.variable(f"{name}/n/w", [4, 4], initializer=tf.zeros_initializer())

    def __call__(self, x):
        note = """first line
  the second keeps its two spaces
"""
        w = self.n_w  # continuation line
        return tf.matmul(x, w), note


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("m"):
        with tf.variable_scope("n"):
            note = """first line
  the second keeps its two spaces
"""
            w = tf.get_variable("w", [4, 4],
                                initializer=tf.zeros_initializer())  # continuation line
        return tf.matmul(x, w), note
