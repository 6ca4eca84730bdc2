# warns: 11:1 def build: compat: decorator @register may return something other than the function it is given; decorated functions are kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf

MODELS = {}


def register(fn):
    MODELS[fn.__name__] = fn


@register
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [x.shape[-1], 2])
        return tf.matmul(x, w)
