# verify
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)}


def layer(x, reuse=None):
    with tf.variable_scope("layer", reuse=reuse):
        w = tf.get_variable("w", [4, 4], initializer=tf.random_normal_initializer(stddev=0.1))
        return tf.nn.relu(tf.matmul(x, w))


def build(x):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        a = layer(x)
        b = layer(a, reuse=True)
    with tf.variable_scope("model", reuse=True):
        c = layer(b)
    return a, b, c
# output
import numpy as np
import tensorflow as tf
import unscope

INPUTS = {"x": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)}


def layer(x, reuse=None):
    with unscope.variable_scope("layer", reuse=reuse):
        w = unscope.get_variable("w", [4, 4], initializer=tf.compat.v1.random_normal_initializer(stddev=0.1))
        return tf.nn.relu(tf.matmul(x, w))


def build(x):
    with unscope.variable_scope("model", reuse=unscope.AUTO_REUSE):
        a = layer(x)
        b = layer(a, reuse=True)
    with unscope.variable_scope("model", reuse=True):
        c = layer(b)
    return a, b, c
