import tensorflow as tf
from tensorflow import logging, nn
from tensorflow import reduce_sum


def f(x):
    logging.info("x")
    return nn.relu(reduce_sum(x, keep_dims=True)) + tf.get_variable("w", [])
# output
import tensorflow as tf
from tensorflow.compat.v1 import logging
from tensorflow import nn
from tensorflow.compat.v1 import reduce_sum
import unscope


def f(x):
    logging.info("x")
    return nn.relu(reduce_sum(x, keep_dims=True)) + unscope.get_variable("w", [])
