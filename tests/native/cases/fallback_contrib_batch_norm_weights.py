# warns: 6:16 tf.contrib.layers.batch_norm: compat: batch_weights (weighted moments) is not supported by unscope.nn; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x, weights, training=True):
    with tf.variable_scope("head"):
        return tf.contrib.layers.batch_norm(x, is_training=training, batch_weights=weights)
