"""TF1 code that reads graph-only tensor attributes (BERT's get_shape_list style)."""
import tensorflow as tf


def _shape_list(tensor, expected_rank):
    if len(tensor.shape) != expected_rank:
        raise ValueError("tensor %s has rank %d, not %d" % (tensor.name, len(tensor.shape),
                                                            expected_rank))
    name = tensor.name
    return [int(d) for d in tensor.shape], name


def projection(x):
    shape, _ = _shape_list(x, 2)
    with tf.variable_scope("proj"):
        w = tf.get_variable("w", [shape[-1], 3])
        y = tf.matmul(x, w)
    scope = y.op.name.split("/")[0]   # the op's name scope
    with tf.variable_scope(scope + "_out"):
        b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.5))
    return tf.tanh(y + b)
