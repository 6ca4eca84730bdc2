"""Siamese towers sharing weights through reuse=True, with tf.layers (TF1)."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"left": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4),
          "right": np.linspace(1, -2, 12, dtype=np.float32).reshape(3, 4)}


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.layers.dense(x, 6, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, 3, name="fc2")


def build(left, right):
    a = tower(left)
    b = tower(right, reuse=True)
    return tf.reduce_sum(tf.square(a - b), axis=1)
