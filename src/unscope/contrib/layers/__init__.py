"""`unscope.contrib.layers`: replaces ``tf.contrib.layers`` with TF1's variable names.

    from unscope.contrib import layers
    net = layers.conv2d(images, 32, [3, 3], normalizer_fn=layers.batch_norm)
    net = layers.fully_connected(layers.flatten(net), 10, activation_fn=None,
                                 weights_regularizer=layers.l2_regularizer(1e-4))

Every layer is decorated with `add_arg_scope`, so
``unscope.contrib.framework.arg_scope`` sets its defaults.
"""
from unscope.contrib.layers import utils
from unscope.contrib.layers.convolution import (
    conv1d,
    conv2d,
    conv2d_transpose,
    conv3d,
    convolution,
    convolution1d,
    convolution2d,
    convolution2d_transpose,
    convolution3d,
    separable_conv2d,
    separable_convolution2d,
)
from unscope.contrib.layers.core import dropout, flatten, one_hot_encoding, repeat, stack
from unscope.contrib.layers.dense import bias_add, elu, fully_connected, linear, relu, relu6
from unscope.contrib.layers.encoders import embed_sequence
from unscope.contrib.layers.initializers import (
    variance_scaling_initializer,
    xavier_initializer,
    xavier_initializer_conv2d,
)
from unscope.contrib.layers.normalization import batch_norm, layer_norm
from unscope.contrib.layers.pooling import avg_pool2d, avg_pool3d, max_pool2d, max_pool3d, pool
from unscope.contrib.layers.regularizers import (
    apply_regularization,
    l1_l2_regularizer,
    l1_regularizer,
    l2_regularizer,
    sum_regularizer,
)

__all__ = [
    "apply_regularization",
    "avg_pool2d",
    "avg_pool3d",
    "batch_norm",
    "bias_add",
    "conv1d",
    "conv2d",
    "conv2d_transpose",
    "conv3d",
    "convolution",
    "convolution1d",
    "convolution2d",
    "convolution2d_transpose",
    "convolution3d",
    "dropout",
    "elu",
    "embed_sequence",
    "flatten",
    "fully_connected",
    "l1_l2_regularizer",
    "l1_regularizer",
    "l2_regularizer",
    "layer_norm",
    "linear",
    "max_pool2d",
    "max_pool3d",
    "one_hot_encoding",
    "pool",
    "relu",
    "relu6",
    "repeat",
    "separable_conv2d",
    "separable_convolution2d",
    "stack",
    "sum_regularizer",
    "utils",
    "variance_scaling_initializer",
    "xavier_initializer",
    "xavier_initializer_conv2d",
]
