# verify
import tensorflow.compat.v1 as tf


def scaled_l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


def embed(x):
    with tf.variable_scope("embed"):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


def block(x, scope, training=False):
    with tf.variable_scope(scope):
        h = tf.contrib.layers.layer_norm(x)
        h = tf.layers.dense(h, 4, activation=tf.nn.relu, name="fc")
        h = tf.layers.dropout(h, rate=0.1, training=training)
        return x + h


def build(x):
    regularizer = scaled_l2(1e-3)
    with tf.variable_scope("model", regularizer=regularizer):
        h = embed(x)
        for i in range(2):
            h = block(h, "block%d" % i)
        return h
# output
import tensorflow.compat.v1 as tf
from unscope import nn


def scaled_l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


class Embed(nn.Module):
    def __init__(self, name="embed"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4], regularizer=scaled_l2(1e-3))

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# embed: public, kept as TF1 code for callers elsewhere; Embed above is its native form
def embed(x):
    with tf.variable_scope("embed"):
        w = tf.get_variable("w", [4, 4])
    return tf.matmul(x, w)


class Block(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.LayerNorm = nn.LayerNorm(beta_regularizer=scaled_l2(1e-3),
                                      gamma_regularizer=scaled_l2(1e-3), name=f"{scope}/LayerNorm")
        self.fc = nn.Dense(4, activation=tf.nn.relu, kernel_regularizer=scaled_l2(1e-3),
                           bias_regularizer=scaled_l2(1e-3), name=f"{scope}/fc")
        self.dropout = nn.Dropout(rate=0.1, name=f"{scope}/dropout")

    def __call__(self, x, training=False):
        h = self.LayerNorm(x)
        h = self.fc(h)
        h = self.dropout(h, training=training)
        return x + h


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, scope, training=False):
    with tf.variable_scope(scope):
        h = tf.contrib.layers.layer_norm(x)
        h = tf.layers.dense(h, 4, activation=tf.nn.relu, name="fc")
        h = tf.layers.dropout(h, rate=0.1, training=training)
        return x + h


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.embed = Embed(name=f"{name}/embed")
        self.block = [Block(f"{name}/block{i}") for i in range(2)]

    def __call__(self, x):
        h = self.embed(x)
        for i in range(2):
            h = self.block[i](h)
        return h


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    regularizer = scaled_l2(1e-3)
    with tf.variable_scope("model", regularizer=regularizer):
        h = embed(x)
        for i in range(2):
            h = block(h, "block%d" % i)
        return h
