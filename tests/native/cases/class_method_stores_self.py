import tensorflow.compat.v1 as tf


class Tower(object):
    def __init__(self, units):
        self.units = units

    def apply(self, x):
        with tf.variable_scope("tower"):
            self.hidden = tf.layers.dense(x, self.units, name="fc")
            return self.hidden
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Apply(nn.Module):
    def __init__(self, owner, units, name="tower"):
        super().__init__(name=name)
        self.owner = owner
        self.fc = nn.Dense(units, name=f"{name}/fc")

    def __call__(self, x):
        owner = self.owner
        owner.hidden = self.fc(x)
        return owner.hidden


class Tower(nn.Module):
    _apply = None  # Apply, made on the first call

    def __init__(self, units):
        super().__init__()
        self.units = units

    def apply(self, x):
        if self._apply is None:
            self._apply = Apply(owner=self, units=self.units)
        return self._apply(x)
