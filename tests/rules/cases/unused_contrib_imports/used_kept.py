import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib import layers


def net(x):
    return slim.fully_connected(layers.flatten(x), 3)
# output
import tensorflow as tf
from unscope import slim
from unscope.contrib import layers


def net(x):
    return slim.fully_connected(layers.flatten(x), 3)
