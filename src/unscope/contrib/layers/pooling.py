"""Pooling of ``tf.contrib.layers`` / tf_slim (no variables).

    net = max_pool2d(net, [2, 2])              # stride 2, padding VALID (TF1's defaults)
    net = avg_pool2d(net, 3, stride=1, padding="SAME")
"""
from __future__ import annotations

import tensorflow as tf

from unscope.contrib.framework.arg_scope import add_layer_arg_scope
from unscope.contrib.layers.utils import collect_named_outputs, n_positive_integers

__all__ = ["max_pool2d", "avg_pool2d", "max_pool3d", "avg_pool3d", "pool"]


def _pool(op, default_name, n, formats, inputs, kernel_size, stride, padding, data_format,
          outputs_collections, scope):
    if data_format not in formats:
        raise ValueError("data_format has to be either %s or %s." % formats)
    with tf.compat.v1.name_scope(scope, default_name, [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        ksize = n_positive_integers(n, kernel_size)
        strides = n_positive_integers(n, stride)
        if data_format.startswith("NC"):
            ksize, strides = (1, 1) + ksize, (1, 1) + strides
        else:
            ksize, strides = (1,) + ksize + (1,), (1,) + strides + (1,)
        outputs = op(inputs, ksize=list(ksize), strides=list(strides), padding=padding.upper(),
                     data_format=data_format)
        return collect_named_outputs(outputs_collections, sc, outputs)


@add_layer_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D max pooling over ``[batch, height, width, channels]`` (or NCHW)."""
    return _pool(tf.nn.max_pool2d, "MaxPool2D", 2, ("NCHW", "NHWC"), inputs, kernel_size,
                 stride, padding, data_format, outputs_collections, scope)


@add_layer_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D average pooling over ``[batch, height, width, channels]`` (or NCHW)."""
    return _pool(tf.nn.avg_pool2d, "AvgPool2D", 2, ("NCHW", "NHWC"), inputs, kernel_size,
                 stride, padding, data_format, outputs_collections, scope)


@add_layer_arg_scope
def max_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format="NDHWC",
               outputs_collections=None, scope=None):
    """3-D max pooling over ``[batch, depth, height, width, channels]`` (or NCDHW)."""
    return _pool(tf.nn.max_pool3d, "MaxPool3D", 3, ("NCDHW", "NDHWC"), inputs, kernel_size,
                 stride, padding, data_format, outputs_collections, scope)


@add_layer_arg_scope
def avg_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format="NDHWC",
               outputs_collections=None, scope=None):
    """3-D average pooling over ``[batch, depth, height, width, channels]`` (or NCDHW)."""
    return _pool(tf.nn.avg_pool3d, "AvgPool3D", 3, ("NCDHW", "NDHWC"), inputs, kernel_size,
                 stride, padding, data_format, outputs_collections, scope)


@add_layer_arg_scope
def pool(inputs, kernel_size, pooling_type, padding="VALID", data_format=None, dilation_rate=1,
         stride=1, outputs_collections=None, scope=None):
    """N-D pooling (``pooling_type`` "AVG" or "MAX") with dilation, via `tf.nn.pool`."""
    with tf.compat.v1.name_scope(scope, "%s_pool" % pooling_type.lower(), [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank is None:
            raise ValueError("Rank of inputs must be known")
        if rank < 3:
            raise ValueError("Rank of inputs must be >= 3")
        n = rank - 2
        outputs = tf.nn.pool(inputs, window_shape=n_positive_integers(n, kernel_size),
                             pooling_type=pooling_type, padding=padding,
                             data_format=data_format,
                             dilations=n_positive_integers(n, dilation_rate),
                             strides=n_positive_integers(n, stride))
        return collect_named_outputs(outputs_collections, sc, outputs)
