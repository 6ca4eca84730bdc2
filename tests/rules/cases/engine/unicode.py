import tensorflow.compat.v1 as tf


def f(x):
    label = "größe"; w = tf.get_variable("w", [])  # ü
    return tf.log(x) * w, label
# output
import tensorflow as tf
import unscope


def f(x):
    label = "größe"; w = unscope.get_variable("w", [])  # ü
    return tf.math.log(x) * w, label
