import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 4, kernel_regularizer=lambda w: 0.1 * tf.nn.l2_loss(w))
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    n_params = len(tf.trainable_variables())
    everything = tf.global_variables()
    return h, reg, n_params, everything
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.dense = nn.Dense(4, kernel_regularizer=lambda w: 0.1 * tf.nn.l2_loss(w),
                              name=f"{name}/dense")

    def __call__(self, x):
        h = self.dense(x)
        reg = tf.add_n(self.regularization_losses)
        n_params = len(nn.variables_under(self))
        everything = nn.variables_under(self, trainable=False)
        return h, reg, n_params, everything


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 4, kernel_regularizer=lambda w: 0.1 * tf.nn.l2_loss(w))
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    n_params = len(tf.trainable_variables())
    everything = tf.global_variables()
    return h, reg, n_params, everything
