"""Convolutions of ``tf.contrib.layers`` / tf_slim: conv1d/2d/3d, transpose, separable.

    net = conv2d(images, 32, [3, 3])                  # Conv/weights [3, 3, C, 32], Conv/biases
    net = conv2d(net, 64, 3, stride=2, scope="conv2", normalizer_fn=batch_norm)
    up = conv2d_transpose(net, 16, 3, stride=2)       # Conv2d_transpose/weights [3, 3, 16, 64]
    net = separable_conv2d(net, 64, 3)                # SeparableConv2d/depthwise_weights, ...

The default scope is ``Conv`` (``Conv_1``, ... when repeated), padding
``SAME``, activation relu; `rate` > 1 is an atrous (dilated) convolution.
"""
from __future__ import annotations

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.arg_scope import add_layer_arg_scope
from unscope.contrib.layers import initializers
from unscope.contrib.layers.dense import apply_bias, layer_variable
from unscope.contrib.layers.utils import collect_named_outputs

__all__ = ["convolution", "convolution1d", "convolution2d", "convolution3d",
           "conv1d", "conv2d", "conv3d", "convolution2d_transpose", "conv2d_transpose",
           "separable_convolution2d", "separable_conv2d"]

_DATA_FORMATS = (None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW")


def _tuple(value, n, what):
    if isinstance(value, int):
        return (value,) * n
    try:
        out = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        out = ()
    if len(out) != n:
        raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %r"
                         % (what, n, value))
    return out


def _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                 activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                 weights_regularizer, biases_initializer, biases_regularizer, reuse,
                 variables_collections, outputs_collections, trainable, scope, conv_dims):
    if data_format not in _DATA_FORMATS:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    with rt.variable_scope(scope, "Conv", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if conv_dims is not None and conv_dims + 2 != rank:
            raise ValueError("Convolution expects input with rank %d, got %d"
                             % (conv_dims + 2, rank))
        if rank not in (3, 4, 5):
            raise ValueError("Convolution not supported for input with rank", rank)
        n = rank - 2
        channels_first = bool(data_format) and data_format.startswith("NC")
        spatial = "DHW"[3 - n:]  # W, HW or DHW
        tf_format = "NC" + spatial if channels_first else "N" + spatial + "C"
        n_in = inputs.shape[1 if channels_first else -1]
        if n_in is None:
            raise ValueError("The channel dimension of the inputs should be defined. "
                             "Found `None`.")
        kernel = _tuple(kernel_size, n, "kernel_size")
        strides = _tuple(stride, n, "strides")
        dilations = _tuple(rate, n, "dilation_rate")
        dtype = inputs.dtype.base_dtype
        weights = layer_variable("weights", list(kernel) + [n_in, num_outputs], dtype,
                                 weights_initializer, weights_regularizer,
                                 variables_collections, trainable)
        outputs = tf.nn.convolution(inputs, weights, strides=list(strides),
                                    padding=padding.upper(), dilations=list(dilations),
                                    data_format=tf_format)
        if not normalizer_fn and biases_initializer:
            outputs = apply_bias(outputs, dtype, num_outputs, biases_initializer,
                                 biases_regularizer, variables_collections, trainable,
                                 data_format="NC..." if channels_first else "N...C")
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _make(conv_dims, name):
    def conv(inputs,
             num_outputs,
             kernel_size,
             stride=1,
             padding="SAME",
             data_format=None,
             rate=1,
             activation_fn=tf.nn.relu,
             normalizer_fn=None,
             normalizer_params=None,
             weights_initializer=initializers.xavier_initializer(),
             weights_regularizer=None,
             biases_initializer=tf.compat.v1.zeros_initializer(),
             biases_regularizer=None,
             reuse=None,
             variables_collections=None,
             outputs_collections=None,
             trainable=True,
             scope=None):
        return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format,
                            rate, activation_fn, normalizer_fn, normalizer_params,
                            weights_initializer, weights_regularizer, biases_initializer,
                            biases_regularizer, reuse, variables_collections,
                            outputs_collections, trainable, scope, conv_dims)

    conv.__name__ = conv.__qualname__ = name
    conv.__doc__ = (
        "A %s convolution (weights ``<scope>/weights``, biases ``<scope>/biases``), then the\n"
        "optional `normalizer_fn` (instead of biases) and `activation_fn`.\n"
        % ("N-D (rank from the inputs)" if conv_dims is None else "%d-D" % conv_dims))
    return add_layer_arg_scope(conv)


convolution = _make(None, "convolution")
convolution1d = _make(1, "convolution1d")
convolution2d = _make(2, "convolution2d")
convolution3d = _make(3, "convolution3d")
conv1d = convolution1d
conv2d = convolution2d
conv3d = convolution3d


def _deconv_length(length, kernel, stride, padding):
    """TF1's output length of a transposed convolution (works on ints and tensors)."""
    if length is None:
        return None
    if padding == "VALID":
        return length * stride + max(kernel - stride, 0)
    return length * stride


@add_layer_arg_scope
def convolution2d_transpose(inputs,
                            num_outputs,
                            kernel_size,
                            stride=1,
                            padding="SAME",
                            data_format="NHWC",
                            activation_fn=tf.nn.relu,
                            normalizer_fn=None,
                            normalizer_params=None,
                            weights_initializer=initializers.xavier_initializer(),
                            weights_regularizer=None,
                            biases_initializer=tf.compat.v1.zeros_initializer(),
                            biases_regularizer=None,
                            reuse=None,
                            variables_collections=None,
                            outputs_collections=None,
                            trainable=True,
                            scope=None):
    """Transposed 2-D convolution: ``Conv2d_transpose/weights`` is ``[kh, kw, out, in]``.

        up = conv2d_transpose(net, 16, [3, 3], stride=2)     # doubles height and width
    """
    with rt.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse) as sc:
        if data_format not in ("NCHW", "NHWC"):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        inputs = tf.convert_to_tensor(inputs)
        if inputs.shape.rank != 4:
            raise ValueError("Input 0 of layer %s is incompatible with the layer: expected "
                             "ndim=4, found ndim=%s" % (sc.name, inputs.shape.rank))
        channels_first = data_format == "NCHW"
        h_axis, w_axis, c_axis = (2, 3, 1) if channels_first else (1, 2, 3)
        n_in = inputs.shape[c_axis]
        if n_in is None:
            raise ValueError("The channel dimension of the inputs should be defined. "
                             "Found `None`.")
        kh, kw = _tuple(kernel_size, 2, "kernel_size")
        sh, sw = _tuple(stride, 2, "strides")
        padding = padding.upper()
        dtype = inputs.dtype.base_dtype
        weights = layer_variable("weights", [kh, kw, num_outputs, n_in], dtype,
                                 weights_initializer, weights_regularizer,
                                 variables_collections, trainable)
        dynamic = tf.shape(inputs)
        out_h = _deconv_length(inputs.shape[h_axis], kh, sh, padding)
        out_w = _deconv_length(inputs.shape[w_axis], kw, sw, padding)
        dyn_h = out_h if out_h is not None else _deconv_length(dynamic[h_axis], kh, sh, padding)
        dyn_w = out_w if out_w is not None else _deconv_length(dynamic[w_axis], kw, sw, padding)
        if channels_first:
            output_shape = tf.stack([dynamic[0], num_outputs, dyn_h, dyn_w])
            strides = [1, 1, sh, sw]
        else:
            output_shape = tf.stack([dynamic[0], dyn_h, dyn_w, num_outputs])
            strides = [1, sh, sw, 1]
        outputs = tf.nn.conv2d_transpose(inputs, weights, output_shape, strides,
                                         padding=padding, data_format=data_format)
        static = [inputs.shape[0], num_outputs, out_h, out_w] if channels_first else [
            inputs.shape[0], out_h, out_w, num_outputs]
        outputs.set_shape(static)
        if not normalizer_fn and biases_initializer:
            outputs = apply_bias(outputs, dtype, num_outputs, biases_initializer,
                                 biases_regularizer, variables_collections, trainable,
                                 data_format=data_format)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_layer_arg_scope
def separable_convolution2d(inputs,
                            num_outputs,
                            kernel_size,
                            depth_multiplier=1,
                            stride=1,
                            padding="SAME",
                            data_format="NHWC",
                            rate=1,
                            activation_fn=tf.nn.relu,
                            normalizer_fn=None,
                            normalizer_params=None,
                            weights_initializer=initializers.xavier_initializer(),
                            pointwise_initializer=None,
                            weights_regularizer=None,
                            biases_initializer=tf.compat.v1.zeros_initializer(),
                            biases_regularizer=None,
                            reuse=None,
                            variables_collections=None,
                            outputs_collections=None,
                            trainable=True,
                            scope=None):
    """Depthwise then (if `num_outputs`) pointwise convolution, scope ``SeparableConv2d``.

    Variables: ``depthwise_weights`` ``[kh, kw, in, depth_multiplier]``,
    ``pointwise_weights`` ``[1, 1, in * depth_multiplier, num_outputs]`` (only when
    `num_outputs` is not None), ``biases``.

        net = separable_conv2d(net, 64, [3, 3], depth_multiplier=1)
        net = separable_conv2d(net, None, 3)        # depthwise only (MobileNet)
    """
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with rt.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        if pointwise_initializer is None:
            pointwise_initializer = weights_initializer
        channels_first = data_format == "NCHW"
        if inputs.shape.rank is None or inputs.shape.rank < 4:
            raise ValueError("rank of shape must be at least 4 not: %s" % (inputs.shape.rank,))
        n_in = inputs.shape[1 if channels_first else -1]
        if n_in is None:
            raise ValueError("The channel dimension of the inputs should be defined. "
                             "Found `None`.")
        kh, kw = _tuple(kernel_size, 2, "kernel_size")
        sh, sw = _tuple(stride, 2, "strides")
        rates = _tuple(rate, 2, "dilation_rate")
        strides = [1, 1, sh, sw] if channels_first else [1, sh, sw, 1]
        dtype = inputs.dtype.base_dtype
        depthwise = layer_variable(
            "depthwise_weights", [kh, kw, n_in, depth_multiplier], dtype, weights_initializer,
            weights_regularizer, _weights_collections(variables_collections), trainable)
        if num_outputs is not None:
            pointwise = layer_variable(
                "pointwise_weights", [1, 1, n_in * depth_multiplier, num_outputs], dtype,
                pointwise_initializer, weights_regularizer,
                _weights_collections(variables_collections), trainable)
            outputs = tf.compat.v1.nn.separable_conv2d(
                inputs, depthwise, pointwise, strides, padding.upper(), rate=list(rates),
                data_format=data_format)
        else:
            outputs = tf.compat.v1.nn.depthwise_conv2d(
                inputs, depthwise, strides, padding.upper(), rate=list(rates),
                data_format=data_format)
            num_outputs = depth_multiplier * n_in
        if not normalizer_fn and biases_initializer:
            outputs = apply_bias(outputs, dtype, num_outputs, biases_initializer,
                                 biases_regularizer, variables_collections, trainable,
                                 data_format=data_format)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _weights_collections(variables_collections):
    # TF1 files both separable kernels under the "weights" entry of variables_collections.
    if isinstance(variables_collections, dict):
        return {"depthwise_weights": variables_collections.get("weights"),
                "pointwise_weights": variables_collections.get("weights")}
    return variables_collections


conv2d_transpose = convolution2d_transpose
separable_conv2d = separable_convolution2d
