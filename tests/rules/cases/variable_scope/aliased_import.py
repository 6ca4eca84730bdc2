import tensorflow.compat.v1 as tf
from tensorflow.compat.v1 import variable_scope as vs, AUTO_REUSE


def f(x):
    with vs("f", reuse=AUTO_REUSE):
        return x * tf.get_variable("w", [])
# output
import tensorflow as tf
from unscope import variable_scope as vs, AUTO_REUSE
import unscope


def f(x):
    with vs("f", reuse=AUTO_REUSE):
        return x * unscope.get_variable("w", [])
