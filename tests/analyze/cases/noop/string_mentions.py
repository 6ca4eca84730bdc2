import tensorflow as tf

HELP = "call tf.get_variable inside tf.variable_scope"

def f(x):
    # tf.get_variable("w", [3]) is gone
    return tf.identity(x)
