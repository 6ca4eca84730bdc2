# verify
import tensorflow.compat.v1 as tf

LAYERS = 2


def block(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return x + tf.tanh(tf.matmul(x, w))


def build(x):
    with tf.variable_scope("model"):
        for layer in range(LAYERS):
            x = block(x, "h%d" % layer)
        return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn

LAYERS = 2


class Block(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.w = nn.variable(f"{scope}/w", [4, 4])

    def __call__(self, x):
        w = self.w
        return x + tf.tanh(tf.matmul(x, w))


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        return x + tf.tanh(tf.matmul(x, w))


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.h = [Block(f"{name}/h{layer}") for layer in range(LAYERS)]

    def __call__(self, x):
        for layer in range(LAYERS):
            x = self.h[layer](x)
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        for layer in range(LAYERS):
            x = block(x, "h%d" % layer)
        return x
