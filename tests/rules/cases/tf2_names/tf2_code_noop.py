import tensorflow as tf


def f(x):
    y = tf.where(x > 0, x, tf.zeros_like(x))
    init = tf.zeros_initializer()
    return tf.math.log(tf.reduce_sum(y, axis=1, keepdims=True)), init
