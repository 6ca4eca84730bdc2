import tensorflow.compat.v1 as tf


def dense(x, n, scope="dense"):
    with tf.variable_scope(scope, initializer=tf.truncated_normal_initializer(stddev=0.02)):
        w = tf.get_variable("w", [x.shape[-1], n], regularizer=tf.nn.l2_loss,
                            trainable=True, dtype=tf.float32)
        b = tf.get_variable("b", [n], initializer=tf.zeros_initializer())
        step = tf.get_local_variable("step", [], dtype=tf.int32)
    return tf.nn.xw_plus_b(x, w, b)
# output
import tensorflow as tf
import unscope


def dense(x, n, scope="dense"):
    with unscope.variable_scope(scope, initializer=tf.compat.v1.truncated_normal_initializer(stddev=0.02)):
        w = unscope.get_variable("w", [x.shape[-1], n], regularizer=tf.nn.l2_loss,
                            trainable=True, dtype=tf.float32)
        b = unscope.get_variable("b", [n], initializer=tf.compat.v1.zeros_initializer())
        step = unscope.get_local_variable("step", [], dtype=tf.int32)
    return tf.compat.v1.nn.xw_plus_b(x, w, b)
