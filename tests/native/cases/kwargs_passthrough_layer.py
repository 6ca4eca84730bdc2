import tensorflow.compat.v1 as tf


def conv(x, filters, name, kernel_size=3, **kwargs):
    """A 2018 layer helper: everything else goes to tf.layers.conv2d."""
    return tf.layers.conv2d(x, filters, kernel_size, name=name, **kwargs)


def tower(images):
    with tf.variable_scope("tower"):
        h = conv(images, 8, "c1", padding="same", activation=tf.nn.relu)
        return conv(h, 4, "c2", kernel_size=1, padding="valid", activation=None)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Conv(nn.Module):
    """A 2018 layer helper: everything else goes to tf.layers.conv2d."""

    def __init__(self, scope, filters, name, kernel_size=3, *, activation, padding):
        super().__init__(name=scope)
        self.conv2d = nn.Conv2D(filters, kernel_size, padding=padding, activation=activation,
                                name=f"{scope}/{name}")

    def __call__(self, x):
        return self.conv2d(x)


# conv: public, kept as TF1 code for callers elsewhere; Conv above is its native form
def conv(x, filters, name, kernel_size=3, **kwargs):
    """A 2018 layer helper: everything else goes to tf.layers.conv2d."""
    return tf.layers.conv2d(x, filters, kernel_size, name=name, **kwargs)


class Tower(nn.Module):
    def __init__(self, name="tower"):
        super().__init__(name=name)
        self.conv = Conv(name, 8, "c1", padding="same", activation=tf.nn.relu)
        self.conv_2 = Conv(name, 4, "c2", kernel_size=1, padding="valid", activation=None)

    def __call__(self, images):
        h = self.conv(images)
        return self.conv_2(h)


# tower: public, kept as TF1 code for callers elsewhere; Tower above is its native form
def tower(images):
    with tf.variable_scope("tower"):
        h = conv(images, 8, "c1", padding="same", activation=tf.nn.relu)
        return conv(h, 4, "c2", kernel_size=1, padding="valid", activation=None)
