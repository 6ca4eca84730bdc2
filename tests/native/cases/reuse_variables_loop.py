# verify
import tensorflow.compat.v1 as tf

STEPS = 3


def cell(x, h):
    w = tf.get_variable("w", [x.shape[-1] + 4, 4])
    b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
    return tf.tanh(tf.matmul(tf.concat([x, h], 1), w) + b)


def build(x):
    h = tf.zeros_like(x)
    with tf.variable_scope("rnn") as scope:
        for t in range(STEPS):
            if t > 0:
                scope.reuse_variables()
            h = cell(x * t, h)
    return h
# output
import tensorflow.compat.v1 as tf
from unscope import nn

STEPS = 3


class Cell(nn.Module):
    def __init__(self, name):
        super().__init__(name=name)
        self.w = None
        self.b = nn.variable(f"{name}/b", [4], initializer=tf.zeros_initializer())

    def __call__(self, x, h):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1] + 4, 4])
        w = self.w
        b = self.b
        return tf.tanh(tf.matmul(tf.concat([x, h], 1), w) + b)


# cell: public, kept as TF1 code for callers elsewhere; Cell above is its native form
def cell(x, h):
    w = tf.get_variable("w", [x.shape[-1] + 4, 4])
    b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
    return tf.tanh(tf.matmul(tf.concat([x, h], 1), w) + b)


class Build(nn.Module):
    def __init__(self, name="rnn"):
        super().__init__(name=name)
        self.cell = Cell(name)

    def __call__(self, x):
        h = tf.zeros_like(x)
        for t in range(STEPS):
            h = self.cell(x * t, h)
        return h


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    h = tf.zeros_like(x)
    with tf.variable_scope("rnn") as scope:
        for t in range(STEPS):
            if t > 0:
                scope.reuse_variables()
            h = cell(x * t, h)
    return h
