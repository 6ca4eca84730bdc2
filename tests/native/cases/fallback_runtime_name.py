# warns: 6:32 tf.variable_scope: compat: scope name computed at run time (name.upper()); pass a literal or a function argument to migrate natively; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x, names):
    for name in names:
        with tf.variable_scope(name.upper()):
            x = tf.layers.dense(x, 4)
    return x
