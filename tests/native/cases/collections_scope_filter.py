import tensorflow.compat.v1 as tf


def generator(z):
    with tf.variable_scope("generator"):
        w = tf.get_variable("w", [3, 4])
        return tf.nn.tanh(tf.matmul(z, w))


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        w = tf.get_variable("w", [4, 1])
        return tf.matmul(x, w)


def build(z, real):
    fake = generator(z)
    d_real = discriminator(real)
    d_fake = discriminator(fake, reuse=True)
    g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
    d_vars = tf.trainable_variables("discriminator")
    saved = tf.global_variables()
    g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
    return g_loss, d_real, len(g_vars) + len(d_vars) + len(saved)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Generator(nn.Module):
    def __init__(self, name="generator"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [3, 4])

    def __call__(self, z):
        w = self.w
        return tf.nn.tanh(tf.matmul(z, w))


# generator: public, kept as TF1 code for callers elsewhere; Generator above is its native form
def generator(z):
    with tf.variable_scope("generator"):
        w = tf.get_variable("w", [3, 4])
        return tf.nn.tanh(tf.matmul(z, w))


class Discriminator(nn.Module):
    def __init__(self, name="discriminator"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 1])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# discriminator: public, kept as TF1 code for callers elsewhere; Discriminator above is its native form
def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        w = tf.get_variable("w", [4, 1])
        return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.generator = Generator()
        self.discriminator = Discriminator()

    def __call__(self, z, real):
        fake = self.generator(z)
        d_real = self.discriminator(real)
        d_fake = self.discriminator(fake)
        g_vars = nn.variables_under(self, "generator")
        d_vars = nn.variables_under(self, "discriminator")
        saved = nn.variables_under(self, trainable=False)
        g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
        return g_loss, d_real, len(g_vars) + len(d_vars) + len(saved)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(z, real):
    fake = generator(z)
    d_real = discriminator(real)
    d_fake = discriminator(fake, reuse=True)
    g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
    d_vars = tf.trainable_variables("discriminator")
    saved = tf.global_variables()
    g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
    return g_loss, d_real, len(g_vars) + len(d_vars) + len(saved)
