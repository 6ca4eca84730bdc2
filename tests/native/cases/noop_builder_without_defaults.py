# warns: 5:5 def network_fn: compat: a nested function or class makes variables; native mode only rewrites module-level functions; linear_builder stays in TF1 form
import tensorflow.compat.v1 as tf


def linear_builder(units):
    def network_fn(x):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
    return network_fn
