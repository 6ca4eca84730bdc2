# verify
import tensorflow.compat.v1 as tf


def build(x):
    for i in range(3):
        x = tf.layers.dense(x, 4, activation=tf.tanh)
    return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = [nn.Dense(4, activation=tf.tanh, name=scope)
                      for scope in ("dense", "dense_1", "dense_2")]

    def __call__(self, x):
        for i in range(3):
            x = self.dense[i](x)
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    for i in range(3):
        x = tf.layers.dense(x, 4, activation=tf.tanh)
    return x
