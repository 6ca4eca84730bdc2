import tensorflow as tf
import unscope


def f(x):
    with unscope.variable_scope("f"):
        w = unscope.get_variable("w", [2])
    return tf.nn.relu(x * w)
