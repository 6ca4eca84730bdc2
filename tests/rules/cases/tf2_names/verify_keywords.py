# verify
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)}


def build(x):
    p = tf.nn.softmax(x, dim=1)
    s = tf.reduce_sum(tf.log(p), reduction_indices=1, keep_dims=True)
    e = tf.expand_dims(tf.argmax(p, 1), dim=1)
    return s, tf.to_float(e), tf.reduce_max(tf.square(x), 0), tf.nn.l2_normalize(x, dim=1)
# output
import numpy as np
import tensorflow as tf

INPUTS = {"x": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)}


def build(x):
    p = tf.nn.softmax(x, axis=1)
    s = tf.reduce_sum(tf.math.log(p), axis=1, keepdims=True)
    e = tf.expand_dims(tf.argmax(p, 1), axis=1)
    return s, tf.cast(e, tf.float32), tf.reduce_max(tf.square(x), 0), tf.nn.l2_normalize(x, dim=1)
