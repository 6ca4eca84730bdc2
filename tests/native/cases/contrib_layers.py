import tensorflow.compat.v1 as tf
import tf_slim as slim


def build(x):
    with tf.variable_scope("head"):
        h = slim.fully_connected(x, 8, scope="fc1")
        h = tf.contrib.layers.layer_norm(h)
        return slim.fully_connected(h, 2, activation_fn=None, scope="logits")
# output
import tensorflow.compat.v1 as tf
import tf_slim as slim
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.fc1 = nn.FullyConnected(8, name=f"{name}/fc1")
        self.LayerNorm = nn.LayerNorm(name=f"{name}/LayerNorm")
        self.logits = nn.FullyConnected(2, activation_fn=None, name=f"{name}/logits")

    def __call__(self, x):
        h = self.fc1(x)
        h = self.LayerNorm(h)
        return self.logits(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("head"):
        h = slim.fully_connected(x, 8, scope="fc1")
        h = tf.contrib.layers.layer_norm(h)
        return slim.fully_connected(h, 2, activation_fn=None, scope="logits")
