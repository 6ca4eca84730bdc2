# warns: 4:1 def dense: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; dense stays in TF1 form
# warns: 6:16 tf.layers.dense: compat: arguments passed with * or ** (or unknown keywords); dense stays in TF1 form
import tensorflow.compat.v1 as tf


def dense(x, *args, **kwargs):
    with tf.variable_scope("dense"):
        return tf.layers.dense(x, *args, **kwargs)
