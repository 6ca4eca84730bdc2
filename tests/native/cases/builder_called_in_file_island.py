# warns: 5:5 def network_fn: compat: a nested function or class makes variables; native mode only rewrites module-level functions; linear_builder stays in TF1 form, a compat island inside Policy
import tensorflow.compat.v1 as tf


def linear_builder(units=2):
    def network_fn(x):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
    return network_fn


def policy(x):
    with tf.variable_scope("pi"):
        return linear_builder(units=3)(x)
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def linear_builder(units=2):
    def network_fn(x):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
    return network_fn


class Policy(nn.Module):
    def __init__(self, name="pi"):
        super().__init__(name=name)
        self.linear_builder = unscope.track(linear_builder, scope=name)

    def __call__(self, x):
        return self.linear_builder(units=3)(x)


# policy: public, kept as TF1 code for callers elsewhere; Policy above is its native form
def policy(x):
    with tf.variable_scope("pi"):
        return linear_builder(units=3)(x)
