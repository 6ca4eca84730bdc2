"""`tf.contrib.layers` layers with contrib's names: weights/biases instead of kernel/bias.

    fc = FullyConnected(256, name="model/fc1")          # relu by default, like contrib
    y = fc(x)                    # model/fc1/weights:0 [in, 256], model/fc1/biases:0
    conv = ContribConv2D(64, [3, 3], name="model/conv1")  # padding SAME, relu
    bn_conv = ContribConv2D(64, 3, normalizer_fn=ContribBatchNorm(name="model/conv1/BatchNorm"),
                            name="model/conv1")         # no biases when normalized

Contrib built these on tf.layers' Dense/Conv with renamed variables, so the computation is
`Dense`'s and `Conv*D`'s; then the optional `normalizer_fn`, then `activation_fn`.
(`LayerNorm` and `ContribBatchNorm` live in layer_norm.py and batch_norm.py.)
"""
from __future__ import annotations

import functools

import tensorflow as tf

from .args import get_activation
from .conv import Conv1D, Conv2D, Conv3D
from .dense import Dense
from .module import Module

__all__ = ["FullyConnected", "ContribConv", "ContribConv1D", "ContribConv2D", "ContribConv3D"]


def _data_format(data_format):
    if data_format not in (None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"):
        raise ValueError(f"Invalid data_format: {data_format!r}")
    return "channels_first" if data_format and data_format.startswith("NC") else "channels_last"


class FullyConnected(Dense):
    """`tf.contrib.layers.fully_connected`: weights [in, num_outputs], biases; relu default.

    `normalizer_fn` (a module or function) replaces the biases; keyword arguments of the
    call are passed on to it, e.g. `fc(x, is_training=False)`.
    """

    _KERNEL, _BIAS = "weights", "biases"

    def __init__(self, num_outputs, activation_fn="relu", normalizer_fn=None,
                 weights_initializer=None, weights_regularizer=None,
                 biases_initializer="zeros", biases_regularizer=None, trainable=True,
                 name="fully_connected"):
        if not isinstance(num_outputs, int):
            raise ValueError(f"num_outputs type should be int, got {type(num_outputs)}")
        super().__init__(num_outputs, activation=None,
                         use_bias=normalizer_fn is None and biases_initializer is not None,
                         kernel_initializer=weights_initializer,
                         bias_initializer=biases_initializer,
                         kernel_regularizer=weights_regularizer,
                         bias_regularizer=biases_regularizer,
                         trainable=trainable, name=name)
        self.activation_fn = get_activation(activation_fn)
        self.normalizer_fn = normalizer_fn

    @property
    def weights(self):
        return self.kernel

    @property
    def biases(self):
        return self.bias

    def __call__(self, inputs, **normalizer_kwargs):
        outputs = self._linear(inputs)
        if self.normalizer_fn is not None:
            outputs = self.normalizer_fn(outputs, **normalizer_kwargs)
        if self.activation_fn is not None:
            outputs = self.activation_fn(outputs)
        return outputs


class _ContribConv:
    """Contrib's argument names and order on top of a tf.layers-style Conv*D."""

    _KERNEL, _BIAS = "weights", "biases"

    def __init__(self, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                 rate=1, activation_fn="relu", normalizer_fn=None, weights_initializer=None,
                 weights_regularizer=None, biases_initializer="zeros", biases_regularizer=None,
                 trainable=True, name="Conv"):
        super().__init__(num_outputs, kernel_size, strides=stride, padding=padding,
                         data_format=_data_format(data_format), dilation_rate=rate,
                         use_bias=normalizer_fn is None and biases_initializer is not None,
                         kernel_initializer=weights_initializer,
                         bias_initializer=biases_initializer,
                         kernel_regularizer=weights_regularizer,
                         bias_regularizer=biases_regularizer, trainable=trainable, name=name)
        self.activation_fn = get_activation(activation_fn)
        self.normalizer_fn = normalizer_fn

    @property
    def weights(self):
        return self.kernel

    @property
    def biases(self):
        return self.bias

    def __call__(self, inputs, **normalizer_kwargs):
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank != self._RANK + 2:
            raise ValueError(f"Convolution expects input with rank {self._RANK + 2}, got {rank}")
        outputs = super().__call__(inputs)
        if self.normalizer_fn is not None:
            outputs = self.normalizer_fn(outputs, **normalizer_kwargs)
        if self.activation_fn is not None:
            outputs = self.activation_fn(outputs)
        return outputs


class ContribConv1D(_ContribConv, Conv1D):
    """`tf.contrib.layers.conv1d`: weights [k, in, num_outputs], biases; SAME, relu."""


class ContribConv2D(_ContribConv, Conv2D):
    """`tf.contrib.layers.conv2d`: weights [kh, kw, in, num_outputs], biases; SAME, relu.

    `normalizer_fn` (a module or function) replaces the biases; keyword arguments of the
    call are passed on to it, e.g. `conv(x, is_training=False)`.
    """


class ContribConv3D(_ContribConv, Conv3D):
    """`tf.contrib.layers.conv3d`: weights [kd, kh, kw, in, num_outputs], biases."""


class ContribConv(Module):
    """`tf.contrib.layers.convolution`: 1-, 2- or 3-D by the input's rank (or `conv_dims`),
    with the arguments of `ContribConv2D`; the convolution itself is `self.conv`."""

    def __init__(self, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                 rate=1, activation_fn="relu", normalizer_fn=None, weights_initializer=None,
                 weights_regularizer=None, biases_initializer="zeros", biases_regularizer=None,
                 trainable=True, conv_dims=None, name="Conv"):
        super().__init__(name=name)
        _data_format(data_format)
        self.conv_dims = conv_dims
        # A partial, not a dict attribute: tf.Module would track a dict.
        self._make_conv = functools.partial(
            _make_conv, num_outputs=num_outputs, kernel_size=kernel_size, stride=stride,
            padding=padding, data_format=data_format, rate=rate, activation_fn=activation_fn,
            normalizer_fn=normalizer_fn, weights_initializer=weights_initializer,
            weights_regularizer=weights_regularizer, biases_initializer=biases_initializer,
            biases_regularizer=biases_regularizer, trainable=trainable, name=self.scope_name)
        self.conv = self._make_conv(conv_dims + 2) if conv_dims is not None else None

    @property
    def weights(self):
        return self.conv.kernel if self.conv is not None else None

    @property
    def biases(self):
        return self.conv.bias if self.conv is not None else None

    def __call__(self, inputs, **normalizer_kwargs):
        inputs = tf.convert_to_tensor(inputs)
        if self.conv is None:
            self.conv = self._make_conv(inputs.shape.rank)
        return self.conv(inputs, **normalizer_kwargs)


def _make_conv(rank, **kwargs):
    classes = {3: ContribConv1D, 4: ContribConv2D, 5: ContribConv3D}
    if rank not in classes:
        raise ValueError(f"Convolution not supported for input with rank {rank}")
    return classes[rank](**kwargs)
