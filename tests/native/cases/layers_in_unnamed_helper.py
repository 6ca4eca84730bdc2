# verify
import tensorflow.compat.v1 as tf


def mlp(x):
    h = tf.layers.dense(x, 4, activation=tf.nn.relu)
    return tf.layers.dense(h, 4)


def build(x):
    with tf.variable_scope("a"):
        y = mlp(x)
    with tf.variable_scope("b"):
        z = mlp(x)
    return y + z
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Mlp(nn.Module):
    def __init__(self, name):
        super().__init__(name=name)
        self.dense = nn.Dense(4, activation=tf.nn.relu, name=f"{name}/dense")
        self.dense_1 = nn.Dense(4, name=f"{name}/dense_1")

    def __call__(self, x):
        h = self.dense(x)
        return self.dense_1(h)


# mlp: public, kept as TF1 code for callers elsewhere; Mlp above is its native form
def mlp(x):
    h = tf.layers.dense(x, 4, activation=tf.nn.relu)
    return tf.layers.dense(h, 4)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = Mlp("a")
        self.mlp_2 = Mlp("b")

    def __call__(self, x):
        y = self.mlp(x)
        z = self.mlp_2(x)
        return y + z


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("a"):
        y = mlp(x)
    with tf.variable_scope("b"):
        z = mlp(x)
    return y + z
