"""Variable-free layers of ``tf.contrib.layers`` / tf_slim, plus `repeat` and `stack`.

    net = flatten(net)                              # [batch, k]
    net = dropout(net, keep_prob=0.8, is_training=training)
    net = repeat(net, 2, conv2d, 64, [3, 3], scope="conv1")   # conv1/conv1_1, conv1/conv1_2
    net = stack(net, fully_connected, [32, 64], scope="fc")    # fc/fc_1, fc/fc_2
"""
from __future__ import annotations

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.arg_scope import add_layer_arg_scope
from unscope.contrib.layers.utils import collect_named_outputs, constant_value

__all__ = ["flatten", "dropout", "repeat", "stack", "one_hot_encoding"]


@add_layer_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    """Flatten to ``[batch_size, k]`` keeping the first axis (a rank-1 input becomes ``[n, 1]``)."""
    with tf.compat.v1.name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank is None:
            raise ValueError("Inputs rank must be known; got unknown rank for %s" % (inputs,))
        if rank == 0:
            raise ValueError("Inputs must have a least 2 dimensions.")
        if rank == 1:
            outputs = tf.expand_dims(inputs, axis=1)
        else:
            rest = inputs.shape[1:]
            if rest.is_fully_defined():
                outputs = tf.reshape(inputs, [-1, rest.num_elements()])
            elif inputs.shape[0] is not None:
                outputs = tf.reshape(inputs, [inputs.shape[0], -1])
            else:
                outputs = tf.reshape(inputs, tf.stack([tf.shape(inputs)[0], -1]))
        return collect_named_outputs(outputs_collections, sc, outputs)


def _noise_shape(inputs, noise_shape):
    if noise_shape is None or isinstance(noise_shape, tf.Tensor):
        return noise_shape
    noise_shape = list(noise_shape)
    if all(d is not None for d in noise_shape):
        return noise_shape
    dynamic = tf.shape(inputs)
    return tf.stack([dynamic[i] if d is None else d for i, d in enumerate(noise_shape)])


@add_layer_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None,
            scope=None, seed=None):
    """Keep each element with probability `keep_prob` (scaled by 1/keep_prob) when training."""
    with rt.variable_scope(scope, "Dropout", [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)

        def drop():
            return tf.nn.dropout(inputs, rate=1 - keep_prob,
                                 noise_shape=_noise_shape(inputs, noise_shape), seed=seed)

        training = constant_value(is_training)
        if training is None:
            outputs = tf.cond(is_training, drop, lambda: tf.identity(inputs))
        else:
            outputs = drop() if training else tf.identity(inputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _layer_name(layer, fallback):
    if hasattr(layer, "__name__"):
        return layer.__name__
    if hasattr(layer, "func") and hasattr(layer.func, "__name__"):
        return layer.func.__name__  # a functools.partial
    return fallback


@tf.autograph.experimental.do_not_convert
def repeat(inputs, repetitions, layer, *args, **kwargs):
    """Apply `layer(inputs, *args, **kwargs)` `repetitions` times (scopes ``<scope>_1``, ...)."""
    scope = kwargs.pop("scope", None)
    with rt.variable_scope(scope, "Repeat", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "repeat")
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


@tf.autograph.experimental.do_not_convert
def stack(inputs, layer, stack_args, **kwargs):
    """Apply `layer` once per entry of `stack_args` (its extra positional args), chained."""
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with rt.variable_scope(scope, "Stack", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "stack")
        outputs = inputs
        for i, layer_args in enumerate(stack_args):
            kwargs["scope"] = scope + "_" + str(i + 1)
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


@add_layer_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None,
                     scope=None):
    """`tf.one_hot` of `labels` (int32 labels are widened to int64 first, as in TF1)."""
    with tf.compat.v1.name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = tf.convert_to_tensor(labels)
        if labels.dtype == tf.int32:
            labels = tf.cast(labels, tf.int64)
        outputs = tf.one_hot(labels, num_classes, on_value=on_value, off_value=off_value)
        return collect_named_outputs(outputs_collections, sc, outputs)
