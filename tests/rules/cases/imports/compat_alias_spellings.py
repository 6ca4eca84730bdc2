from tensorflow.compat import v1 as tf


def f(x):
    return tf.log(x) * tf.get_variable("w", [])
# output
import tensorflow as tf
import unscope


def f(x):
    return tf.math.log(x) * unscope.get_variable("w", [])
