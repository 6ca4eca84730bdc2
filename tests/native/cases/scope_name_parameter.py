# verify
import tensorflow.compat.v1 as tf


def block(x, units, name="proj"):
    """A layer named by the caller, inside the block's own scope."""
    with tf.variable_scope("block"):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name=name)
        h = tf.identity(h, name=name)
        return tf.layers.dense(h, units, name="out")


def build(x):
    with tf.variable_scope("model"):
        h = block(x, 8, name="first")
    with tf.variable_scope("head"):
        return block(h, 3)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Block(nn.Module):
    """A layer named by the caller, inside the block's own scope."""

    def __init__(self, units, name="proj", scope="block"):
        super().__init__(name=scope)
        self.name_ = name
        self.dense = nn.Dense(units, activation=tf.nn.relu, name=f"{scope}/{name}")
        self.out = nn.Dense(units, name=f"{scope}/out")

    def __call__(self, x):
        h = self.dense(x)
        h = tf.identity(h, name=self.name_)
        return self.out(h)


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, units, name="proj"):
    """A layer named by the caller, inside the block's own scope."""
    with tf.variable_scope("block"):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name=name)
        h = tf.identity(h, name=name)
        return tf.layers.dense(h, units, name="out")


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.model_block = Block(8, name="first", scope="model/block")
        self.head_block = Block(3, scope="head/block")

    def __call__(self, x):
        h = self.model_block(x)
        return self.head_block(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        h = block(x, 8, name="first")
    with tf.variable_scope("head"):
        return block(h, 3)
