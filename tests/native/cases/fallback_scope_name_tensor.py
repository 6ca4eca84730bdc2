# warns: 4:1 def block: compat: kept in TF1 form with build, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
# warns: 11:21 tf.variable_scope: compat: scope or variable name computed at run time (name); pass a literal or a function argument to migrate natively; build stays in TF1 form
import tensorflow.compat.v1 as tf


def block(x, scope):
    with tf.variable_scope(scope):
        return tf.layers.dense(x, 4)


def build(x):
    name = "b" + str(x.shape[-1])
    return block(x, name)
