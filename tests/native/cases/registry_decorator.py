# verify
import tensorflow.compat.v1 as tf

TOWERS = {}


def register(name):
    """Store the tower under a name; hand it back unchanged."""
    def add(fn):
        TOWERS[name] = fn
        return fn
    return add


@register("tower")
def _tower(x, units=3):
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [x.shape[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.nn.relu(tf.matmul(x, w) + b)


def build(x):
    with tf.variable_scope("model"):
        return _tower(x, units=2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn

TOWERS = {}


def register(name):
    """Store the tower under a name; hand it back unchanged."""
    def add(fn):
        TOWERS[name] = fn
        return fn
    return add


class _Tower(nn.Module):
    def __init__(self, units=3, name="tower"):
        super().__init__(name=name)
        self.units = units
        self.w = None
        self.b = nn.variable(f"{name}/b", [units], initializer=tf.constant_initializer(0.1))

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        b = self.b
        return tf.nn.relu(tf.matmul(x, w) + b)


# _tower: called by the TF1 code of build, kept with it; _Tower above is its native form
@register("tower")
def _tower(x, units=3):
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [x.shape[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.nn.relu(tf.matmul(x, w) + b)


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.tower = _Tower(units=2, name=f"{name}/tower")

    def __call__(self, x):
        return self.tower(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        return _tower(x, units=2)
