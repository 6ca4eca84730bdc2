import tensorflow as tf


def f(x):
    train = tf.trainable_variables()
    train = [v for v in train if v.name != "b"]
    return x in train
# output
import tensorflow as tf
import unscope


def f(x):
    train = unscope.trainable_variables()
    train = [v for v in train if v.name != "b"]
    return x in train
