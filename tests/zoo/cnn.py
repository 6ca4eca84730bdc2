"""tf.layers CNN with batch norm, pooling and an L2 kernel regularizer (TF1)."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"images": np.cos(np.arange(2 * 6 * 6 * 2, dtype=np.float32)).reshape(2, 6, 6, 2)}
l2 = lambda w: 1e-3 * tf.nn.l2_loss(w)  # noqa: E731


def build(images):
    with tf.variable_scope("cnn"):
        h = tf.layers.conv2d(images, 4, 3, padding="same", kernel_regularizer=l2)
        h = tf.layers.batch_normalization(h, training=False)
        h = tf.nn.relu(h)
        h = tf.layers.max_pooling2d(h, 2, 2)
        h = tf.layers.conv2d(h, 3, 2, kernel_regularizer=l2)
        h = tf.layers.flatten(h)
        logits = tf.layers.dense(h, 3)
    return logits
