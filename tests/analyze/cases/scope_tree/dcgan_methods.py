# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [{discriminator/d_h3_lin|generator/g_h0_lin}, reuse: varies]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [{discriminator/d_h3_lin|generator/g_h0_lin}/Matrix, reuse: varies]
# warns: 15:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [generator, reuse: create]
# warns: 19:14 tf.variable_scope: compat: reuse= decided at run time; the compat runtime applies it as TF1 did - pass reuse=True or tf.AUTO_REUSE, or share by calling the same module, to migrate natively [discriminator, reuse: dynamic]
import tensorflow as tf

def linear(x, size, scope=None):
    with tf.variable_scope(scope or "Linear"):
        return tf.get_variable("Matrix", [3, size])

class GAN(object):
    def build(self, z, images):
        fake = self.generator(z)
        real_logits = self.discriminator(images)
        fake_logits = self.discriminator(fake, reuse=True)
        return real_logits, fake_logits

    def generator(self, z):
        with tf.variable_scope("generator"):
            return linear(z, 64, "g_h0_lin")

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator", reuse=reuse):
            return linear(image, 1, "d_h3_lin")
