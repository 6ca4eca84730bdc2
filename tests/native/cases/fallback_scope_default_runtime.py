# warns: 4:1 def proj: compat: kept in TF1 form with build, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
# warns: 11:49 tf.variable_scope: compat: the scope-level regularizer reaches proj, which becomes a separate class, but is computed at run time; make it a module-level constant; build stays in TF1 form
import tensorflow.compat.v1 as tf


def proj(x):
    with tf.variable_scope("proj"):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x, scale):
    with tf.variable_scope("model", regularizer=lambda w: scale * tf.nn.l2_loss(w)):
        return proj(x)
