# warns: 4:1 def generator: compat: kept in TF1 form with build, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
# warns: 12:14 tf.trainable_variables: compat: the scope filter is not a string literal; kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf


def generator(z, scope="generator"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [3, 4])
        return tf.matmul(z, w)


def build(z):
    out = generator(z)
    g_vars = tf.trainable_variables(scope=tf.get_variable_scope().name + "generator")
    return out, g_vars
