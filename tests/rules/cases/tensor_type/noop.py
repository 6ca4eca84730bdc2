import tensorflow as tf


def f(t, v):
    a = isinstance(t, tf.Tensor)
    b = type(v) is tf.Variable
    c = type(t) is int
    d = type(t) in (tf.Tensor, tf.SparseTensor)
    return a, b, c, d
