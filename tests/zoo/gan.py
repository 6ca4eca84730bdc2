"""GAN generator/discriminator pair; variables selected by name, as TF1 code did."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"z": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4),
          "real": np.linspace(0, 1, 12, dtype=np.float32).reshape(2, 6)}


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 8, activation=tf.nn.leaky_relu, name="g_h0")
        return tf.layers.dense(h, 6, activation=tf.tanh, name="g_out")


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator") as scope:
        if reuse:
            scope.reuse_variables()
        h = tf.layers.dense(x, 8, activation=tf.nn.leaky_relu, name="d_h0")
        return tf.layers.dense(h, 1, name="d_out")


def build(z, real):
    fake = generator(z)
    d_real = discriminator(real)
    d_fake = discriminator(fake, reuse=True)
    t_vars = tf.trainable_variables()
    d_vars = [v for v in t_vars if "d_" in v.name]
    g_vars = [v for v in t_vars if "g_" in v.name]
    assert len(d_vars) == 4 and len(g_vars) == 4, (d_vars, g_vars)
    d_loss = tf.reduce_mean(tf.nn.softplus(-d_real)) + tf.reduce_mean(tf.nn.softplus(d_fake))
    g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
    return d_loss, g_loss
