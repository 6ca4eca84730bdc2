import tensorflow.compat.v1 as tf


def model(x, reuse=None):
    with tf.variable_scope("model", reuse=reuse) as scope:  # the model
        w = tf.get_variable("w", [3, 4])
    return tf.matmul(x, w), scope.name
# output
import tensorflow as tf
import unscope


def model(x, reuse=None):
    with unscope.variable_scope("model", reuse=reuse) as scope:  # the model
        w = unscope.get_variable("w", [3, 4])
    return tf.matmul(x, w), scope.name
