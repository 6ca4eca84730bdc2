# verify
import tensorflow.compat.v1 as tf


def encoder(x, width):
    w = tf.get_variable("w", [x.shape[-1], width])
    scale = tf.get_variable("scale", [], initializer=tf.constant_initializer(0.5))
    return tf.nn.sigmoid(tf.matmul(x, w)) * scale


def build(x):
    enc = tf.make_template("encoder", encoder, width=4)
    return enc(x) - enc(2.0 * x)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Encoder(nn.Module):
    def __init__(self, name, width):
        super().__init__(name=name)
        self.width = width
        self.w = None
        self.scale = nn.variable(f"{name}/scale", [], initializer=tf.constant_initializer(0.5))

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.width])
        w = self.w
        scale = self.scale
        return tf.nn.sigmoid(tf.matmul(x, w)) * scale


# encoder: public, kept as TF1 code for callers elsewhere; Encoder above is its native form
def encoder(x, width):
    w = tf.get_variable("w", [x.shape[-1], width])
    scale = tf.get_variable("scale", [], initializer=tf.constant_initializer(0.5))
    return tf.nn.sigmoid(tf.matmul(x, w)) * scale


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder("encoder", width=4)

    def __call__(self, x):
        enc = self.encoder
        return enc(x) - enc(2.0 * x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    enc = tf.make_template("encoder", encoder, width=4)
    return enc(x) - enc(2.0 * x)
