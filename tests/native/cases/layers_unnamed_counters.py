# verify
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("cnn"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu)
        h = tf.layers.dense(h, 4, name="dense_1")
        h = tf.layers.dense(h, 4)
        h = tf.layers.dropout(h, 0.5, training=False)
        return tf.layers.dense(h, 4, use_bias=False)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="cnn"):
        super().__init__(name=name)
        self.dense = nn.Dense(4, activation=tf.nn.relu, name=f"{name}/dense")
        self.dense_1 = nn.Dense(4, name=f"{name}/dense_1")
        self.dense_2 = nn.Dense(4, name=f"{name}/dense_2")
        self.dropout = nn.Dropout(0.5, name=f"{name}/dropout")
        self.dense_3 = nn.Dense(4, use_bias=False, name=f"{name}/dense_3")

    def __call__(self, x):
        h = self.dense(x)
        h = self.dense_1(h)
        h = self.dense_2(h)
        h = self.dropout(h, training=False)
        return self.dense_3(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("cnn"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu)
        h = tf.layers.dense(h, 4, name="dense_1")
        h = tf.layers.dense(h, 4)
        h = tf.layers.dropout(h, 0.5, training=False)
        return tf.layers.dense(h, 4, use_bias=False)
