"""The loss of the transformer on a regression target (TF1, 2018 style)."""
import tensorflow as tf

import transformer.layers
from transformer import model as net
from unscope import nn


class BuildLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = net.Transformer(n_layer=2, n_head=2)
        self.head = transformer.layers.Dense("head")

    def __call__(self, x, targets):
        h = self.model(x)
        y = self.head(h, 3)
        return tf.reduce_mean(tf.square(y - targets))


# build_loss: public, kept as TF1 code for callers elsewhere; BuildLoss above is its native form
def build_loss(x, targets):
    h = net.transformer(x, n_layer=2, n_head=2)
    y = transformer.layers.dense(h, 3, "head")
    return tf.reduce_mean(tf.square(y - targets))
