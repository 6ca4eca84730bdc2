"""`fully_connected` and `bias_add` of ``tf.contrib.layers`` / tf_slim.

    net = fully_connected(x, 64)                        # fully_connected/weights, /biases
    net = fully_connected(net, 10, activation_fn=None, scope="logits")

Variables are TF1's: ``<scope>/weights`` ``[in, out]`` and ``<scope>/biases``
``[out]`` (no biases when a `normalizer_fn` is given or `biases_initializer`
is None), in GLOBAL_VARIABLES and MODEL_VARIABLES; regularizers go through
`get_variable` into REGULARIZATION_LOSSES.
"""
from __future__ import annotations

import functools

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.arg_scope import add_layer_arg_scope
from unscope.contrib.framework.variables import model_variable
from unscope.contrib.layers import initializers
from unscope.contrib.layers.utils import collect_named_outputs, get_variable_collections

__all__ = ["fully_connected", "bias_add", "linear", "relu", "relu6", "elu"]

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"


def layer_variable(name, shape, dtype, initializer, regularizer, variables_collections,
                   trainable):
    """A layer's model variable, also added to its entry of `variables_collections`."""
    return model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                          regularizer=regularizer,
                          collections=get_variable_collections(variables_collections, name),
                          trainable=trainable)


def apply_bias(outputs, dtype, n_out, biases_initializer, biases_regularizer,
               variables_collections, trainable, data_format=None):
    biases = layer_variable("biases", [n_out], dtype, biases_initializer, biases_regularizer,
                            variables_collections, trainable)
    return tf.nn.bias_add(outputs, biases, data_format=data_format)


@add_layer_arg_scope
def fully_connected(inputs,
                    num_outputs,
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
    """``activation_fn(normalizer_fn(x @ weights) or x @ weights + biases)``.

    Inputs of rank > 2 are contracted on their last axis (as TF1's Dense layer
    does), keeping the leading axes.
    """
    if isinstance(num_outputs, bool) or not isinstance(num_outputs, int):
        raise ValueError("num_outputs should be int or long, got %s." % (num_outputs,))
    with rt.variable_scope(scope, "fully_connected", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        rank = inputs.shape.rank
        if rank is not None and rank < 2:
            raise ValueError(
                "Input 0 of layer %s is incompatible with the layer: expected min_ndim=2, "
                "found ndim=%d. Full shape received: %s" % (sc.name, rank, inputs.shape))
        n_in = inputs.shape[-1] if rank is not None else None
        if n_in is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                             "Found `None`.")
        weights = layer_variable("weights", [n_in, num_outputs], dtype, weights_initializer,
                                 weights_regularizer, variables_collections, trainable)
        if rank == 2:
            outputs = tf.matmul(inputs, weights)
        else:
            outputs = tf.tensordot(inputs, weights, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([num_outputs]))
        if not normalizer_fn and biases_initializer:
            outputs = apply_bias(outputs, dtype, num_outputs, biases_initializer,
                                 biases_regularizer, variables_collections, trainable)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_layer_arg_scope
def bias_add(inputs,
             activation_fn=None,
             initializer=tf.compat.v1.zeros_initializer(),
             regularizer=None,
             reuse=None,
             variables_collections=None,
             outputs_collections=None,
             trainable=True,
             data_format=DATA_FORMAT_NHWC,
             scope=None):
    """Add a ``BiasAdd/biases`` variable over the channel axis (also usable as `normalizer_fn`)."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with rt.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank is None:
            raise ValueError("Dims of shape must be known but is None")
        if rank != 4 and data_format == DATA_FORMAT_NCHW:
            raise ValueError("Data format NCHW only supports 4D Tensor")
        n = inputs.shape[1 if data_format == DATA_FORMAT_NCHW else -1]
        if n is None:
            raise ValueError("`C` dimension must be known but is None")
        outputs = apply_bias(inputs, inputs.dtype.base_dtype, n, initializer, regularizer,
                             variables_collections, trainable, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


elu = functools.partial(fully_connected, activation_fn=tf.nn.elu)
relu = functools.partial(fully_connected, activation_fn=tf.nn.relu)
relu6 = functools.partial(fully_connected, activation_fn=tf.nn.relu6)
linear = functools.partial(fully_connected, activation_fn=None)
