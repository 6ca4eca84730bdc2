# flags: --mode native
# warns: 6:32 tf.variable_scope: compat: scope name computed at run time (name.upper()); pass a literal or a function argument to migrate natively; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x, names):
    for name in names:
        with tf.variable_scope(name.upper()):
            w = tf.get_variable("w", [4, 4], initializer=tf.truncated_normal_initializer(stddev=0.1))
            x = tf.matmul(x, w)
    return x
# output
import tensorflow as tf
import unscope


def build(x, names):
    for name in names:
        with unscope.variable_scope(name.upper()):
            w = unscope.get_variable("w", [4, 4], initializer=tf.compat.v1.truncated_normal_initializer(stddev=0.1))
            x = tf.matmul(x, w)
    return x
