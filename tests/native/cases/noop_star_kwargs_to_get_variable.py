# warns: 4:1 def get_var: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; get_var stays in TF1 form
# warns: 5:12 tf.get_variable: compat: arguments passed with * or ** (or unknown keywords); get_var stays in TF1 form
# warns: 10:13 get_var: compat: call of get_var with * or ** or unknown arguments; build stays in TF1 form
import tensorflow.compat.v1 as tf


def get_var(name, *args, **kwargs):
    return tf.get_variable(name, *args, **kwargs)


def build(x):
    with tf.variable_scope("model"):
        w = get_var("w", [4, 2], initializer=tf.zeros_initializer())
        return tf.matmul(x, w)
