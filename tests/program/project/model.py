"""Blocks the training scripts of this folder share (a 2018-style model file)."""
import tensorflow as tf


def dense_block(x, units, name):
    with tf.variable_scope(name):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, 1, name="fc2")
