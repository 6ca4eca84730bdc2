# verify
import tensorflow.compat.v1 as tf


def masked(x, units, mask=None):
    """An optional input made when not given (BERT's input_mask): a tensor, so a call argument."""
    if mask is None:
        mask = tf.ones_like(x)
    with tf.variable_scope("masked"):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x * mask, w)


def build(x):
    with tf.variable_scope("model"):
        return masked(x, 3)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Masked(nn.Module):
    """An optional input made when not given (BERT's input_mask): a tensor, so a call argument."""

    def __init__(self, units, name="masked"):
        super().__init__(name=name)
        self.units = units
        self.w = None

    def __call__(self, x, mask=None):
        if mask is None:
            mask = tf.ones_like(x)
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        return tf.matmul(x * mask, w)


# masked: public, kept as TF1 code for callers elsewhere; Masked above is its native form
def masked(x, units, mask=None):
    """An optional input made when not given (BERT's input_mask): a tensor, so a call argument."""
    if mask is None:
        mask = tf.ones_like(x)
    with tf.variable_scope("masked"):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x * mask, w)


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.masked = Masked(3, name=f"{name}/masked")

    def __call__(self, x):
        return self.masked(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        return masked(x, 3)
