import tensorflow as tf
from tensorflow.contrib import framework


def f(x):
    hp = tf.contrib.training.HParams(learning_rate=0.1)
    with tf.contrib.framework.arg_scope([tf.contrib.layers.fully_connected], activation_fn=None):
        with framework.arg_scope([], x=1):
            flat = tf.contrib.framework.nest.flatten([x, [x]])
    return hp, flat
# output
import tensorflow as tf
import unscope


def f(x):
    hp = unscope.contrib.training.HParams(learning_rate=0.1)
    with unscope.contrib.framework.arg_scope([unscope.contrib.layers.fully_connected], activation_fn=None):
        with unscope.contrib.framework.arg_scope([], x=1):
            flat = tf.nest.flatten([x, [x]])
    return hp, flat
