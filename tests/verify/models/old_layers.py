"""TF1 models built from tf.layers (OLD sides for the verify tests)."""
import tensorflow as tf


def bn_net(x, training):
    """dense -> batch norm -> dense, as written against TF 1.x's tf.layers."""
    h = tf.layers.dense(x, 6, activation=tf.nn.relu,
                        kernel_regularizer=lambda w: 0.01 * tf.reduce_sum(tf.square(w)))
    h = tf.layers.batch_normalization(h, training=training, momentum=0.9)
    return tf.layers.dense(h, 3, name="logits")


def dropout_net(x, training):
    h = tf.layers.dense(x, 6, activation=tf.nn.relu)
    h = tf.layers.dropout(h, rate=0.5, training=training)
    return tf.layers.dense(h, 3, name="logits")


def unserved(x):
    return tf.contrib.rnn.NoSuchCell(4)(x)

