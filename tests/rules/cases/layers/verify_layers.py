# verify
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)}


def build(x):
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 3, activation=tf.nn.relu)
        h = tf.layers.dense(h, 3, name="second")
        return tf.layers.batch_normalization(h, training=False)
# output
import numpy as np
import tensorflow as tf
import unscope

INPUTS = {"x": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)}


def build(x):
    with unscope.variable_scope("net"):
        h = unscope.layers.dense(x, 3, activation=tf.nn.relu)
        h = unscope.layers.dense(h, 3, name="second")
        return unscope.layers.batch_normalization(h, training=False)
