import tensorflow as tf

slim = tf.contrib.slim


def f(x):
    return slim.conv2d(x, 8, [3, 3], scope="c")
# output
import tensorflow as tf
import unscope

slim = unscope.slim


def f(x):
    return slim.conv2d(x, 8, [3, 3], scope="c")
