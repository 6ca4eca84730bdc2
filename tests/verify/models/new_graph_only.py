"""old_graph_only after a compat migration: `.name` and `.op` stay (graph-only in TF 2)."""
import tensorflow as tf

import unscope


def _shape_list(tensor, expected_rank):
    if len(tensor.shape) != expected_rank:
        raise ValueError("tensor %s has rank %d, not %d" % (tensor.name, len(tensor.shape),
                                                            expected_rank))
    name = tensor.name
    return [int(d) for d in tensor.shape], name


def projection(x):
    shape, _ = _shape_list(x, 2)
    with unscope.variable_scope("proj"):
        w = unscope.get_variable("w", [shape[-1], 3])
        y = tf.matmul(x, w)
    scope = y.op.name.split("/")[0]
    with unscope.variable_scope(scope + "_out"):
        b = unscope.get_variable("b", [3], initializer=tf.constant_initializer(0.5))
    return tf.tanh(y + b)


def projection_of_a_vector(x):
    return projection(x[0])   # rank 1: fails eagerly and in a graph alike


def projection_with_a_wrong_weight(x):
    with unscope.variable_scope("proj"):
        w = unscope.get_variable("w", [7, 3])   # x has 5 columns: fails eagerly, not graph-only
    return tf.matmul(x, w)
