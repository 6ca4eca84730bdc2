"""Layers shared by the models (TF1, 2018 style)."""
import tensorflow.compat.v1 as tf


def fc(x, units, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        w = tf.get_variable("weights", [x.get_shape()[-1], units])
        b = tf.get_variable("biases", [units])
        return tf.matmul(x, w) + b
