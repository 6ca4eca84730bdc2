import tensorflow.compat.v1 as tf

from .layers import fc


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.nn.relu(fc(x, 8, "fc1"))
        return fc(h, 4, "fc2")


def siamese(a, b):
    left = tower(a)
    right = tower(b, reuse=True)
    return tf.reduce_sum(tf.square(left - right), axis=1)


def embed(x):
    with tf.variable_scope("embed"):
        w = tf.get_variable("w", [x.get_shape()[-1], 4])
        return tf.matmul(x, w)
