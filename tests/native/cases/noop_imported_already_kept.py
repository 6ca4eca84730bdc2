# flags: --imported block
# warns: 19:1 def _fc: compat: _fc is called by TF1 code and its class _Fc is already here: kept as TF1 code for it; _fc stays in TF1 form
# warns: 39:1 def block: compat: block is imported by other files of this run and its class Block is already here: kept as TF1 code for them; block stays in TF1 form
import tensorflow.compat.v1 as tf
from unscope import nn


class _Fc(nn.Module):
    def __init__(self, units, scope):
        super().__init__(name=scope)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.get_shape()[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# _fc: called by the TF1 code of block, kept with it; _Fc above is its native form
def _fc(x, units, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape()[-1], units])
        return tf.matmul(x, w)


class Block(nn.Module):
    """Two layers; train.py imports it."""

    def __init__(self, scope="block"):
        super().__init__(name=scope)
        self.fc1 = _Fc(8, f"{scope}/fc1")
        self.fc2 = _Fc(4, f"{scope}/fc2")

    def __call__(self, x):
        h = tf.nn.relu(self.fc1(x))
        return self.fc2(h)


# block: imported by other files, kept as TF1 code for them (their scopes name its variables); Block above is its native form
def block(x, scope="block"):
    """Two layers; train.py imports it."""
    with tf.variable_scope(scope):
        h = tf.nn.relu(_fc(x, 8, "fc1"))
        return _fc(h, 4, "fc2")


class Head(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.out = _Fc(2, f"{name}/out")

    def __call__(self, x):
        return self.out(x)
