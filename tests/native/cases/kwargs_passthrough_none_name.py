import tensorflow.compat.v1 as tf


def conv(x, filters, name=None, **kwargs):
    return tf.layers.conv2d(x, filters, 3, name=name, **kwargs)


def tower(images):
    with tf.variable_scope("tower"):
        return conv(images, 8, padding="same")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Conv(nn.Module):
    def __init__(self, scope, filters, *, padding):
        super().__init__(name=scope)
        self.conv2d = nn.Conv2D(filters, 3, padding=padding, name=f"{scope}/conv2d")

    def __call__(self, x):
        return self.conv2d(x)


# conv: public, kept as TF1 code for callers elsewhere; Conv above is its native form
def conv(x, filters, name=None, **kwargs):
    return tf.layers.conv2d(x, filters, 3, name=name, **kwargs)


class Tower(nn.Module):
    def __init__(self, name="tower"):
        super().__init__(name=name)
        self.conv = Conv(name, 8, padding="same")

    def __call__(self, images):
        return self.conv(images)


# tower: public, kept as TF1 code for callers elsewhere; Tower above is its native form
def tower(images):
    with tf.variable_scope("tower"):
        return conv(images, 8, padding="same")
