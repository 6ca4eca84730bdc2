import tensorflow as tf
tf = tf.compat.v1


def f(x):
    return tf.log(x) * tf.get_variable("w", [])
# output
import tensorflow as tf
import unscope
tf = tf.compat.v1


def f(x):
    return tf.log(x) * unscope.get_variable("w", [])
