"""The loss of the transformer on a regression target (TF1, 2018 style)."""
import tensorflow.compat.v1 as tf

import transformer.layers
from transformer import model as net


def build_loss(x, targets):
    h = net.transformer(x, n_layer=2, n_head=2)
    y = transformer.layers.dense(h, 3, "head")
    return tf.reduce_mean(tf.square(y - targets))
