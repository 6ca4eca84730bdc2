import tensorflow.compat.v1 as tf


class GAN(object):
    def __init__(self, df_dim=4):
        self.df_dim = df_dim

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h0 = tf.nn.leaky_relu(tf.layers.dense(image, self.df_dim, name="d_h0_lin"))
            return tf.layers.dense(h0, 1, name="d_h1_lin")

    def build(self, real, fake):
        self.D_logits = self.discriminator(real)
        self.D_logits_ = self.discriminator(fake, reuse=True)
        self.d_vars = tf.trainable_variables()
        return self.D_logits - self.D_logits_
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Discriminator(nn.Module):
    def __init__(self, df_dim, name="discriminator"):
        super().__init__(name=name)
        self.d_h0_lin = nn.Dense(df_dim, name=f"{name}/d_h0_lin")
        self.d_h1_lin = nn.Dense(1, name=f"{name}/d_h1_lin")

    def __call__(self, image):
        h0 = tf.nn.leaky_relu(self.d_h0_lin(image))
        return self.d_h1_lin(h0)


class GAN(nn.Module):
    _discriminator = None  # Discriminator, made on the first call

    def __init__(self, df_dim=4):
        super().__init__()
        self.df_dim = df_dim

    def discriminator(self, image, reuse=False):
        if self._discriminator is None:
            self._discriminator = Discriminator(df_dim=self.df_dim)
        return self._discriminator(image)

    def build(self, real, fake):
        self.D_logits = self.discriminator(real)
        self.D_logits_ = self.discriminator(fake, reuse=True)
        self.d_vars = nn.variables_under(self)
        return self.D_logits - self.D_logits_
