# verify
import tensorflow.compat.v1 as tf


def affine(x, units, name="affine", **kwargs):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units], **kwargs)
        return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("model"):
        h = affine(x, 3, name="hidden", initializer=tf.constant_initializer(0.5))
        return affine(h, 2, name="logits", initializer=tf.zeros_initializer())
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Affine(nn.Module):
    def __init__(self, units, name="affine", *, initializer):
        super().__init__(name=name)
        self.units = units
        self.initializer = initializer
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units],
                                 initializer=self.initializer)
        w = self.w
        return tf.matmul(x, w)


# affine: public, kept as TF1 code for callers elsewhere; Affine above is its native form
def affine(x, units, name="affine", **kwargs):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units], **kwargs)
        return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.hidden = Affine(3, name=f"{name}/hidden", initializer=tf.constant_initializer(0.5))
        self.logits = Affine(2, name=f"{name}/logits", initializer=tf.zeros_initializer())

    def __call__(self, x):
        h = self.hidden(x)
        return self.logits(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        h = affine(x, 3, name="hidden", initializer=tf.constant_initializer(0.5))
        return affine(h, 2, name="logits", initializer=tf.zeros_initializer())
