# verify
import tensorflow.compat.v1 as tf


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.layers.dense(x, 6, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, 4, name="fc2")


def build(x):
    a = tower(x)
    b = tower(2.0 * x, reuse=True)
    return a - b
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Tower(nn.Module):
    def __init__(self, name="tower"):
        super().__init__(name=name)
        self.fc1 = nn.Dense(6, activation=tf.nn.relu, name=f"{name}/fc1")
        self.fc2 = nn.Dense(4, name=f"{name}/fc2")

    def __call__(self, x):
        h = self.fc1(x)
        return self.fc2(h)


# tower: public, kept as TF1 code for callers elsewhere; Tower above is its native form
def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.layers.dense(x, 6, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, 4, name="fc2")


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.tower = Tower()

    def __call__(self, x):
        a = self.tower(x)
        b = self.tower(2.0 * x)
        return a - b


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    a = tower(x)
    b = tower(2.0 * x, reuse=True)
    return a - b
