# warns: 9:10 tf.variable_scope: compat: custom_getter on a variable_scope: kept on the compat runtime, which applies it; build stays in TF1 form
import tensorflow.compat.v1 as tf


def fp16_getter(getter, *args, **kwargs):
    return getter(*args, **kwargs)


def build(x):
    with tf.variable_scope("m", custom_getter=fp16_getter):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)
