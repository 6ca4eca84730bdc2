import tensorflow as tf

# tf.get_variable("w") in a comment
DOC = "tf.variable_scope('x') in a string"


def f(x):
    return tf.nn.relu(x)
