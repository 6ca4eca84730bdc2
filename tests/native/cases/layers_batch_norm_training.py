import tensorflow.compat.v1 as tf


def build(images, training=False):
    with tf.variable_scope("cnn"):
        h = tf.layers.conv2d(images, 4, 3, padding="same")
        h = tf.layers.batch_normalization(h, training=training)
        h = tf.layers.max_pooling2d(tf.nn.relu(h), 2, 2)
        return tf.layers.dense(tf.layers.flatten(h), 3)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self, name="cnn"):
        super().__init__(name=name)
        self.conv2d = nn.Conv2D(4, 3, padding="same", name=f"{name}/conv2d")
        self.batch_normalization = nn.BatchNormalization(name=f"{name}/batch_normalization")
        self.max_pooling2d = nn.MaxPooling2D(2, 2, name=f"{name}/max_pooling2d")
        self.flatten = nn.Flatten(name=f"{name}/flatten")
        self.dense = nn.Dense(3, name=f"{name}/dense")

    def __call__(self, images, training=False):
        h = self.conv2d(images)
        h = self.batch_normalization(h, training=training)
        h = self.max_pooling2d(tf.nn.relu(h))
        return self.dense(self.flatten(h))


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(images, training=False):
    with tf.variable_scope("cnn"):
        h = tf.layers.conv2d(images, 4, 3, padding="same")
        h = tf.layers.batch_normalization(h, training=training)
        h = tf.layers.max_pooling2d(tf.nn.relu(h), 2, 2)
        return tf.layers.dense(tf.layers.flatten(h), 3)
