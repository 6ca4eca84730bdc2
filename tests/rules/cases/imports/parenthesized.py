import tensorflow as tf
from tensorflow.contrib.layers import (  # the layers we use
    fully_connected,
    layer_norm,
)


def f(x):
    return layer_norm(fully_connected(x, 4)) + tf.get_variable("b", [])
# output
import tensorflow as tf
from unscope.contrib.layers import (  # the layers we use
    fully_connected,
    layer_norm,
)
import unscope


def f(x):
    return layer_norm(fully_connected(x, 4)) + unscope.get_variable("b", [])
