# warns: 6:14 tf.variable_scope: compat: TF1 variables made in batch_norm.__init__: native mode rewrites module-level functions and model-class methods only; kept in TF1 form
# warns: 12:16 tf.contrib.layers.batch_norm: compat: TF1 variables made in batch_norm.__call__: native mode rewrites module-level functions and model-class methods only; kept in TF1 form
# warns: 31:14 tf.variable_scope: compat: TF1 variables made in GAN.discriminator: the class could not be rewritten around its methods' modules; kept in TF1 form
# warns: 34:39 linear: compat: linear is referenced outside the functions native mode rewrites (line 34); linear stays in TF1 form
# warns: 35:20 linear: compat: linear is referenced outside the functions native mode rewrites (line 35); linear stays in TF1 form
# warns: 38:14 tf.variable_scope: compat: TF1 variables made in GAN.generator: the class could not be rewritten around its methods' modules; kept in TF1 form
# warns: 39:39 linear: compat: linear is referenced outside the functions native mode rewrites (line 39); linear stays in TF1 form
# warns: 40:31 linear: compat: linear is referenced outside the functions native mode rewrites (line 40); linear stays in TF1 form
# warns: 43:14 tf.variable_scope: compat: TF1 variables made in GAN.sampler: the class could not be rewritten around its methods' modules; kept in TF1 form
# warns: 44:39 linear: compat: linear is referenced outside the functions native mode rewrites (line 44); linear stays in TF1 form
# warns: 45:31 linear: compat: linear is referenced outside the functions native mode rewrites (line 45); linear stays in TF1 form
import tensorflow.compat.v1 as tf


class batch_norm(object):
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.momentum = momentum
            self.name = name

    def __call__(self, x, train=True):
        return tf.contrib.layers.batch_norm(x, decay=self.momentum, updates_collections=None,
                                            epsilon=self.epsilon, scale=True,
                                            is_training=train, scope=self.name)


def linear(x, units, scope="linear"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class GAN(object):
    def __init__(self, hidden=5):
        self.hidden = hidden
        self.d_bn1 = batch_norm(name="d_bn1")
        self.g_bn0 = batch_norm(name="g_bn0")

    def discriminator(self, x, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h = tf.nn.relu(self.d_bn1(linear(x, self.hidden, "d_h0")))
            return linear(h, 1, "d_h1")

    def generator(self, z):
        with tf.variable_scope("generator"):
            h = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0")))
            return tf.nn.tanh(linear(h, 6, "g_h1"))

    def sampler(self, z):
        with tf.variable_scope("generator", reuse=True):
            h = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0"), train=False))
            return tf.nn.tanh(linear(h, 6, "g_h2"))
