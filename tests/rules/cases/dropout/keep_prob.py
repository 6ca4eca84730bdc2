import tensorflow as tf


def f(x, keep_prob, training):
    h = tf.nn.dropout(x, keep_prob=0.9)
    h = tf.nn.dropout(h, keep_prob)
    h = tf.nn.dropout(h, keep_prob if training else 1.0, noise_shape=[1, 4])
    return tf.nn.dropout(h, rate=0.1)
# output
import tensorflow as tf


def f(x, keep_prob, training):
    h = tf.nn.dropout(x, rate=1 - 0.9)
    h = tf.nn.dropout(h, 1 - keep_prob)
    h = tf.nn.dropout(h, 1 - (keep_prob if training else 1.0), noise_shape=[1, 4])
    return tf.nn.dropout(h, rate=0.1)
