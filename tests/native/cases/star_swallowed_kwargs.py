# verify
import tensorflow.compat.v1 as tf


def affine(x, units, name="affine", *unused_args, **unused_kwargs):
    """A 2018 helper that accepts and ignores extra arguments (arg_scope style)."""
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


def build(x):
    with tf.variable_scope("model"):
        h = tf.nn.relu(affine(x, 3, "hidden"))
        return affine(h, 2, name="logits")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Affine(nn.Module):
    """A 2018 helper that accepts and ignores extra arguments (arg_scope style)."""

    def __init__(self, units, name="affine"):
        super().__init__(name=name)
        self.units = units
        self.w = None
        self.b = nn.variable(f"{name}/b", [units], initializer=tf.constant_initializer(0.1))

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        b = self.b
        return tf.matmul(x, w) + b


# affine: public, kept as TF1 code for callers elsewhere; Affine above is its native form
def affine(x, units, name="affine", *unused_args, **unused_kwargs):
    """A 2018 helper that accepts and ignores extra arguments (arg_scope style)."""
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.hidden = Affine(3, f"{name}/hidden")
        self.logits = Affine(2, name=f"{name}/logits")

    def __call__(self, x):
        h = tf.nn.relu(self.hidden(x))
        return self.logits(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        h = tf.nn.relu(affine(x, 3, "hidden"))
        return affine(h, 2, name="logits")
