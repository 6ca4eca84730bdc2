"""A block that also records its activations in a collection (kept in TF1 form)."""
import tensorflow as tf


def dense_block(x, units, name):
    with tf.variable_scope(name):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name="fc1")
        tf.add_to_collection("activations", h)
        return tf.layers.dense(h, 1, name="fc2")
