import tensorflow.compat.v1 as tf
import tf_slim as slim


def build(x, training=True):
    with tf.variable_scope("head"):
        h = slim.fully_connected(x, 8, scope="fc1")
        h = tf.contrib.layers.batch_norm(h, decay=0.9, updates_collections=None,
                                         is_training=training)
        h = slim.batch_norm(h, scale=True, is_training=training)
        return tf.contrib.layers.batch_norm(h, updates_collections=tf.GraphKeys.UPDATE_OPS,
                                            scope="bn")
# output
import tensorflow.compat.v1 as tf
import tf_slim as slim
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.fc1 = nn.FullyConnected(8, name=f"{name}/fc1")
        self.BatchNorm = nn.ContribBatchNorm(decay=0.9, updates_collections=None,
                                             name=f"{name}/BatchNorm")
        self.BatchNorm_1 = nn.ContribBatchNorm(scale=True, name=f"{name}/BatchNorm_1")
        self.bn = nn.ContribBatchNorm(name=f"{name}/bn")

    def __call__(self, x, training=True):
        h = self.fc1(x)
        h = self.BatchNorm(h, is_training=training)
        h = self.BatchNorm_1(h, is_training=training)
        return self.bn(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x, training=True):
    with tf.variable_scope("head"):
        h = slim.fully_connected(x, 8, scope="fc1")
        h = tf.contrib.layers.batch_norm(h, decay=0.9, updates_collections=None,
                                         is_training=training)
        h = slim.batch_norm(h, scale=True, is_training=training)
        return tf.contrib.layers.batch_norm(h, updates_collections=tf.GraphKeys.UPDATE_OPS,
                                            scope="bn")
