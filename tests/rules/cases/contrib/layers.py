import tensorflow as tf
from tensorflow.contrib.layers import fully_connected, layer_norm


def f(x):
    h = layer_norm(fully_connected(x, 8))
    h = tf.contrib.layers.fully_connected(h, 4, weights_initializer=tf.contrib.layers.xavier_initializer())
    return tf.contrib.layers.l2_regularizer(1e-4)
# output
import tensorflow as tf
from unscope.contrib.layers import fully_connected, layer_norm
import unscope


def f(x):
    h = layer_norm(fully_connected(x, 8))
    h = unscope.contrib.layers.fully_connected(h, 4, weights_initializer=unscope.contrib.layers.xavier_initializer())
    return unscope.contrib.layers.l2_regularizer(1e-4)
