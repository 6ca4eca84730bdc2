import tensorflow.compat.v1 as tf


def shared(a, b):
    with tf.variable_scope("net") as scope:
        ya = layer(a)
        scope.reuse_variables()
        yb = layer(b)
    with tf.variable_scope(scope, reuse=True):
        yc = layer(a + b)
    return ya, yb, yc


def layer(x):
    return x * tf.get_variable("s", [], initializer=tf.ones_initializer())
# output
import tensorflow as tf
import unscope


def shared(a, b):
    with unscope.variable_scope("net") as scope:
        ya = layer(a)
        scope.reuse_variables()
        yb = layer(b)
    with unscope.variable_scope(scope, reuse=True):
        yc = layer(a + b)
    return ya, yb, yc


def layer(x):
    return x * unscope.get_variable("s", [], initializer=tf.compat.v1.ones_initializer())
