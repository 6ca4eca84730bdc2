import tensorflow as tf
import tensorflow.contrib.slim as slim


def act(x):
    return tf.nn.relu(x)
# output
import tensorflow as tf


def act(x):
    return tf.nn.relu(x)
