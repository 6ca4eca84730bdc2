import tensorflow.compat.v1 as tf

BUILDERS = {}


def register(name):
    def add(fn):
        BUILDERS[name] = fn
        return fn
    return add


def fc(x, scope, nh):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.shape[-1], nh])
        b = tf.get_variable("b", [nh], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


@register("mlp")
def mlp(num_layers=2, num_hidden=8, activation=tf.tanh):
    """Fully connected layers; returns the function that builds them."""
    def network_fn(X):
        h = X
        for i in range(num_layers):
            h = fc(h, "mlp_fc{}".format(i), nh=num_hidden)
            h = activation(h)
        return h
    return network_fn
# output
import tensorflow.compat.v1 as tf
from unscope import nn

BUILDERS = {}


def register(name):
    def add(fn):
        BUILDERS[name] = fn
        return fn
    return add


class Fc(nn.Module):
    def __init__(self, scope, nh):
        super().__init__(name=scope)
        self.nh = nh
        self.w = None
        self.b = nn.variable(f"{scope}/b", [nh], initializer=tf.constant_initializer(0.0))

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.nh])
        w = self.w
        b = self.b
        return tf.matmul(x, w) + b


# fc: public, kept as TF1 code for callers elsewhere; Fc above is its native form
def fc(x, scope, nh):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.shape[-1], nh])
        b = tf.get_variable("b", [nh], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class Mlp(nn.Module):
    """Fully connected layers; returns the function that builds them."""

    def __init__(self, num_layers=2, num_hidden=8, activation=tf.tanh):
        super().__init__()
        self.num_layers = num_layers
        self.activation = activation
        self.mlp_fc = [Fc(f"mlp_fc{i}", nh=num_hidden) for i in range(num_layers)]

    def __call__(self, X):
        h = X
        for i in range(self.num_layers):
            h = self.mlp_fc[i](h)
            h = self.activation(h)
        return h


# mlp: public, kept as TF1 code for callers elsewhere; Mlp above is its native form
@register("mlp")
def mlp(num_layers=2, num_hidden=8, activation=tf.tanh):
    """Fully connected layers; returns the function that builds them."""
    def network_fn(X):
        h = X
        for i in range(num_layers):
            h = fc(h, "mlp_fc{}".format(i), nh=num_hidden)
            h = activation(h)
        return h
    return network_fn
