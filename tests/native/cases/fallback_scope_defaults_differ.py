# warns: 4:1 def proj: compat: proj is called under different scope-level initializers/regularizers/dtypes; kept in TF1 form; proj stays in TF1 form, a compat island inside Build
import tensorflow.compat.v1 as tf


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5)):
        x = proj(x, "p")
    return proj(x, "q")
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.a_p = unscope.track(proj, scope="a", initializer=tf.constant_initializer(0.5))
        self.q = unscope.track(proj, scope="")

    def __call__(self, x):
        x = self.a_p(x, "p")
        return self.q(x, "q")


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5)):
        x = proj(x, "p")
    return proj(x, "q")
