"""DCGAN-style model class (TF1, 2018): __init__ makes batch_norm helper objects that the
generator and the (reused) discriminator call inside their scopes."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"z": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4),
          "real": np.sin(np.arange(18, dtype=np.float32)).reshape(3, 6)}


class batch_norm(object):
    def __init__(self, epsilon=1e-5, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.name = name

    def __call__(self, x):
        with tf.variable_scope(self.name):
            depth = x.get_shape().as_list()[-1]
            gamma = tf.get_variable("gamma", [depth], initializer=tf.random_normal_initializer(1.0, 0.02))
            beta = tf.get_variable("beta", [depth], initializer=tf.constant_initializer(0.0))
            mean, variance = tf.nn.moments(x, [0], keep_dims=True)
            return tf.nn.batch_normalization(x, mean, variance, beta, gamma, self.epsilon)


def linear(x, n_out, scope, stddev=0.02):
    with tf.variable_scope(scope):
        w = tf.get_variable("Matrix", [x.get_shape().as_list()[1], n_out],
                            initializer=tf.random_normal_initializer(stddev=stddev))
        b = tf.get_variable("bias", [n_out], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class DCGAN(object):
    def __init__(self, gf_dim=5, df_dim=4, out_dim=6):
        self.gf_dim = gf_dim
        self.df_dim = df_dim
        self.out_dim = out_dim
        self.g_bn0 = batch_norm(name="g_bn0")
        self.d_bn1 = batch_norm(name="d_bn1")

    def generator(self, z):
        with tf.variable_scope("generator"):
            h0 = tf.nn.relu(self.g_bn0(linear(z, self.gf_dim, "g_h0_lin")))
            return tf.nn.tanh(linear(h0, self.out_dim, "g_h1_lin"))

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h0 = tf.nn.leaky_relu(linear(image, self.df_dim, "d_h0_lin"))
            h1 = tf.nn.leaky_relu(self.d_bn1(linear(h0, self.df_dim, "d_h1_lin")))
            h2 = linear(h1, 1, "d_h2_lin")
            return tf.nn.sigmoid(h2), h2

    def build(self, z, real):
        fake = self.generator(z)
        d_real, d_real_logits = self.discriminator(real)
        d_fake, d_fake_logits = self.discriminator(fake, reuse=True)
        d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=d_real_logits, labels=tf.ones_like(d_real))) + \
            tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
                logits=d_fake_logits, labels=tf.zeros_like(d_fake)))
        g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=d_fake_logits, labels=tf.ones_like(d_fake)))
        return d_loss, g_loss, fake


def build(z, real):
    return DCGAN().build(z, real)
