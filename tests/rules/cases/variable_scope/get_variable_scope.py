import tensorflow.compat.v1 as tf


def f(x):
    outer = tf.get_variable_scope()
    with tf.variable_scope(outer, default_name="block", values=[x]):
        tf.get_variable_scope().reuse_variables()
        return isinstance(outer, tf.VariableScope)
# output
import tensorflow as tf
import unscope


def f(x):
    outer = unscope.get_variable_scope()
    with unscope.variable_scope(outer, default_name="block", values=[x]):
        unscope.get_variable_scope().reuse_variables()
        return isinstance(outer, unscope.VariableScope)
