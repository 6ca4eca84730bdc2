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
        with tf.variable_scope("generator") as scope:
            scope.reuse_variables()
            h = tf.nn.relu(self.g_bn0(linear(z, self.hidden, "g_h0"), train=False))
            return tf.nn.tanh(linear(h, 6, "g_h1"))
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Linear(nn.Module):
    def __init__(self, units, scope="linear"):
        super().__init__(name=scope)
        self.units = units
        self.w = None
        self.b = nn.variable(f"{scope}/b", [units], initializer=tf.constant_initializer(0.0))

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.get_shape()[-1], self.units])
        w = self.w
        b = self.b
        return tf.matmul(x, w) + b


# linear: public, kept as TF1 code for callers elsewhere; Linear above is its native form
def linear(x, units, scope="linear"):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class BatchNorm(nn.Module):
    def __init__(self, scope, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        super().__init__(name=scope)
        self.BatchNorm = nn.ContribBatchNorm(decay=momentum, scale=True, epsilon=epsilon,
                                             updates_collections=None, name=f"{scope}/{name}")

    def __call__(self, x, train=True):
        return self.BatchNorm(x, is_training=train)


class Discriminator(nn.Module):
    def __init__(self, hidden, name="discriminator"):
        super().__init__(name=name)
        self.d_h0 = Linear(hidden, f"{name}/d_h0")
        self.batch_norm_ = BatchNorm(name, name="d_bn1")
        self.d_h1 = Linear(1, f"{name}/d_h1")

    def __call__(self, x):
        h = tf.nn.relu(self.batch_norm_(self.d_h0(x)))
        return self.d_h1(h)


class Generator(nn.Module):
    def __init__(self, hidden, name="generator"):
        super().__init__(name=name)
        self.g_h0 = Linear(hidden, f"{name}/g_h0")
        self.batch_norm_ = BatchNorm(name, name="g_bn0")
        self.g_h1 = Linear(6, f"{name}/g_h1")

    def __call__(self, z):
        h = tf.nn.relu(self.batch_norm_(self.g_h0(z)))
        return tf.nn.tanh(self.g_h1(h))


class Sampler(nn.Module):
    def __init__(self, generator):
        super().__init__(name=generator.scope_name)
        self.g_h0 = generator.g_h0
        self.batch_norm_ = generator.batch_norm_
        self.g_h1 = generator.g_h1

    def __call__(self, z):
        h = tf.nn.relu(self.batch_norm_(self.g_h0(z), train=False))
        return tf.nn.tanh(self.g_h1(h))


# batch_norm: public, kept as TF1 code for callers elsewhere; BatchNorm above is its native form
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


class GAN(nn.Module):
    _discriminator = None  # Discriminator, made on the first call
    _generator = None  # Generator, made on the first call
    _sampler = None  # Sampler, made on the first call

    def __init__(self, hidden=5):
        super().__init__()
        self.hidden = hidden

    def discriminator(self, x, reuse=False):
        if self._discriminator is None:
            self._discriminator = Discriminator(hidden=self.hidden)
        return self._discriminator(x)

    def generator(self, z):
        if self._generator is None:
            self._generator = Generator(hidden=self.hidden)
        return self._generator(z)

    def sampler(self, z):
        if self._sampler is None:
            if self._generator is None:   # TF1: its variables did not exist yet
                raise ValueError("sampler reuses the variables of generator: call generator first")
            self._sampler = Sampler(self._generator)
        return self._sampler(z)
