# verify
import tensorflow.compat.v1 as tf


def discriminator(x, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    with tf.variable_scope("d"):
        return tf.layers.dense(x, 1, name="out")


def build(x):
    real = discriminator(x)
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        fake = discriminator(-x, reuse=True)
    return real - fake
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Discriminator(nn.Module):
    def __init__(self, name="d"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


# discriminator: public, kept as TF1 code for callers elsewhere; Discriminator above is its native form
def discriminator(x, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    with tf.variable_scope("d"):
        return tf.layers.dense(x, 1, name="out")


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.d = Discriminator()

    def __call__(self, x):
        real = self.d(x)
        fake = self.d(-x)
        return real - fake


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    real = discriminator(x)
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        fake = discriminator(-x, reuse=True)
    return real - fake
