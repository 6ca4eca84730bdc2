# warns: 11:49 tf.variable_scope: compat: the scope-level regularizer reaches proj, which becomes a separate class, but is computed at run time; make it a module-level constant; build stays in TF1 form
import tensorflow.compat.v1 as tf


def proj(x):
    with tf.variable_scope("proj"):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x, scale):
    with tf.variable_scope("model", regularizer=lambda w: scale * tf.nn.l2_loss(w)):
        return proj(x)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Proj(nn.Module):
    def __init__(self, name="proj"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# proj: public, kept as TF1 code for callers elsewhere; Proj above is its native form
def proj(x):
    with tf.variable_scope("proj"):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x, scale):
    with tf.variable_scope("model", regularizer=lambda w: scale * tf.nn.l2_loss(w)):
        return proj(x)
