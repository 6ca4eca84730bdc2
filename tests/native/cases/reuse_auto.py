# verify
import tensorflow.compat.v1 as tf


def shared_proj(x):
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [4, 4], initializer=tf.orthogonal_initializer())
        return tf.matmul(x, w)


def build(x):
    for _ in range(3):
        x = tf.nn.elu(shared_proj(x))
    return x
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class SharedProj(nn.Module):
    def __init__(self, name="shared"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4], initializer=tf.orthogonal_initializer())

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


# shared_proj: public, kept as TF1 code for callers elsewhere; SharedProj above is its native form
def shared_proj(x):
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [4, 4], initializer=tf.orthogonal_initializer())
        return tf.matmul(x, w)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.shared = SharedProj()

    def __call__(self, x):
        for _ in range(3):
            x = tf.nn.elu(self.shared(x))
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    for _ in range(3):
        x = tf.nn.elu(shared_proj(x))
    return x
