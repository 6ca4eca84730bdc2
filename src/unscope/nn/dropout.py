"""`Dropout`: `tf.compat.v1.layers.Dropout` (no variables; `training=False` by default).

    drop = Dropout(0.1, name="model/h0/attn/dropout")
    y = drop(x, training=True)   # tf.nn.dropout(x, rate=0.1); training=False returns x
"""
from __future__ import annotations

import numbers

import tensorflow as tf

from .module import Module, smart_cond

__all__ = ["Dropout"]


class Dropout(Module):
    """TF1 `tf.layers.Dropout(rate=0.5, noise_shape=None, seed=None)`; `training` may be a
    Python bool or a boolean tensor."""

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name="dropout"):
        super().__init__(name=name)
        self.rate = rate
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed

    def _noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        dynamic = tf.shape(inputs)
        return tf.stack([dynamic[i] if d is None else d for i, d in enumerate(self.noise_shape)])

    def __call__(self, inputs, training=False):
        inputs = tf.convert_to_tensor(inputs)
        if isinstance(self.rate, numbers.Real) and self.rate == 0:
            return tf.identity(inputs)
        return smart_cond(
            training,
            lambda: tf.nn.dropout(inputs, rate=self.rate, noise_shape=self._noise_shape(inputs),
                                  seed=self.seed),
            lambda: tf.identity(inputs))
