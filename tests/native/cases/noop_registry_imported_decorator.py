# warns: 6:1 def build: compat: decorator @add_arg_scope is no function of this file: it may wrap the function; decorated functions are kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf
from tensorflow.contrib.framework import add_arg_scope


@add_arg_scope
def build(x, units=2):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
