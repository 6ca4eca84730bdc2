# warns: 4:1 def dense: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; dense stays in TF1 form
# warns: 6:13 tf.get_variable: compat: arguments passed with * or ** (or unknown keywords); dense stays in TF1 form
import tensorflow.compat.v1 as tf


def dense(x, units, name="dense", **kwargs):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units], **kwargs)
        return tf.matmul(x, w)
