"""Convolution layers of TF1 ``tf.layers``: conv1d/2d/3d, separable and transposed convolutions.

Variable names as TF1: ``conv2d/kernel`` ``kernel_size + (in, filters)``, ``conv2d/bias``;
``separable_conv2d/depthwise_kernel``, ``/pointwise_kernel``, ``/bias``;
``conv2d_transpose/kernel`` ``kernel_size + (filters, in)``.

>>> h = unscope.layers.conv2d(images, 32, 3, padding="same", activation=tf.nn.relu)
"""
from __future__ import annotations

import tensorflow as tf

from unscope.layers import _args, _resolve
from unscope.layers.base import InputSpec, Layer

_zeros = tf.compat.v1.zeros_initializer()


class _Conv(Layer):
    """N-D convolution (``rank`` spatial dimensions) plus bias and activation."""

    _rank = None

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=_zeros, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        rank = self._rank
        self.filters = int(filters) if filters is not None else None
        if self.filters is not None and self.filters <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly positive "
                             f"value. Received filters={filters}.")
        self.kernel_size = _args.normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = _args.normalize_tuple(strides, rank, "strides")
        self.padding = _args.normalize_padding(padding, allow_causal=rank == 1)
        self.data_format = _args.normalize_data_format(data_format)
        self.dilation_rate = _args.normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = _resolve.activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(min_ndim=rank + 2)

    @property
    def _channel_axis(self):
        return 1 if self.data_format == "channels_first" else -1

    @property
    def _tf_data_format(self):
        return _args.tf_data_format(self.data_format, self._rank + 2)

    def _input_channels(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        channels = tf.compat.dimension_value(input_shape[self._channel_axis])
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. The input_shape "
                             f"received is {input_shape}, where axis {self._channel_axis} (0-based) "
                             "is the channel dimension, which found to be `None`.")
        return int(channels)

    def _add_bias(self, name="bias"):
        if not self.use_bias:
            return None
        return self.add_weight(name, shape=(self.filters,), initializer=self.bias_initializer,
                               regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                               trainable=True, dtype=self.dtype)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.kernel = self.add_weight("kernel", shape=self.kernel_size + (channels, self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        self.bias = self._add_bias()
        self.input_spec = InputSpec(min_ndim=self._rank + 2, axes={self._channel_axis: channels})
        self.built = True

    def _causal_pad(self, inputs):
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        if self.data_format == "channels_last":
            return tf.pad(inputs, [[0, 0], [left, 0], [0, 0]])
        return tf.pad(inputs, [[0, 0], [0, 0], [left, 0]])

    def _bias_add(self, outputs):
        if self.bias is None:
            return outputs
        if self.data_format == "channels_last":
            return tf.nn.bias_add(outputs, self.bias)
        if outputs.shape.rank == 3:
            return outputs + tf.reshape(self.bias, (1, self.filters, 1))
        data_format = _args.tf_data_format(self.data_format, outputs.shape.rank)
        return tf.nn.bias_add(outputs, self.bias, data_format=data_format)

    def _activate(self, outputs):
        return self.activation(outputs) if self.activation is not None else outputs

    def _spatial_output_shape(self, spatial):
        return [_args.conv_output_length(length, self.kernel_size[i], self.padding,
                                         self.strides[i], self.dilation_rate[i])
                for i, length in enumerate(spatial)]

    def compute_output_shape(self, input_shape):
        """The output's static shape for ``input_shape`` (TF1: TensorShape in, TensorShape out)."""
        shape = tf.TensorShape(input_shape).as_list()
        batch_rank = len(shape) - self._rank - 1
        try:
            if self.data_format == "channels_last":
                return tf.TensorShape(shape[:batch_rank]
                                      + self._spatial_output_shape(shape[batch_rank:-1])
                                      + [self.filters])
            return tf.TensorShape(shape[:batch_rank] + [self.filters]
                                  + self._spatial_output_shape(shape[batch_rank + 1:]))
        except ValueError:
            raise ValueError(f"One of the dimensions in the output is <= 0 due to downsampling in "
                             f"{self.name}. Consider increasing the input size. Received input "
                             f"shape {shape} which would produce output shape with a zero or "
                             "negative value in a dimension.") from None

    def call(self, inputs):
        padding = self.padding
        if padding == "causal":
            inputs = self._causal_pad(inputs)
            padding = "valid"
        outputs = tf.nn.convolution(inputs, self.kernel, strides=list(self.strides),
                                    padding=padding.upper(), dilations=list(self.dilation_rate),
                                    data_format=self._tf_data_format, name=f"Conv{self._rank}D")
        return self._activate(self._bias_add(outputs))


class Conv1D(_Conv):
    """1-D convolution (``padding`` ``valid``/``same``/``causal``); variables ``conv1d/kernel|bias``."""

    _rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=_zeros, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, trainable, name, **kwargs)


class Conv2D(_Conv):
    """2-D convolution; variables ``conv2d/kernel`` ``(kh, kw, in, filters)`` and ``conv2d/bias``."""

    _rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, trainable, name, **kwargs)


class Conv3D(_Conv):
    """3-D convolution; variables ``conv3d/kernel`` and ``conv3d/bias``."""

    _rank = 3

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1, 1), activation=None,
                 use_bias=True, kernel_initializer=None, bias_initializer=_zeros,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, trainable, name, **kwargs)


class _SeparableConv(_Conv):
    """Depthwise convolution then a 1x1 pointwise convolution, plus bias."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer=None, pointwise_initializer=None, bias_initializer=_zeros,
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, bias_initializer=bias_initializer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer
        self.depthwise_regularizer = depthwise_regularizer
        self.pointwise_regularizer = pointwise_regularizer
        self.depthwise_constraint = depthwise_constraint
        self.pointwise_constraint = pointwise_constraint

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.input_spec = InputSpec(ndim=self._rank + 2, axes={self._channel_axis: channels})
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel",
            shape=(1,) * self._rank + (self.depth_multiplier * channels, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = self._add_bias()
        self.built = True


class SeparableConv1D(_SeparableConv):
    """Depthwise-separable 1-D convolution (run as a 2-D one over a unit height)."""

    _rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer=None, pointwise_initializer=None, bias_initializer=_zeros,
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, activation, use_bias, depthwise_initializer,
                         pointwise_initializer, bias_initializer, depthwise_regularizer,
                         pointwise_regularizer, bias_regularizer, activity_regularizer,
                         depthwise_constraint, pointwise_constraint, bias_constraint, trainable,
                         name, **kwargs)

    def call(self, inputs):
        padding = self.padding
        if padding == "causal":
            inputs = self._causal_pad(inputs)
            padding = "valid"
        if self.data_format == "channels_last":
            strides, spatial = (1, 1) + self.strides + (1,), 1
        else:
            strides, spatial = (1, 1, 1) + self.strides, 2
        data_format = _args.tf_data_format(self.data_format, 4)
        outputs = tf.compat.v1.nn.separable_conv2d(
            tf.expand_dims(inputs, spatial), tf.expand_dims(self.depthwise_kernel, 0),
            tf.expand_dims(self.pointwise_kernel, 0), strides=strides, padding=padding.upper(),
            rate=(1,) + self.dilation_rate, data_format=data_format)
        if self.bias is not None:
            outputs = tf.nn.bias_add(outputs, self.bias, data_format=data_format)
        return self._activate(tf.squeeze(outputs, [spatial]))


class SeparableConv2D(_SeparableConv):
    """Depthwise-separable 2-D convolution; ``separable_conv2d/depthwise_kernel|pointwise_kernel|bias``."""

    _rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=_zeros, depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, activation, use_bias, depthwise_initializer,
                         pointwise_initializer, bias_initializer, depthwise_regularizer,
                         pointwise_regularizer, bias_regularizer, activity_regularizer,
                         depthwise_constraint, pointwise_constraint, bias_constraint, trainable,
                         name, **kwargs)

    def call(self, inputs):
        if self.data_format == "channels_last":
            strides = (1,) + self.strides + (1,)
        else:
            strides = (1, 1) + self.strides
        outputs = tf.nn.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                         strides=strides, padding=self.padding.upper(),
                                         dilations=self.dilation_rate,
                                         data_format=self._tf_data_format)
        return self._activate(self._bias_add(outputs))


class _ConvTranspose(_Conv):
    """Transposed convolution; the kernel is ``kernel_size + (filters, in)`` as in TF1."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 activation=None, use_bias=True, kernel_initializer=None, bias_initializer=_zeros,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        # TF1's tf.layers passed these on to Keras, which took them as keywords.
        output_padding = kwargs.pop("output_padding", None)
        dilation_rate = kwargs.pop("dilation_rate", 1) if self._rank == 2 else 1
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, trainable, name, **kwargs)
        self.input_spec = InputSpec(ndim=self._rank + 2)
        self.output_padding = output_padding
        if output_padding is not None:
            self.output_padding = _args.normalize_tuple(output_padding, self._rank, "output_padding")
            if any(pad >= stride for stride, pad in zip(self.strides, self.output_padding)):
                raise ValueError("Strides must be greater than output padding. Received "
                                 f"strides={self.strides}, output_padding={self.output_padding}.")

    def build(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        if input_shape.rank != self._rank + 2:
            raise ValueError(f"Inputs should have rank {self._rank + 2}. "
                             f"Received input_shape={input_shape}.")
        channels = self._input_channels(input_shape)
        self.input_spec = InputSpec(ndim=self._rank + 2, axes={self._channel_axis: channels})
        self.kernel = self.add_weight("kernel", shape=self.kernel_size + (self.filters, channels),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        self.bias = self._add_bias()
        self.built = True

    def _output_shape(self, inputs):
        first = self.data_format == "channels_first"
        axes = range(2, self._rank + 2) if first else range(1, self._rank + 1)
        static = inputs.shape.as_list()
        dynamic = tf.shape(inputs)
        spatial = []
        static_spatial = []
        for i, axis in enumerate(axes):
            length = static[axis] if static[axis] is not None else dynamic[axis]
            out = self._output_length(length, i)
            spatial.append(out)
            static_spatial.append(out if static[axis] is not None else None)
        if first:
            return [dynamic[0], self.filters, *spatial], [static[0], self.filters, *static_spatial]
        return [dynamic[0], *spatial, self.filters], [static[0], *static_spatial, self.filters]

    def _output_length(self, length, i):
        padding = None if self.output_padding is None else self.output_padding[i]
        return _args.deconv_output_length(length, self.kernel_size[i], self.padding,
                                          self.strides[i], self.dilation_rate[i], padding)

    def compute_output_shape(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        channel = 1 if first else self._rank + 1
        spatial = range(2, self._rank + 2) if first else range(1, self._rank + 1)
        shape[channel] = self.filters
        for i, axis in enumerate(spatial):
            shape[axis] = self._output_length(shape[axis], i)
        return tf.TensorShape(shape)

    def call(self, inputs):
        output_shape, static_shape = self._output_shape(inputs)
        if self.data_format == "channels_first":
            strides = (1, 1) + self.strides
        else:
            strides = (1,) + self.strides + (1,)
        transpose = tf.nn.conv2d_transpose if self._rank == 2 else tf.nn.conv3d_transpose
        if self._rank == 2 and self.dilation_rate != (1, 1):
            outputs = self._atrous_transpose(inputs, output_shape)
        else:
            outputs = transpose(inputs, self.kernel, tf.stack(output_shape), strides=strides,
                                padding=self.padding.upper(), data_format=self._tf_data_format)
        if not tf.executing_eagerly():
            outputs.set_shape(static_shape)
        return self._activate(self._bias_add(outputs))


class Conv2DTranspose(_ConvTranspose):
    """Transposed 2-D convolution ("deconvolution"); ``conv2d_transpose/kernel`` ``(kh, kw, filters, in)``.

    As in TF1, ``output_padding`` and ``dilation_rate`` (equal rates) are accepted as keywords.
    """

    _rank = 2

    def _atrous_transpose(self, inputs, output_shape):
        """Dilated transposed convolution, as TF1 Keras ran it: channels-last, one rate."""
        if self.dilation_rate[0] != self.dilation_rate[1]:
            raise ValueError("Expected the two dilation rates to be equal. "
                             f"Received: dilation_rate={self.dilation_rate}")
        first = self.data_format == "channels_first"
        if first:
            inputs = tf.transpose(inputs, (0, 2, 3, 1))
            output_shape = [output_shape[0], output_shape[2], output_shape[3], output_shape[1]]
        outputs = tf.nn.atrous_conv2d_transpose(inputs, self.kernel, tf.stack(output_shape),
                                                rate=self.dilation_rate[0],
                                                padding=self.padding.upper())
        return tf.transpose(outputs, (0, 3, 1, 2)) if first else outputs

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint,
                         bias_constraint, trainable, name, **kwargs)


class Conv3DTranspose(_ConvTranspose):
    """Transposed 3-D convolution; ``conv3d_transpose/kernel`` ``(kd, kh, kw, filters, in)``."""

    _rank = 3

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint,
                         bias_constraint, trainable, name, **kwargs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
           dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=_zeros, kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
           trainable=True, name=None, reuse=None):
    """Functional ``Conv1D`` (TF1 ``tf.layers.conv1d``)."""
    return Conv1D(filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
                  use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                  bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                  trainable, name, _scope=name, _reuse=reuse)(inputs)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``Conv2D`` (TF1 ``tf.layers.conv2d``).

    >>> h = unscope.layers.conv2d(x, 16, 3, strides=2, padding="same")   # conv2d/kernel:0
    """
    return Conv2D(filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
                  use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                  bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                  trainable, name, _scope=name, _reuse=reuse)(inputs)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``Conv3D`` (TF1 ``tf.layers.conv3d``)."""
    return Conv3D(filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
                  use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                  bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                  trainable, name, _scope=name, _reuse=reuse)(inputs)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=_zeros,
                     depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None,
                     pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                     reuse=None):
    """Functional ``SeparableConv1D`` (TF1 ``tf.layers.separable_conv1d``)."""
    return SeparableConv1D(filters, kernel_size, strides, padding, data_format, dilation_rate,
                           depth_multiplier, activation, use_bias, depthwise_initializer,
                           pointwise_initializer, bias_initializer, depthwise_regularizer,
                           pointwise_regularizer, bias_regularizer, activity_regularizer,
                           depthwise_constraint, pointwise_constraint, bias_constraint,
                           trainable, name, _scope=name, _reuse=reuse)(inputs)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=_zeros,
                     depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None,
                     pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                     reuse=None):
    """Functional ``SeparableConv2D`` (TF1 ``tf.layers.separable_conv2d``)."""
    return SeparableConv2D(filters, kernel_size, strides, padding, data_format, dilation_rate,
                           depth_multiplier, activation, use_bias, depthwise_initializer,
                           pointwise_initializer, bias_initializer, depthwise_regularizer,
                           pointwise_regularizer, bias_regularizer, activity_regularizer,
                           depthwise_constraint, pointwise_constraint, bias_constraint,
                           trainable, name, _scope=name, _reuse=reuse)(inputs)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``Conv2DTranspose`` (TF1 ``tf.layers.conv2d_transpose``)."""
    return Conv2DTranspose(filters, kernel_size, strides, padding, data_format, activation,
                           use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, activity_regularizer, kernel_constraint,
                           bias_constraint, trainable, name, _scope=name, _reuse=reuse)(inputs)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=_zeros, kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``Conv3DTranspose`` (TF1 ``tf.layers.conv3d_transpose``)."""
    return Conv3DTranspose(filters, kernel_size, strides, padding, data_format, activation,
                           use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, activity_regularizer, kernel_constraint,
                           bias_constraint, trainable, name, _scope=name, _reuse=reuse)(inputs)
