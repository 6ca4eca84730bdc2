"""The transformer: blocks of attention and a feed-forward net (TF1, 2018 style)."""
import tensorflow.compat.v1 as tf

from transformer import layers
from transformer.layers import layer_norm
from .util import gelu, width


def block(x, n_head, scope):
    with tf.variable_scope(scope):
        d = width(x)
        x = x + layers.attention(layer_norm(x, "ln_1"), n_head)
        h = gelu(layers.dense(layer_norm(x, "ln_2"), 4 * d, "fc"))
        return x + layers.dense(h, d, "mlp_proj")


def transformer(x, n_layer=2, n_head=2, scope="model"):
    with tf.variable_scope(scope):
        for i in range(n_layer):
            x = block(x, n_head, "h%d" % i)
        return layer_norm(x, "ln_f")
