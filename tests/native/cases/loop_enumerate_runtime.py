# verify
import tensorflow.compat.v1 as tf


def block(x, scope, past=None):
    with tf.variable_scope(scope):
        h = tf.layers.dense(x, 4, name="fc")
        return h if past is None else h + past


def build(x):
    pasts = tf.unstack(tf.stack([x, 2.0 * x]))
    for layer, past in enumerate(pasts):
        x = block(x, "h%d" % layer, past=past)
    return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Block(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.fc = nn.Dense(4, name=f"{scope}/fc")

    def __call__(self, x, past=None):
        h = self.fc(x)
        return h if past is None else h + past


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, scope, past=None):
    with tf.variable_scope(scope):
        h = tf.layers.dense(x, 4, name="fc")
        return h if past is None else h + past


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.h = []

    def __call__(self, x):
        pasts = tf.unstack(tf.stack([x, 2.0 * x]))
        for layer, past in enumerate(pasts):
            if len(self.h) <= layer:
                self.h.append(Block(f"h{layer}"))
            x = self.h[layer](x, past=past)
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    pasts = tf.unstack(tf.stack([x, 2.0 * x]))
    for layer, past in enumerate(pasts):
        x = block(x, "h%d" % layer, past=past)
    return x
