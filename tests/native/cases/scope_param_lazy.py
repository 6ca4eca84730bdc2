# verify
import tensorflow.compat.v1 as tf


def norm(x, scope, axis=-1, epsilon=1e-5):
    with tf.variable_scope(scope):
        n_state = x.shape[-1]
        g = tf.get_variable("g", [n_state], initializer=tf.constant_initializer(1))
        b = tf.get_variable("b", [n_state], initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=axis, keepdims=True)
        return (x - u) * tf.rsqrt(s + epsilon) * g + b


def build(x):
    return norm(norm(x, "ln_1"), "ln_2", epsilon=1e-3)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Norm(nn.Module):
    def __init__(self, scope, axis=-1, epsilon=1e-5):
        super().__init__(name=scope)
        self.axis = axis
        self.epsilon = epsilon
        self.g = None
        self.b = None

    def __call__(self, x):
        n_state = x.shape[-1]
        if self.g is None:
            self.g = nn.variable(f"{self.scope_name}/g", [n_state],
                                 initializer=tf.constant_initializer(1))
        g = self.g
        if self.b is None:
            self.b = nn.variable(f"{self.scope_name}/b", [n_state],
                                 initializer=tf.constant_initializer(0))
        b = self.b
        u = tf.reduce_mean(x, axis=self.axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=self.axis, keepdims=True)
        return (x - u) * tf.rsqrt(s + self.epsilon) * g + b


# norm: public, kept as TF1 code for callers elsewhere; Norm above is its native form
def norm(x, scope, axis=-1, epsilon=1e-5):
    with tf.variable_scope(scope):
        n_state = x.shape[-1]
        g = tf.get_variable("g", [n_state], initializer=tf.constant_initializer(1))
        b = tf.get_variable("b", [n_state], initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=axis, keepdims=True)
        return (x - u) * tf.rsqrt(s + epsilon) * g + b


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = Norm("ln_1")
        self.ln_2 = Norm("ln_2", epsilon=1e-3)

    def __call__(self, x):
        return self.ln_2(self.ln_1(x))


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    return norm(norm(x, "ln_1"), "ln_2", epsilon=1e-3)
