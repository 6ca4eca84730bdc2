import tensorflow as tf


def counter():
    step = tf.Variable(0, name="step", trainable=False)
    legacy = tf.Variable(tf.zeros([2]), collections=[tf.GraphKeys.LOCAL_VARIABLES])
    assert isinstance(step, tf.Variable)
    return step, legacy, tf.get_variable("w", [])
# output
import tensorflow as tf
import unscope


def counter():
    step = tf.Variable(0, name="step", trainable=False)
    legacy = tf.compat.v1.Variable(tf.zeros([2]), collections=[unscope.GraphKeys.LOCAL_VARIABLES])
    assert isinstance(step, tf.Variable)
    return step, legacy, unscope.get_variable("w", [])
