# warns: 17:1 def build: compat: decorator @counted may return something other than the function it is given; decorated functions are kept in TF1 form; build stays in TF1 form
import functools

import tensorflow.compat.v1 as tf

CALLS = []


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@counted
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [x.shape[-1], 2])
        return tf.matmul(x, w)
