import tensorflow as tf


def tower(x):
    with tf.variable_scope("tower"):
        return tf.layers.dense(x, 4, name="fc")
