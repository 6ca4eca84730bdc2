# verify
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("my_scope"):
        var = tf.get_variable("my_var", shape=[4])
    with tf.variable_scope("my_scope", reuse=True):
        var2 = tf.get_variable("my_var", shape=[4])
    return x * var + var2
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.my_scope_my_var = nn.variable("my_scope/my_var", shape=[4])

    def __call__(self, x):
        var = self.my_scope_my_var
        var2 = self.my_scope_my_var
        return x * var + var2


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("my_scope"):
        var = tf.get_variable("my_var", shape=[4])
    with tf.variable_scope("my_scope", reuse=True):
        var2 = tf.get_variable("my_var", shape=[4])
    return x * var + var2
