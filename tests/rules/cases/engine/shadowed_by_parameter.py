import tensorflow.compat.v1 as tf
from tensorflow.compat.v1 import layers


def f(x, layers=()):
    for layer in layers:
        x = layer(x)
    return x


def g(x):
    return layers.dense(x, 3)
# output
import tensorflow as tf
from unscope import layers


def f(x, layers=()):
    for layer in layers:
        x = layer(x)
    return x


def g(x):
    return layers.dense(x, 3)
