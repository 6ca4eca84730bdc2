import tensorflow as tf


def f(x, args):
    a = tf.reduce_sum(*args)
    b = tf.reduce_mean(x, keep_dims=True, keepdims=True)
    fn = tf.reduce_max
    return a, b, fn(x)
# output
import tensorflow as tf


def f(x, args):
    a = tf.compat.v1.reduce_sum(*args)
    b = tf.compat.v1.reduce_mean(x, keep_dims=True, keepdims=True)
    fn = tf.compat.v1.reduce_max
    return a, b, fn(x)
