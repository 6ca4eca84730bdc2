# verify
import tensorflow.compat.v1 as tf


def build(x):
    h = tf.layers.dense(x, 4)
    h = tf.layers.dense(h, 4, reuse=tf.AUTO_REUSE)
    return tf.layers.dense(h, 4)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, name="dense")
        self.dense_1 = nn.Dense(4, name="dense_1")

    def __call__(self, x):
        h = self.dense(x)
        h = self.dense(h)
        return self.dense_1(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    h = tf.layers.dense(x, 4)
    h = tf.layers.dense(h, 4, reuse=tf.AUTO_REUSE)
    return tf.layers.dense(h, 4)
