import tensorflow as tf


def f(x, name=None):
    with tf.name_scope("loss"):
        with tf.name_scope(name, "block", [x]) as scope:
            y = tf.get_variable("w", [])
    return x * y, scope
# output
import tensorflow as tf
import unscope


def f(x, name=None):
    with tf.name_scope("loss"):
        with tf.compat.v1.name_scope(name, "block", [x]) as scope:
            y = unscope.get_variable("w", [])
    return x * y, scope
