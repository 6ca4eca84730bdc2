"""`LayerNorm`: `tf.contrib.layers.layer_norm` with its variable names (LayerNorm/beta, gamma).

    ln = LayerNorm(name="model/h0/ln_1/LayerNorm")
    y = ln(x)                    # normalizes over axes 1..rank-1, scales over the last axis

Contrib's formula and constants: moments over `begin_norm_axis:`, `beta`/`gamma` shaped
`inputs.shape[begin_params_axis:]` in the input's dtype, `tf.nn.batch_normalization` with
epsilon 1e-12 (1e-3 for float16).
"""
from __future__ import annotations

import tensorflow as tf

from .args import get_activation
from .module import Module
from .variables import variable

__all__ = ["LayerNorm"]


class LayerNorm(Module):
    """`tf.contrib.layers.layer_norm(inputs, center, scale, activation_fn, trainable,
    begin_norm_axis=1, begin_params_axis=-1, scope)` as a module; `name` is the scope path.

    `beta_regularizer` / `gamma_regularizer` stand for a TF1 scope-level regularizer, which
    reached both variables through `get_variable`."""

    def __init__(self, center=True, scale=True, activation_fn=None, trainable=True,
                 begin_norm_axis=1, begin_params_axis=-1, name="LayerNorm",
                 beta_regularizer=None, gamma_regularizer=None):
        super().__init__(name=name)
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.center = bool(center)
        self.scale = bool(scale)
        self.activation_fn = get_activation(activation_fn)
        self.trainable = bool(trainable)
        self.begin_norm_axis = int(begin_norm_axis)
        self.begin_params_axis = int(begin_params_axis)
        self.beta = None
        self.gamma = None
        self._built = False

    def _axes(self, inputs):
        rank = inputs.shape.rank
        if rank is None:
            raise ValueError(f"{self.scope_name}: inputs have undefined rank")
        norm_axis = self.begin_norm_axis
        if norm_axis < 0:
            norm_axis += rank
        if self.begin_params_axis >= rank or norm_axis >= rank:
            raise ValueError(
                f"begin_params_axis ({self.begin_params_axis}) and begin_norm_axis "
                f"({norm_axis}) must be < rank(inputs) ({rank})")
        return list(range(norm_axis, rank))

    def _create(self, inputs):
        params_shape = inputs.shape[self.begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError(f"{self.scope_name}: shape(inputs)[{self.begin_params_axis}:] is not "
                             f"fully defined: {inputs.shape}")
        dtype = inputs.dtype.base_dtype
        if self.center:
            self.beta = variable(self._variable_name("beta"), params_shape, dtype, "zeros",
                                 self.trainable, self.beta_regularizer)
        if self.scale:
            self.gamma = variable(self._variable_name("gamma"), params_shape, dtype, "ones",
                                  self.trainable, self.gamma_regularizer)
        self._built = True

    def __call__(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        norm_axes = self._axes(inputs)
        if not self._built:
            self._create(inputs)
        epsilon = 1e-3 if inputs.dtype.base_dtype == tf.float16 else 1e-12
        mean, variance = tf.nn.moments(inputs, norm_axes, keepdims=True)
        outputs = tf.nn.batch_normalization(inputs, mean, variance, offset=self.beta,
                                            scale=self.gamma, variance_epsilon=epsilon)
        outputs.set_shape(inputs.shape)
        if self.activation_fn is not None:
            outputs = self.activation_fn(outputs)
        return outputs
