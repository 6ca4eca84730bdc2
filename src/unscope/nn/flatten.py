"""`Flatten`: `tf.compat.v1.layers.Flatten`, [batch, ...] -> [batch, prod(...)].

    y = Flatten()(x)             # channels_first inputs are moved to channels_last first
"""
from __future__ import annotations

import math

import tensorflow as tf

from .args import normalize_data_format
from .module import Module

__all__ = ["Flatten"]


class Flatten(Module):
    """TF1 `tf.layers.Flatten(data_format=None)`; no variables."""

    def __init__(self, data_format=None, name="flatten"):
        super().__init__(name=name)
        self.data_format = normalize_data_format(data_format)

    def __call__(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if self.data_format == "channels_first" and rank and rank > 1:
            inputs = tf.transpose(inputs, [0] + list(range(2, rank)) + [1])
        if rank == 1:
            return tf.expand_dims(inputs, axis=1)
        rest = inputs.shape[1:]
        width = math.prod(rest.as_list()) if rest.is_fully_defined() else -1
        outputs = tf.reshape(inputs, tf.stack([tf.shape(inputs)[0], width]))
        outputs.set_shape([inputs.shape[0], None if width == -1 else width])
        return outputs
