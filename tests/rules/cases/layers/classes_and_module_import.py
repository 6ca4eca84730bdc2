from tensorflow.compat.v1 import layers
import tensorflow.compat.v1 as tf


def net(x):
    dense = layers.Dense(4, name="fc")
    return dense(x) + layers.dense(x, 4)
# output
from unscope import layers
import tensorflow as tf


def net(x):
    dense = layers.Dense(4, name="fc")
    return dense(x) + layers.dense(x, 4)
