# warns: 6:16 tf.Variable: compat: tf.Variable inside scope code is made on every call in TF2; kept in TF1 form - use tf.get_variable, or own it in a tf.Module by hand; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("m"):
        step = tf.Variable(0, name="step", trainable=False)
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w), step
