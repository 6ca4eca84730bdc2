"""DCGAN-style model class (TF1, 2018): methods open scopes, the discriminator is reused."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"z": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4),
          "real": np.cos(np.arange(18, dtype=np.float32)).reshape(3, 6)}


class GAN(object):
    def __init__(self, batch_size=3, gf_dim=5, df_dim=4, out_dim=6):
        self.batch_size = batch_size
        self.gf_dim = gf_dim
        self.df_dim = df_dim
        self.out_dim = out_dim

    def generator(self, z):
        with tf.variable_scope("generator"):
            h0 = tf.nn.relu(tf.layers.dense(z, self.gf_dim, name="g_h0_lin"))
            w = tf.get_variable("g_out_w", [self.gf_dim, self.out_dim],
                                initializer=tf.random_normal_initializer(stddev=0.02))
            return tf.nn.tanh(tf.matmul(h0, w))

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h0 = tf.nn.leaky_relu(tf.layers.dense(image, self.df_dim, name="d_h0_lin"))
            h1 = tf.layers.dense(h0, 1, name="d_h1_lin")
            return tf.nn.sigmoid(h1), h1

    def build(self, z, real):
        self.G = self.generator(z)
        self.D, self.D_logits = self.discriminator(real)
        self.D_, self.D_logits_ = self.discriminator(self.G, reuse=True)
        self.d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=self.D_logits, labels=tf.ones_like(self.D))) + \
            tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
                logits=self.D_logits_, labels=tf.zeros_like(self.D_)))
        self.g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=self.D_logits_, labels=tf.ones_like(self.D_)))
        t_vars = tf.trainable_variables()
        self.d_vars = [var for var in t_vars if "d_" in var.name]
        self.g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
        assert len(self.d_vars) == 4 and len(self.g_vars) == 3, (self.d_vars, self.g_vars)
        return self.d_loss, self.g_loss, self.G


def build(z, real):
    return GAN().build(z, real)
