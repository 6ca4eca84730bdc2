import tensorflow as tf


def ok(x, node, table):
    a = x.shape.dims[0].value
    b = [d.value for d in x.shape.dims]
    c = int(x.get_shape()[1])
    e = x.get_shape().as_list()
    f = node.value
    g = table["key"].value
    h = tf.shape(x)
    v = tf.Variable(1.0)
    return a, b, c, e, f, g, h, v.value()
