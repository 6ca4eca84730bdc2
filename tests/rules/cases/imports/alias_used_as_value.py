import tensorflow.compat.v1 as tf

API = tf


def f(x):
    return API.log(x) * tf.get_variable("w", [])
# output
import tensorflow.compat.v1 as tf
import unscope

API = tf


def f(x):
    return API.log(x) * unscope.get_variable("w", [])
