import tensorflow as tf
from tensorflow.contrib.framework.python.ops import arg_scope, add_arg_scope
from tensorflow.contrib.framework.python.ops import variables as contrib_variables
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import layers as layers_lib


@add_arg_scope
def dense(x, num_units, init_scale=1.0):
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", [int(x.shape[1]), num_units],
                            initializer=initializers.xavier_initializer())
        b = contrib_variables.model_variable("b", [num_units], initializer=tf.zeros_initializer())
        return init_scale * tf.matmul(x, w) + b


def model(x):
    with arg_scope([dense], init_scale=2.0):
        h = dense(x, 4)
    return layers_lib.fully_connected(h, 2, scope="out")
# output
import tensorflow as tf
from unscope.contrib.framework import arg_scope, add_arg_scope
from unscope.contrib import layers as initializers
from unscope.contrib import layers as layers_lib
import unscope


@add_arg_scope
def dense(x, num_units, init_scale=1.0):
    with unscope.variable_scope("dense"):
        w = unscope.get_variable("w", [int(x.shape[1]), num_units],
                            initializer=initializers.xavier_initializer())
        b = unscope.contrib.framework.model_variable("b", [num_units], initializer=tf.compat.v1.zeros_initializer())
        return init_scale * tf.matmul(x, w) + b


def model(x):
    with arg_scope([dense], init_scale=2.0):
        h = dense(x, 4)
    return layers_lib.fully_connected(h, 2, scope="out")
