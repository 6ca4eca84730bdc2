# warns: 12:16 affine: compat: call of affine with * or ** or unknown arguments; build stays in TF1 form
import tensorflow.compat.v1 as tf


def affine(x, units, name="affine", **unused):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("model"):
        return affine(x, 2, name="logits", dropout=0.5)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Affine(nn.Module):
    def __init__(self, units, name="affine"):
        super().__init__(name=name)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# affine: public, kept as TF1 code for callers elsewhere; Affine above is its native form
def affine(x, units, name="affine", **unused):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("model"):
        return affine(x, 2, name="logits", dropout=0.5)
