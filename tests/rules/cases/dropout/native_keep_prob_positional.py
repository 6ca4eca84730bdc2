# flags: --mode native
import tensorflow as tf


def _block(x, keep_prob):
    with tf.variable_scope("block"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu)
        return tf.nn.dropout(h, keep_prob)


def model(x, keep_prob):
    with tf.variable_scope("model"):
        return tf.layers.dense(_block(x, keep_prob), 2)
# output
import tensorflow as tf
from unscope import nn
import unscope


class _Block(nn.Module):
    def __init__(self, name="block"):
        super().__init__(name=name)
        self.dense = nn.Dense(4, activation=tf.nn.relu, name=f"{name}/dense")

    def __call__(self, x, keep_prob):
        h = self.dense(x)
        return tf.nn.dropout(h, 1 - keep_prob)


# _block: called by the TF1 code of model, kept with it; _Block above is its native form
def _block(x, keep_prob):
    with unscope.variable_scope("block"):
        h = unscope.layers.dense(x, 4, activation=tf.nn.relu)
        return tf.nn.dropout(h, 1 - keep_prob)


class Model(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.block = _Block(name=f"{name}/block")
        self.dense = nn.Dense(2, name=f"{name}/dense")

    def __call__(self, x, keep_prob):
        return self.dense(self.block(x, keep_prob))


# model: public, kept as TF1 code for callers elsewhere; Model above is its native form
def model(x, keep_prob):
    with unscope.variable_scope("model"):
        return unscope.layers.dense(_block(x, keep_prob), 2)
