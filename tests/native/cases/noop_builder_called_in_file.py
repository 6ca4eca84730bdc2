# warns: 5:5 def network_fn: compat: a nested function or class makes variables; native mode only rewrites module-level functions; linear_builder stays in TF1 form
# warns: 13:16 linear_builder: compat: linear_builder stays in TF1 form and cannot be a compat island inside policy here: it returns a function that makes its variables after the call, outside the island; policy stays in TF1 form
import tensorflow.compat.v1 as tf


def linear_builder(units=2):
    def network_fn(x):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
    return network_fn


def policy(x):
    with tf.variable_scope("pi"):
        return linear_builder(units=3)(x)
