import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib import layers as contrib_layers, framework


def dense(x):
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", [int(x.shape[-1]), 4])
        return tf.nn.relu(tf.matmul(x, w))
# output
import tensorflow as tf
import unscope


def dense(x):
    with unscope.variable_scope("dense"):
        w = unscope.get_variable("w", [int(x.shape[-1]), 4])
        return tf.nn.relu(tf.matmul(x, w))
