try:
    import tensorflow.compat.v1 as tf
except ImportError:
    import tensorflow as tf


def f(x):
    return tf.get_variable("w", []) * x
# output
try:
    import tensorflow as tf
except ImportError:
    import tensorflow as tf
import unscope


def f(x):
    return unscope.get_variable("w", []) * x
