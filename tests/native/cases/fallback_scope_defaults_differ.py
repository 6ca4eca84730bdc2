# warns: 4:1 def proj: compat: proj is called under different scope-level initializers/regularizers/dtypes; kept in TF1 form; proj stays in TF1 form
# warns: 12:13 proj: compat: proj stays in TF1 form and cannot be a compat island inside build here: a scope-level initializer is in force around the call at 'a', which the island would not see; set it on the variables instead; build stays in TF1 form
import tensorflow.compat.v1 as tf


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5)):
        x = proj(x, "p")
    return proj(x, "q")
