# verify
import tensorflow.compat.v1 as tf


def build(x):
    width = x.shape[-1] * 2
    h = tf.layers.dense(x, width, name="wide")
    return tf.layers.dense(h, 4, name="narrow")
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.wide = None
        self.narrow = nn.Dense(4, name="narrow")

    def __call__(self, x):
        width = x.shape[-1] * 2
        if self.wide is None:
            self.wide = nn.Dense(width, name="wide")
        h = self.wide(x)
        return self.narrow(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    width = x.shape[-1] * 2
    h = tf.layers.dense(x, width, name="wide")
    return tf.layers.dense(h, 4, name="narrow")
