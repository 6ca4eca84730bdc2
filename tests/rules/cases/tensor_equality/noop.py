import tensorflow as tf


def f(x, names, train):
    a = "w" in names
    b = x in train
    return a, b, tf.identity(x)
