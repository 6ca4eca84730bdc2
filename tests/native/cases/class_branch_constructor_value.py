import tensorflow.compat.v1 as tf


def linear(x, units, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        return tf.matmul(x, w)


def discriminator(x, y_dim=None):
    with tf.variable_scope("discriminator"):
        if not y_dim:
            h = linear(x, 4, "d_h0")
        else:
            h = linear(x * 2.0, 4 + y_dim, "d_h0")
        return linear(h, 1, "d_h1")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Linear(nn.Module):
    def __init__(self, units, name):
        super().__init__(name=name)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.get_shape()[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# linear: public, kept as TF1 code for callers elsewhere; Linear above is its native form
def linear(x, units, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        return tf.matmul(x, w)


class Discriminator(nn.Module):
    def __init__(self, y_dim=None, name="discriminator"):
        super().__init__(name=name)
        self.y_dim = y_dim
        self.d_h0 = None
        self.d_h1 = Linear(1, f"{name}/d_h1")

    def __call__(self, x):
        if not self.y_dim:
            if self.d_h0 is None:
                self.d_h0 = Linear(4, f"{self.scope_name}/d_h0")
            h = self.d_h0(x)
        else:
            if self.d_h0 is None:
                self.d_h0 = Linear(4 + self.y_dim, f"{self.scope_name}/d_h0")
            h = self.d_h0(x * 2.0)
        return self.d_h1(h)


# discriminator: public, kept as TF1 code for callers elsewhere; Discriminator above is its native form
def discriminator(x, y_dim=None):
    with tf.variable_scope("discriminator"):
        if not y_dim:
            h = linear(x, 4, "d_h0")
        else:
            h = linear(x * 2.0, 4 + y_dim, "d_h0")
        return linear(h, 1, "d_h1")
