import tensorflow as tf


def f(x):
    return tf.cast(x, tf.float32)
