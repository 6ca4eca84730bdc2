import tensorflow as tf


def report(var, layer, scope):
    # variables, layers and scopes have names eagerly too: not tensors here
    print(var.name, layer.name, scope.name)
    return tf.reduce_sum(var)


def names(tensors):
    for t in tensors:
        print(t.name, t.shape)


def decay(v, rate):
    print("decaying", v.name, v.shape)
    return v.assign(v * rate)
