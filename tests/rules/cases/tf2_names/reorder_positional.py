import tensorflow as tf


def f(x, w):
    y = tf.transpose(tf.log(x), [1, 0], "t")
    z = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", True)
    return tf.shape(y, "shape"), z, tf.nn.conv2d(x, filter=w, strides=[1, 1, 1, 1], padding="SAME")
# output
import tensorflow as tf


def f(x, w):
    y = tf.transpose(tf.math.log(x), [1, 0], name="t")
    z = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME")
    return tf.shape(y, name="shape"), z, tf.nn.conv2d(x, filters=w, strides=[1, 1, 1, 1], padding="SAME")
