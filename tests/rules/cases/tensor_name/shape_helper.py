# warns: 6:16 Tensor.name: manual: `tensor.name` of a tensor is undefined eagerly (TF 2 raises AttributeError); this function runs in graphs and under tf.function only - call it as tf.function(unscope.track(fn)), or read the name only when not tf.executing_eagerly()
# warns: 12:46 Tensor.name: manual: `x.name` of a tensor is undefined eagerly (TF 2 raises AttributeError); this function runs in graphs and under tf.function only - call it as tf.function(unscope.track(fn)), or read the name only when not tf.executing_eagerly()
import tensorflow as tf


def get_shape_list(tensor, name=None):
    if name is None:
        name = tensor.name
    return tensor.shape.as_list()


def checked(x, rank):
    if x.shape.ndims != rank:
        raise ValueError("%s has rank %d" % (x.name, x.shape.ndims))
    return tf.identity(x)
