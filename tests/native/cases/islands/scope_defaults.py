# warns: 6:1 def proj: compat: proj is called under different scope-level initializers/regularizers/dtypes; kept in TF1 form; proj stays in TF1 form, a compat island inside Build
# warns: 9:9 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; proj stays in TF1 form, a compat island inside Build
# verify
import tensorflow.compat.v1 as tf

REG = lambda w: 0.01 * tf.reduce_sum(tf.square(w))  # noqa: E731


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        tf.add_to_collection("projections", w)
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5), regularizer=REG):
        x = proj(x, "p")
    return proj(x, "q")
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn

REG = lambda w: 0.01 * tf.reduce_sum(tf.square(w))  # noqa: E731


def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        tf.add_to_collection("projections", w)
    return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.a_p = unscope.track(proj, scope="a", initializer=tf.constant_initializer(0.5),
                                 regularizer=REG)
        self.q = unscope.track(proj, scope="")

    def __call__(self, x):
        x = self.a_p(x, "p")
        return self.q(x, "q")


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5), regularizer=REG):
        x = proj(x, "p")
    return proj(x, "q")
