# verify
import tensorflow.compat.v1 as tf


def build(x):
    for _ in range(2):
        with tf.variable_scope(None, default_name="bias"):
            x = x + tf.get_variable("b", [4], initializer=tf.constant_initializer(0.1))
    return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.bias_b = [nn.variable(f"{scope}/b", [4], initializer=tf.constant_initializer(0.1))
                       for scope in ("bias", "bias_1")]

    def __call__(self, x):
        for i in range(2):
            x = x + self.bias_b[i]
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    for _ in range(2):
        with tf.variable_scope(None, default_name="bias"):
            x = x + tf.get_variable("b", [4], initializer=tf.constant_initializer(0.1))
    return x
