import tensorflow.compat.v1 as tf


class Generator(object):
    def __init__(self, out_dim, name="generator"):
        self.out_dim = out_dim
        self.name = name

    def __call__(self, z, reuse=False):
        with tf.variable_scope(self.name, reuse=reuse):
            w = tf.get_variable("w", [z.get_shape().as_list()[1], self.out_dim])
            return tf.nn.tanh(tf.matmul(z, w))

    @property
    def vars(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=self.name)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class GeneratorNet(nn.Module):
    def __init__(self, out_dim, name="generator"):
        super().__init__(name=name)
        self.out_dim = out_dim
        self.w = None

    def __call__(self, z):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [z.get_shape().as_list()[1], self.out_dim])
        w = self.w
        return tf.nn.tanh(tf.matmul(z, w))


class Generator(nn.Module):
    _net = None  # GeneratorNet, made on the first call

    def __init__(self, out_dim, name="generator"):
        super().__init__(name=name)
        self.out_dim = out_dim

    def __call__(self, z, reuse=False):
        if self._net is None:
            self._net = GeneratorNet(out_dim=self.out_dim, name=self.scope_name)
        return self._net(z)

    @property
    def vars(self):
        return nn.variables_under(self, self.scope_name)
