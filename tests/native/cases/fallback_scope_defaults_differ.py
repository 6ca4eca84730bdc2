# warns: 4:1 def proj: compat: proj is called under different scope-level initializers/regularizers/dtypes; kept in TF1 form; proj stays in TF1 form
# warns: 10:1 def build: compat: kept in TF1 form with proj, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
import tensorflow.compat.v1 as tf


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5)):
        x = proj(x, "p")
    return proj(x, "q")
