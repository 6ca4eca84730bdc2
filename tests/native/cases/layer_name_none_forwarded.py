# verify
import tensorflow.compat.v1 as tf


def projection(x, units, name=None):
    """TF1 names the layer 'dense' in the caller's scope: no caller gives a name."""
    return tf.layers.dense(x, units, name=name)


def projection_and_dropout(x, units, rate, name=None):
    return tf.nn.dropout(projection(x, units, name), rate=rate)


def build(x):
    with tf.variable_scope("embeddings"):
        h = projection_and_dropout(x, 4, 0.0)
    with tf.variable_scope("output"):
        return projection(h, 2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Projection(nn.Module):
    """TF1 names the layer 'dense' in the caller's scope: no caller gives a name."""

    def __init__(self, scope, units):
        super().__init__(name=scope)
        self.dense = nn.Dense(units, name=f"{scope}/dense")

    def __call__(self, x):
        return self.dense(x)


# projection: public, kept as TF1 code for callers elsewhere; Projection above is its native form
def projection(x, units, name=None):
    """TF1 names the layer 'dense' in the caller's scope: no caller gives a name."""
    return tf.layers.dense(x, units, name=name)


class ProjectionAndDropout(nn.Module):
    def __init__(self, scope, units, rate):
        super().__init__(name=scope)
        self.rate = rate
        self.projection = Projection(scope, units)

    def __call__(self, x):
        return tf.nn.dropout(self.projection(x), rate=self.rate)


# projection_and_dropout: public, kept as TF1 code for callers elsewhere; ProjectionAndDropout above is its native form
def projection_and_dropout(x, units, rate, name=None):
    return tf.nn.dropout(projection(x, units, name), rate=rate)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.projection_and_dropout = ProjectionAndDropout("embeddings", 4, 0.0)
        self.projection = Projection("output", 2)

    def __call__(self, x):
        h = self.projection_and_dropout(x)
        return self.projection(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("embeddings"):
        h = projection_and_dropout(x, 4, 0.0)
    with tf.variable_scope("output"):
        return projection(h, 2)
