import tensorflow as tf
from unscope.contrib import layers


def f(x):
    return layers.fully_connected(x, 3)
