# warns: 9:14 tf.variable_scope: compat: TF1 variables made in GAN.discriminator: native mode rewrites module-level functions only; kept in TF1 form
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
