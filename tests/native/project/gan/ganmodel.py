"""A 2018-style GAN (DCGAN's model.py shape): batch norm objects built in __init__, a
discriminator called twice (reuse) whose layers' sizes depend on the constructor's y_dim
(``if not self.y_dim: ... else: ...``), a generator, and a sampler reusing the generator's
variables in inference mode."""
import tensorflow as tf

from ganops import *


class GAN(object):
    def __init__(self, hidden=5, out_dim=6, y_dim=None):
        self.hidden = hidden
        self.out_dim = out_dim
        self.y_dim = y_dim
        self.d_bn1 = batch_norm(name="d_bn1")
        self.g_bn0 = batch_norm(name="g_bn0")

    def discriminator(self, x, y=None, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            if not self.y_dim:
                h0 = lrelu(self.d_bn1(linear(x, self.hidden, "d_h0_lin")))
                h1 = linear(h0, 1, "d_h1_lin")
            else:   # conditioned on y: other sizes under the same names (DCGAN's y_dim)
                yb = tf.reshape(y, [-1, self.y_dim])
                h0 = lrelu(self.d_bn1(linear(cond_concat(x, yb), self.hidden + self.y_dim, "d_h0_lin")))
                h1 = linear(concat([h0, yb], 1), 1, "d_h1_lin")
            return tf.nn.sigmoid(h1), h1

    def generator(self, z):
        with tf.variable_scope("generator"):
            h0 = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0_lin")))
            return tf.nn.tanh(linear(h0, self.out_dim, "g_h1_lin"))

    def sampler(self, z):
        with tf.variable_scope("generator") as scope:
            scope.reuse_variables()
            h0 = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0_lin"), train=False))
            return tf.nn.tanh(linear(h0, self.out_dim, "g_h1_lin"))
