"""Convolutions with TF1 `tf.layers` semantics and variable names.

    conv = Conv2D(32, 3, strides=2, padding="same", name="model/block1/conv2d")
    y = conv(images)             # model/block1/conv2d/kernel:0 [3, 3, in, 32], .../bias:0

`Conv1D`, `Conv2D`, `Conv3D` (kernel/bias), `Conv2DTranspose` (kernel [kh, kw, filters,
in]), `SeparableConv2D` (depthwise_kernel/pointwise_kernel/bias). Kernels are created on
the first call; the ops are the ones TF1 ran (`tf.nn.convolution`, `conv2d_transpose`,
`separable_conv2d`, `bias_add`), data formats passed through unchanged.
"""
from __future__ import annotations

import tensorflow as tf

from .args import (get_activation, normalize_data_format, normalize_padding,
                   normalize_tuple, tf_data_format)
from .dense import layer_dtype
from .module import Module
from .variables import variable

__all__ = ["Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D"]


class _Conv(Module):
    _RANK = 2
    _KERNEL, _BIAS = "kernel", "bias"

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None,
                 use_bias=True, kernel_initializer=None, bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, dtype=None,
                 name=None):
        super().__init__(name=name if name is not None else f"conv{self._RANK}d")
        if activity_regularizer is not None:
            raise NotImplementedError(
                f"{self.scope_name}: activity_regularizer is not supported by unscope.nn; "
                f"add the loss where the output is used, e.g. loss += reg(y)")
        rank = self._RANK
        self.filters = int(filters)
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        allowed = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
        self.padding = normalize_padding(padding, allowed)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
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
        self._compute_dtype = None  # set on the first call, when the variables are created
        self.kernel = None
        self.bias = None

    @property
    def _channel_axis(self):
        return 1 if self.data_format == "channels_first" else -1

    def _in_channels(self, inputs):
        if inputs.shape.rank != self._RANK + 2:
            raise ValueError(f"{self.scope_name}: expected an input of rank {self._RANK + 2}, "
                             f"got shape {inputs.shape}")
        channels = inputs.shape[self._channel_axis]
        if channels is None:
            raise ValueError(f"{self.scope_name}: the channel dimension of the inputs must be "
                             f"known, got shape {inputs.shape}")
        return int(channels)

    def _kernel_shape(self, in_channels):
        return list(self.kernel_size) + [in_channels, self.filters]

    def _create(self, inputs, dtype):
        self.kernel = variable(self._variable_name(self._KERNEL),
                               self._kernel_shape(self._in_channels(inputs)), dtype,
                               self.kernel_initializer, self.trainable, self.kernel_regularizer,
                               self.kernel_constraint)
        self._create_bias(dtype)

    def _create_bias(self, dtype):
        if self.use_bias:
            self.bias = variable(self._variable_name(self._BIAS), [self.filters], dtype,
                                 self.bias_initializer, self.trainable, self.bias_regularizer,
                                 self.bias_constraint)

    def _prepare(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        if self._compute_dtype is None:
            dtype = layer_dtype(self._dtype, inputs)
            self._create(inputs, dtype)
            self._compute_dtype = dtype
        if inputs.dtype.base_dtype != self._compute_dtype:
            inputs = tf.cast(inputs, self._compute_dtype)
        return inputs

    def _convolve(self, inputs):
        padding = self.padding
        if padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            pads = [[0, 0], [left, 0], [0, 0]] if self.data_format == "channels_last" \
                else [[0, 0], [0, 0], [left, 0]]
            inputs = tf.pad(inputs, pads)
            padding = "valid"
        return tf.nn.convolution(inputs, self.kernel, strides=list(self.strides),
                                 padding=padding.upper(), dilations=list(self.dilation_rate),
                                 data_format=tf_data_format(self.data_format, self._RANK + 2))

    def _add_bias(self, outputs):
        if self.bias is None:
            return outputs
        if self._RANK == 1 and self.data_format == "channels_first":
            return outputs + tf.reshape(self.bias, (1, self.filters, 1))
        fmt = "NCHW" if self.data_format == "channels_first" else "NHWC"
        return tf.nn.bias_add(outputs, self.bias, data_format=fmt)

    def __call__(self, inputs):
        inputs = self._prepare(inputs)
        outputs = self._add_bias(self._convolve(inputs))
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs


class Conv1D(_Conv):
    """`tf.compat.v1.layers.Conv1D` (padding may also be "causal")."""
    _RANK = 1


class Conv2D(_Conv):
    """`tf.compat.v1.layers.Conv2D`: kernel [kh, kw, in, filters], bias [filters]."""
    _RANK = 2


class Conv3D(_Conv):
    """`tf.compat.v1.layers.Conv3D`: kernel [kd, kh, kw, in, filters], bias [filters]."""
    _RANK = 3


def deconv_output_length(length, kernel, padding, output_padding, stride, dilation):
    """Output length of a transposed convolution (TF1/Keras 2 `deconv_output_length`)."""
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(kernel - stride, 0)
        return length * stride
    pad = kernel // 2 if padding == "same" else 0
    return (length - 1) * stride + kernel - 2 * pad + output_padding


class Conv2DTranspose(_Conv):
    """`tf.compat.v1.layers.Conv2DTranspose`: kernel [kh, kw, filters, in], bias [filters]."""
    _RANK = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, dtype=None, output_padding=None,
                 name="conv2d_transpose"):
        super().__init__(filters, kernel_size, strides, padding, data_format, 1, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint,
                         bias_constraint, trainable, dtype, name)
        self.output_padding = (None if output_padding is None
                               else normalize_tuple(output_padding, 2, "output_padding"))

    def _kernel_shape(self, in_channels):
        return list(self.kernel_size) + [self.filters, in_channels]

    def _convolve(self, inputs):
        first = self.data_format == "channels_first"
        h_axis, w_axis = (2, 3) if first else (1, 2)
        dynamic = tf.shape(inputs)
        sizes = []
        for i, axis in enumerate((h_axis, w_axis)):
            length = inputs.shape[axis]
            length = int(length) if length is not None else dynamic[axis]
            pad = None if self.output_padding is None else self.output_padding[i]
            sizes.append(deconv_output_length(length, self.kernel_size[i], self.padding, pad,
                                              self.strides[i], 1))
        batch = dynamic[0]
        shape = [batch, self.filters] + sizes if first else [batch] + sizes + [self.filters]
        outputs = tf.nn.conv2d_transpose(inputs, self.kernel, tf.stack(shape), list(self.strides),
                                         padding=self.padding.upper(),
                                         data_format="NCHW" if first else "NHWC")
        static = [inputs.shape[0]] + [s if isinstance(s, int) else None for s in sizes]
        static = ([static[0], self.filters] + static[1:]) if first else static + [self.filters]
        outputs.set_shape(static)
        return outputs


class SeparableConv2D(_Conv):
    """`tf.compat.v1.layers.SeparableConv2D`: depthwise_kernel [kh, kw, in, depth_multiplier],
    pointwise_kernel [1, 1, in * depth_multiplier, filters], bias [filters]."""
    _RANK = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer="zeros",
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, trainable=True, dtype=None,
                 name="separable_conv2d"):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, None, bias_initializer, None, bias_regularizer,
                         activity_regularizer, None, bias_constraint, trainable, dtype, name)
        self.depth_multiplier = int(depth_multiplier)
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer
        self.depthwise_regularizer = depthwise_regularizer
        self.pointwise_regularizer = pointwise_regularizer
        self.depthwise_constraint = depthwise_constraint
        self.pointwise_constraint = pointwise_constraint
        self.depthwise_kernel = None
        self.pointwise_kernel = None

    def _create(self, inputs, dtype):
        channels = self._in_channels(inputs)
        self.depthwise_kernel = variable(
            self._variable_name("depthwise_kernel"),
            list(self.kernel_size) + [channels, self.depth_multiplier], dtype,
            self.depthwise_initializer, self.trainable, self.depthwise_regularizer,
            self.depthwise_constraint)
        self.pointwise_kernel = variable(
            self._variable_name("pointwise_kernel"),
            [1, 1, channels * self.depth_multiplier, self.filters], dtype,
            self.pointwise_initializer, self.trainable, self.pointwise_regularizer,
            self.pointwise_constraint)
        self._create_bias(dtype)

    def _convolve(self, inputs):
        first = self.data_format == "channels_first"
        strides = (1, 1) + self.strides if first else (1,) + self.strides + (1,)
        return tf.nn.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                      strides=list(strides), padding=self.padding.upper(),
                                      data_format="NCHW" if first else "NHWC",
                                      dilations=list(self.dilation_rate))
