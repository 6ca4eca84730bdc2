import tensorflow as tf


def attention(x, n_head):
    n_state = x.shape[-1].value
    nin = x.get_shape()[1].value
    shape = x.get_shape()
    d = shape[1].value
    dims = [d.value for d in x.get_shape()]
    rest = x.get_shape()[1:][0].value
    batch = x.get_shape()[0].value or tf.shape(x)[0]
    known = tf.TensorShape([2, None])[0].value
    ranked = x.get_shape().with_rank(2)[-1].value
    return n_state, nin, d, dims, rest, batch, known, ranked


def loop(x):
    out = []
    for dim in x.shape:
        out.append(dim.value)
    first, second = x.get_shape()
    return out, first.value, second.value
# output
import tensorflow as tf


def attention(x, n_head):
    n_state = tf.compat.dimension_value(x.shape[-1])
    nin = tf.compat.dimension_value(x.get_shape()[1])
    shape = x.get_shape()
    d = tf.compat.dimension_value(shape[1])
    dims = [tf.compat.dimension_value(d) for d in x.get_shape()]
    rest = tf.compat.dimension_value(x.get_shape()[1:][0])
    batch = tf.compat.dimension_value(x.get_shape()[0]) or tf.shape(x)[0]
    known = tf.compat.dimension_value(tf.TensorShape([2, None])[0])
    ranked = tf.compat.dimension_value(x.get_shape().with_rank(2)[-1])
    return n_state, nin, d, dims, rest, batch, known, ranked


def loop(x):
    out = []
    for dim in x.shape:
        out.append(tf.compat.dimension_value(dim))
    first, second = x.get_shape()
    return out, tf.compat.dimension_value(first), tf.compat.dimension_value(second)
