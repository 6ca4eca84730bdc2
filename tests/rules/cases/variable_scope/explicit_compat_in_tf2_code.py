import tensorflow as tf


def f(x):
    with tf.compat.v1.variable_scope("f"):
        w = tf.compat.v1.get_variable("w", [2])
    return tf.nn.relu(x * w)
# output
import tensorflow as tf
import unscope


def f(x):
    with unscope.variable_scope("f"):
        w = unscope.get_variable("w", [2])
    return tf.nn.relu(x * w)
