"""`Dense`: TF1 `tf.layers.dense` as a `tf.Module` that keeps the TF1 variable names.

    dense = Dense(4, activation=tf.nn.relu, name="model/h0/mlp/dense")
    y = dense(x)                 # creates model/h0/mlp/dense/kernel:0 and .../bias:0
    y2 = dense(x2)               # the same variables: reuse is holding the same object

The kernel is created on the first call (its shape needs the input width). Defaults are
TF1's: Glorot-uniform kernel, zero bias, variables in the input's float dtype, `matmul`
for rank-2 inputs and `tensordot` over the last axis otherwise.
"""
from __future__ import annotations

import tensorflow as tf

from .args import get_activation
from .module import Module
from .variables import variable

__all__ = ["Dense"]


def layer_dtype(explicit, inputs):
    """TF1 layers take their dtype from the first input unless one was given."""
    if explicit is not None:
        return tf.as_dtype(explicit).base_dtype
    dtype = inputs.dtype.base_dtype
    return dtype if dtype.is_floating else tf.float32


class Dense(Module):
    """`tf.compat.v1.layers.Dense` with the same arguments, defaults and variable names.

    `name` is the full TF1 scope path of the layer, e.g. "model/h0/mlp/dense".
    """

    _KERNEL, _BIAS = "kernel", "bias"

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, dtype=None, name="dense"):
        super().__init__(name=name)
        if activity_regularizer is not None:
            raise NotImplementedError(
                f"{self.scope_name}: activity_regularizer is not supported by unscope.nn; "
                f"add the loss where the output is used, e.g. loss += reg(y)")
        self.units = int(units)
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.trainable = bool(trainable)
        self._dtype = dtype
        self.kernel = None
        self.bias = None

    def _create(self, inputs):
        in_dim = inputs.shape[-1]
        if in_dim is None:
            raise ValueError(f"{self.scope_name}: the last dimension of the inputs must be known, "
                             f"got shape {inputs.shape}")
        dtype = layer_dtype(self._dtype, inputs)
        self.kernel = variable(self._variable_name(self._KERNEL), [int(in_dim), self.units], dtype,
                               self.kernel_initializer, self.trainable, self.kernel_regularizer,
                               self.kernel_constraint)
        if self.use_bias:
            self.bias = variable(self._variable_name(self._BIAS), [self.units], dtype,
                                 self.bias_initializer, self.trainable, self.bias_regularizer,
                                 self.bias_constraint)

    def _linear(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        if self.kernel is None:
            self._create(inputs)
        if inputs.dtype.base_dtype != self.kernel.dtype.base_dtype:
            inputs = tf.cast(inputs, self.kernel.dtype)
        rank = inputs.shape.rank
        if rank == 2 or rank is None:
            outputs = tf.matmul(inputs, self.kernel)
        else:
            outputs = tf.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([self.units]))
        if self.bias is not None:
            outputs = tf.nn.bias_add(outputs, self.bias)
        return outputs

    def __call__(self, inputs):
        outputs = self._linear(inputs)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs
