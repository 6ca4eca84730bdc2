import numpy as np, tensorflow.compat.v1 as tf


def f(x):
    return tf.get_variable("w", [], initializer=tf.constant_initializer(np.pi)) * x
# output
import numpy as np, tensorflow as tf
import unscope


def f(x):
    return unscope.get_variable("w", [], initializer=tf.compat.v1.constant_initializer(np.pi)) * x
