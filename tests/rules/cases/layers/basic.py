import tensorflow.compat.v1 as tf


def cnn(images, training):
    h = tf.layers.conv2d(images, 32, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.dropout(h, rate=0.5, training=training)
    return tf.layers.dense(tf.layers.flatten(h), 10, name="logits")
# output
import tensorflow as tf
import unscope


def cnn(images, training):
    h = unscope.layers.conv2d(images, 32, 3, padding="same", activation=tf.nn.relu)
    h = unscope.layers.batch_normalization(h, training=training)
    h = unscope.layers.max_pooling2d(h, 2, 2)
    h = unscope.layers.dropout(h, rate=0.5, training=training)
    return unscope.layers.dense(unscope.layers.flatten(h), 10, name="logits")
