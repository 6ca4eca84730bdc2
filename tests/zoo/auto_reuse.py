"""AUTO_REUSE inside a loop plus default_name scopes (TF1)."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.arange(8, dtype=np.float32).reshape(2, 4) / 8}


def shared_proj(x):
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [4, 4], initializer=tf.orthogonal_initializer())
        return tf.matmul(x, w)


def build(x):
    for _ in range(3):
        x = tf.nn.elu(shared_proj(x))
    for _ in range(2):
        with tf.variable_scope(None, default_name="bias"):
            x = x + tf.get_variable("b", [4], initializer=tf.constant_initializer(0.1))
    return x
