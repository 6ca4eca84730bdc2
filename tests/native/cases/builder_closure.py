import tensorflow.compat.v1 as tf


def conv_net(filters=4, layers=2):
    """Returns a function building a small conv tower on its input."""
    def network_fn(images):
        h = images
        for i in range(layers):
            h = tf.layers.conv2d(h, filters, 3, padding="same", activation=tf.nn.relu,
                                 name="conv%d" % i)
        return tf.layers.flatten(h)
    return network_fn
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class ConvNet(nn.Module):
    """Returns a function building a small conv tower on its input."""

    def __init__(self, filters=4, layers=2):
        super().__init__()
        self.layers = layers
        self.conv = [nn.Conv2D(filters, 3, padding="same", activation=tf.nn.relu, name=f"conv{i}")
                     for i in range(layers)]
        self.flatten = nn.Flatten(name="flatten")

    def __call__(self, images):
        h = images
        for i in range(self.layers):
            h = self.conv[i](h)
        return self.flatten(h)


# conv_net: public, kept as TF1 code for callers elsewhere; ConvNet above is its native form
def conv_net(filters=4, layers=2):
    """Returns a function building a small conv tower on its input."""
    def network_fn(images):
        h = images
        for i in range(layers):
            h = tf.layers.conv2d(h, filters, 3, padding="same", activation=tf.nn.relu,
                                 name="conv%d" % i)
        return tf.layers.flatten(h)
    return network_fn
