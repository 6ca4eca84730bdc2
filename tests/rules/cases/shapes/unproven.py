# warns: 5:9 Dimension.value: manual: `dims[1].value` reads TF1's Dimension.value, but `dims[1]` is not provably a shape entry (TF 2 shapes hold int / None, which have no .value); left unchanged - if it is one, write tf.compat.dimension_value(dims[1])
# warns: 8:12 Dimension.value: manual: `shape[0].value` reads TF1's Dimension.value, but `shape[0]` is not provably a shape entry (TF 2 shapes hold int / None, which have no .value); left unchanged - if it is one, write tf.compat.dimension_value(shape[0])
import tensorflow as tf


def f(x, dims):
    n = dims[1].value
    shape = x.get_shape()
    shape = tf.shape(x)
    return shape[0].value + n
