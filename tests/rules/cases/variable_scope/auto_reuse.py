import tensorflow as tf


def tower(x):
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3, 3])
        return tf.matmul(x, w)
# output
import tensorflow as tf
import unscope


def tower(x):
    with unscope.variable_scope("tower", reuse=unscope.AUTO_REUSE):
        w = unscope.get_variable("w", [3, 3])
        return tf.matmul(x, w)
