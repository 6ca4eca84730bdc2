"""`batch_norm` and `layer_norm` of ``tf.contrib.layers`` / tf_slim.

    net = batch_norm(net, is_training=True)    # BatchNorm/beta, moving_mean, moving_variance
    net = layer_norm(net, begin_norm_axis=-1)          # LayerNorm/beta, LayerNorm/gamma

batch_norm follows TF1's three code paths, which differ in variable order and
in the variance fed to the moving average:

* rank 2, a non-default `updates_collections` or `zero_debias_moving_mean`
  (with `fused` None/True): the fused kernel; variables beta, gamma, moving_*;
* otherwise with the default UPDATE_OPS: TF1's BatchNormalization layer; gamma
  is created before beta; fused (rank 4/5) when `fused` is None/True;
* otherwise (`batch_weights`, or `fused=False` with other collections): moments.

The fused kernel feeds the moving variance with Bessel's correction
(n / (n - 1)); the moments paths use the plain batch variance, as in TF1.

Moving averages: in a TF1 graph the update ops go to `updates_collections`
(UPDATE_OPS by default) or, with ``updates_collections=None``, run before the
output.  In eager / ``tf.function`` (inside `unscope.track`) the call assigns
them itself and no collection receives anything, so code that still wraps
``control_dependencies(UPDATE_OPS)`` never updates twice.
"""
from __future__ import annotations

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.arg_scope import add_layer_arg_scope
from unscope.contrib.framework.variables import model_variable
from unscope.contrib.layers.utils import (
    collect_named_outputs,
    constant_value,
    get_variable_collections,
)

__all__ = ["batch_norm", "layer_norm"]

_UPDATE_OPS = tf.compat.v1.GraphKeys.UPDATE_OPS
_HALF = (tf.float16, tf.bfloat16)


@add_layer_arg_scope
def layer_norm(inputs,
               center=True,
               scale=True,
               activation_fn=None,
               reuse=None,
               variables_collections=None,
               outputs_collections=None,
               trainable=True,
               begin_norm_axis=1,
               begin_params_axis=-1,
               scope=None):
    """Normalize over axes ``begin_norm_axis:``; beta/gamma are ``shape[begin_params_axis:]``.

    TF1's formula: ``tf.nn.moments`` then ``tf.nn.batch_normalization`` with
    variance epsilon 1e-12 (1e-3 for float16).
    """
    with rt.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        inputs_shape = inputs.shape
        rank = inputs_shape.rank
        if rank is None:
            raise ValueError("Inputs %s has undefined rank." % _name(inputs))
        dtype = inputs.dtype.base_dtype
        if begin_norm_axis < 0:
            begin_norm_axis = rank + begin_norm_axis
        if begin_params_axis >= rank or begin_norm_axis >= rank:
            raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < "
                             "rank(inputs) (%d)" % (begin_params_axis, begin_norm_axis, rank))
        params_shape = inputs_shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s"
                             % (_name(inputs), begin_params_axis, inputs_shape))
        beta = gamma = None
        if center:
            beta = _param("beta", params_shape, dtype, tf.compat.v1.zeros_initializer(), None,
                          variables_collections, trainable)
        if scale:
            gamma = _param("gamma", params_shape, dtype, tf.compat.v1.ones_initializer(), None,
                           variables_collections, trainable)
        mean, variance = tf.nn.moments(inputs, list(range(begin_norm_axis, rank)), keepdims=True)
        epsilon = 1e-12 if dtype != tf.float16 else 1e-3
        outputs = tf.nn.batch_normalization(inputs, mean, variance, offset=beta, scale=gamma,
                                            variance_epsilon=epsilon)
        outputs.set_shape(inputs_shape)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_layer_arg_scope
def batch_norm(inputs,
               decay=0.999,
               center=True,
               scale=False,
               epsilon=0.001,
               activation_fn=None,
               param_initializers=None,
               param_regularizers=None,
               updates_collections=_UPDATE_OPS,
               is_training=True,
               reuse=None,
               variables_collections=None,
               outputs_collections=None,
               trainable=True,
               batch_weights=None,
               fused=None,
               data_format="NHWC",
               zero_debias_moving_mean=False,
               scope=None,
               renorm=False,
               renorm_clipping=None,
               renorm_decay=0.99,
               adjustment=None):
    """Batch normalization over all axes but the channel axis (last, or 1 for NCHW).

    Creates ``beta`` (if `center`), ``gamma`` (only if `scale`, default False),
    ``moving_mean`` and ``moving_variance`` (not trainable).  `is_training` may
    be a Python bool or a bool tensor.
    """
    if fused is None:
        fused = True
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.shape.rank
    default_updates = isinstance(updates_collections, str) and updates_collections == _UPDATE_OPS
    possible_to_fuse = (batch_weights is None and not renorm and rank in (2, 4)
                        and adjustment is None)
    if fused and possible_to_fuse and (zero_debias_moving_mean or rank == 2 or not default_updates):
        path = "fused"
    elif batch_weights is None and default_updates and not zero_debias_moving_mean:
        path = "layer"
    else:
        path = "moments"
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    if path == "layer" and (renorm or adjustment is not None):
        raise NotImplementedError(
            "batch_norm(renorm=True / adjustment=...) is not supported by unscope; "
            "train without batch renormalization or keep this model on TF1")
    if path == "moments" and renorm:
        raise ValueError("renorm is not supported with batch_weights, updates_collections "
                         "or zero_debias_moving_mean")
    param_initializers = param_initializers or {}
    param_regularizers = param_regularizers or {}
    if path == "moments":
        param_regularizers = {}  # TF1's moments path ignores them

    with rt.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        if rank is None:
            raise ValueError("Inputs %s has undefined rank." % _name(inputs))
        channel_axis = 1 if data_format == "NCHW" else rank - 1
        channels = inputs.shape[channel_axis]
        if channels is None:
            raise ValueError("Inputs %s has undefined `C` dimension %s."
                             % (_name(inputs), inputs.shape[channel_axis:channel_axis + 1]))
        dtype = inputs.dtype.base_dtype
        param_dtype = tf.float32 if dtype in _HALF else dtype
        params_shape = [channels]

        def make(name, default_init, trainable_):
            return _param(name, params_shape, param_dtype,
                          param_initializers.get(name, default_init),
                          param_regularizers.get(name), variables_collections, trainable_)

        beta = gamma = None
        order = ("gamma", "beta") if path == "layer" else ("beta", "gamma")
        for name in order:
            if name == "beta" and center:
                beta = make("beta", tf.compat.v1.zeros_initializer(), trainable)
            if name == "gamma" and scale:
                gamma = make("gamma", tf.compat.v1.ones_initializer(), trainable)
        with _no_partitioner():
            moving_mean = make("moving_mean", tf.compat.v1.zeros_initializer(), False)
            moving_variance = make("moving_variance", tf.compat.v1.ones_initializer(), False)

        use_fused = (path == "fused" or (path == "layer" and fused and rank == 4
                                         and dtype in (tf.float16, tf.bfloat16, tf.float32)))
        x = inputs
        if path == "fused" and rank == 2:
            x = tf.reshape(inputs, [-1, channels, 1, 1] if data_format == "NCHW"
                           else [-1, 1, 1, channels])

        def train():
            if use_fused:
                ones = tf.ones(params_shape, param_dtype)
                zeros = tf.zeros(params_shape, param_dtype)
                y, mean, var = tf.compat.v1.nn.fused_batch_norm(
                    x, gamma if gamma is not None else ones,
                    beta if beta is not None else zeros,
                    epsilon=epsilon, data_format=data_format, is_training=True)
                return y, mean, var
            mean, var = _moments(x, channel_axis, batch_weights)
            return _normalize(x, mean, var, beta, gamma, epsilon, channel_axis), mean, var

        def infer():
            if use_fused:
                ones = tf.ones(params_shape, param_dtype)
                zeros = tf.zeros(params_shape, param_dtype)
                y, _, _ = tf.compat.v1.nn.fused_batch_norm(
                    x, gamma if gamma is not None else ones,
                    beta if beta is not None else zeros,
                    mean=moving_mean, variance=moving_variance,
                    epsilon=epsilon, data_format=data_format, is_training=False)
                return y, tf.identity(moving_mean), tf.identity(moving_variance)
            return (_normalize(x, moving_mean, moving_variance, beta, gamma, epsilon,
                               channel_axis),
                    tf.identity(moving_mean), tf.identity(moving_variance))

        training_value = constant_value(is_training)
        if training_value is None:
            outputs, mean, variance = tf.cond(is_training, train, infer)
        else:
            outputs, mean, variance = train() if training_value else infer()

        if training_value is None or training_value:
            outputs = _update_moving_averages(
                outputs, is_training, training_value, moving_mean, moving_variance, mean,
                variance, decay, zero_debias_moving_mean, updates_collections)

        outputs.set_shape(x.shape)
        if x is not inputs:
            outputs = tf.reshape(outputs, _static_or_dynamic_shape(inputs))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _name(t):
    try:
        return t.name
    except AttributeError:
        return "tensor"


def _param(name, shape, dtype, initializer, regularizer, variables_collections, trainable):
    return model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                          regularizer=regularizer,
                          collections=get_variable_collections(variables_collections, name),
                          trainable=trainable)


class _no_partitioner:
    """TF1 creates the moving statistics with the scope's partitioner switched off."""

    def __enter__(self):
        self._scope = rt.get_variable_scope()
        self._partitioner = getattr(self._scope, "partitioner", None)
        if self._partitioner is not None:
            self._scope.set_partitioner(None)

    def __exit__(self, *exc):
        if self._partitioner is not None:
            self._scope.set_partitioner(self._partitioner)
        return False


def _moments(x, channel_axis, batch_weights):
    rank = x.shape.rank
    axes = [a for a in range(rank) if a != channel_axis]
    if batch_weights is None:
        return tf.nn.moments(x, axes)
    weights = tf.reshape(tf.convert_to_tensor(batch_weights), [-1] + [1] * (rank - 1))
    return tf.nn.weighted_moments(x, axes, weights)


def _normalize(x, mean, variance, beta, gamma, epsilon, channel_axis):
    rank = x.shape.rank
    if channel_axis != rank - 1:
        shape = [1] * rank
        shape[channel_axis] = -1

        def bcast(t):
            return None if t is None else tf.reshape(t, shape)
    else:
        def bcast(t):
            return t
    dtype = x.dtype

    def cast(t):
        return None if t is None else tf.cast(t, dtype)

    return tf.nn.batch_normalization(x, bcast(cast(mean)), bcast(cast(variance)),
                                     bcast(cast(beta)), bcast(cast(gamma)), epsilon)


def _static_or_dynamic_shape(t):
    dims = t.shape.as_list()
    if dims.count(None) <= 1:
        return [-1 if d is None else d for d in dims]
    return tf.shape(t)


def _moving_average_delta(variable, value, decay):
    # TF1's assign_moving_average: v -= (v - value) * (1 - decay)
    one_minus = tf.convert_to_tensor(1.0 - decay)
    if one_minus.dtype != variable.dtype.base_dtype:
        one_minus = tf.cast(one_minus, variable.dtype.base_dtype)
    return (variable - tf.cast(value, variable.dtype.base_dtype)) * one_minus


def _assign_moving_average(variable, value, decay, zero_debias, graph_mode):
    with tf.name_scope("AssignMovingAvg"):
        if zero_debias:
            return _zero_debias_update(variable, value, decay)
        delta = _moving_average_delta(variable, value, decay)
        if graph_mode:
            return tf.compat.v1.assign_sub(variable, delta)
        return _update_in_context(variable, lambda v, d: v.assign_sub(d), delta)


def _update_in_context(variable, fn, value):
    """Apply `fn(variable, value)`, through the distribution strategy when in a replica."""
    if not tf.distribute.has_strategy() or tf.distribute.in_cross_replica_context():
        return fn(variable, value)
    replica = tf.distribute.get_replica_context()

    def merge(strategy, v, val):
        val = strategy.extended.reduce_to(tf.distribute.ReduceOp.MEAN, val, v)
        return strategy.extended.update(v, fn, args=(val,))

    return replica.merge_call(merge, args=(variable, value))


def _zero_debias_update(variable, value, decay):
    # TF1 keeps a biased average and a step count beside the variable:
    # <moving_mean>/biased and <moving_mean>/local_step.
    base = variable.name.rsplit(":", 1)[0]
    with rt.variable_scope(base):
        biased = rt.get_variable("biased", shape=variable.shape, dtype=variable.dtype.base_dtype,
                                 initializer=tf.compat.v1.zeros_initializer(), trainable=False)
        local_step = rt.get_variable("local_step", shape=[], dtype=variable.dtype.base_dtype,
                                     initializer=tf.compat.v1.zeros_initializer(),
                                     trainable=False)
    one_minus = tf.cast(tf.convert_to_tensor(1.0 - decay), variable.dtype.base_dtype)
    update_biased = biased.assign_sub((biased - tf.cast(value, biased.dtype)) * one_minus)
    step = local_step.assign_add(1)
    bias_factor = 1 - tf.pow(1.0 - one_minus, step)
    return variable.assign(update_biased / bias_factor)


def _update_moving_averages(outputs, is_training, training_value, moving_mean, moving_variance,
                            mean, variance, decay, zero_debias, updates_collections):
    graph_mode = rt.is_tf1_graph()

    def do_updates():
        m = _assign_moving_average(moving_mean, mean, decay, zero_debias, graph_mode)
        v = _assign_moving_average(moving_variance, variance, decay, False, graph_mode)
        return m, v

    if not graph_mode:
        # Store mode: the call updates the statistics itself; nothing is collected.
        if training_value is None:
            def run():
                m, v = do_updates()
                with tf.control_dependencies([m, v]):
                    return tf.identity(outputs)
            return tf.cond(is_training, run, lambda: tf.identity(outputs))
        m, v = do_updates()
        if tf.executing_eagerly():
            return outputs
        with tf.control_dependencies([m, v]):
            return tf.identity(outputs)

    if updates_collections is None:
        def forced():
            m, v = do_updates()
            with tf.control_dependencies([m, v]):
                return tf.identity(outputs)
        if training_value is None:
            return tf.cond(is_training, forced, lambda: outputs)
        return forced()

    if training_value is None:
        update_mean, update_variance = tf.cond(
            is_training,
            lambda: tuple(tf.convert_to_tensor(u) for u in do_updates()),
            lambda: (tf.identity(moving_mean), tf.identity(moving_variance)))
    else:
        update_mean, update_variance = do_updates()
    names = ([updates_collections] if isinstance(updates_collections, str)
             else list(updates_collections))
    rt.add_to_collections(names, update_mean)
    rt.add_to_collections(names, update_variance)
    return outputs
