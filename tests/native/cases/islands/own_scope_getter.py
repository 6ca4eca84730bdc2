# warns: 9:10 tf.variable_scope: compat: custom_getter on a variable_scope: kept on the compat runtime, which applies it; attention stays in TF1 form, a compat island inside Build
# verify
import tensorflow.compat.v1 as tf


def half(getter, name, *args, **kwargs):
    return 0.5 * getter(name, *args, **kwargs)


def attention(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse, custom_getter=half):
        q = tf.get_variable("q", [4, 4])
        return tf.tanh(tf.matmul(x, q))


def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [4, 4])
        h = tf.matmul(x, w)
        a = attention(h, "attn")
        b = attention(h * 2.0, "attn", reuse=True)
        for i in range(2):
            h = attention(h, "layer%d" % i)
        return a + b + h
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def half(getter, name, *args, **kwargs):
    return 0.5 * getter(name, *args, **kwargs)


def attention(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse, custom_getter=half):
        q = tf.get_variable("q", [4, 4])
        return tf.tanh(tf.matmul(x, q))


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4])
        self.attn = unscope.track(attention, scope=name)
        self.layer = [unscope.track(attention, scope=name) for _ in range(2)]

    def __call__(self, x):
        w = self.w
        h = tf.matmul(x, w)
        a = self.attn(h, "attn")
        b = self.attn(h * 2.0, "attn", reuse=True)
        for i in range(2):
            h = self.layer[i](h, "layer%d" % i)
        return a + b + h


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [4, 4])
        h = tf.matmul(x, w)
        a = attention(h, "attn")
        b = attention(h * 2.0, "attn", reuse=True)
        for i in range(2):
            h = attention(h, "layer%d" % i)
        return a + b + h
