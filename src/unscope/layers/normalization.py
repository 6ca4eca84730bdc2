"""``batch_normalization``/``BatchNormalization`` with TF1's variables, fusing and updates.

Variables ``<scope>/gamma``, ``/beta`` (trainable), ``/moving_mean``, ``/moving_variance``
(not trainable; float32 for float16 inputs).  As in TF1:

* 4-D and 5-D inputs normalised over axis 1/3 (4-D) or 1/4 (5-D) use the fused kernel,
  whose batch variance carries Bessel's correction (``n / (n - 1)``), and that corrected
  variance feeds ``moving_variance``; other inputs use ``tf.nn.moments`` (no correction);
* moving averages: ``moving -= (moving - batch) * (1 - momentum)``;
* ``training`` is a Python bool or a bool tensor (default False);
* ``renorm=True`` (batch renormalization) adds ``moving_stddev``, ``renorm_mean`` and
  ``renorm_stddev`` (not trainable): training normalises with the batch statistics
  corrected by ``r``/``d`` (clipped by ``renorm_clipping``'s ``rmin``/``rmax``/``dmax``),
  the renorm statistics move with ``renorm_momentum`` and ``moving_variance`` is derived
  from ``moving_stddev``;
* ``virtual_batch_size`` normalises each of the strided sub-batches on its own (variables
  get an extra unit axis, ``[1, 1, C]``); ``adjustment(shape) -> (scale, bias)`` is applied
  to the normalised values in training; with either, or renorm, the fused kernel is not used.

These follow ``tf.compat.v1.layers`` as TensorFlow 2.x ships it (tf_keras); TF 1.15 itself
kept renorm as ``renorm_mean``/``renorm_stddev`` plus zero-debiasing ``*_weight`` scalars
and no ``moving_stddev``, so TF 1.15 checkpoints of renorm layers name other variables.

Updates: in a TF1 graph the two assign ops per training call go to ``UPDATE_OPS`` for the
user's train op to run; in eager mode and under ``tf.function`` the call assigns the
moving averages itself and ``UPDATE_OPS`` stays empty, so code that still wraps its train
step in ``control_dependencies(UPDATE_OPS)`` never updates twice.

>>> h = unscope.layers.batch_normalization(h, training=is_training)
"""
from __future__ import annotations

import contextlib

import tensorflow as tf

from unscope import runtime as _rt
from unscope.layers import _resolve
from unscope.layers.base import InputSpec, Layer, smart_cond, static_bool

_v1 = tf.compat.v1
_ON_READ = tf.VariableSynchronization.ON_READ
_MEAN = tf.VariableAggregation.MEAN
_FUSED_FORMATS = {(4, 1): "NCHW", (4, 3): "NHWC", (5, 1): "NCDHW", (5, 4): "NDHWC"}


class BatchNormalization(Layer):
    """Batch normalization (Ioffe & Szegedy, 2015) as TF1's ``tf.layers.BatchNormalization``."""

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=_v1.zeros_initializer(), gamma_initializer=_v1.ones_initializer(),
                 moving_mean_initializer=_v1.zeros_initializer(),
                 moving_variance_initializer=_v1.ones_initializer(), beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, renorm=False,
                 renorm_clipping=None, renorm_momentum=0.99, fused=None, trainable=True,
                 virtual_batch_size=None, adjustment=None, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("Expected an int or a list/tuple of ints for the argument 'axis', "
                            f"but received: {axis!r}")
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.moving_mean_initializer = moving_mean_initializer
        self.moving_variance_initializer = moving_variance_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.renorm = renorm
        self.virtual_batch_size = virtual_batch_size
        self.adjustment = adjustment
        if renorm:
            renorm_clipping = dict(renorm_clipping or {})
            keys = ["rmax", "rmin", "dmax"]
            if set(renorm_clipping) - set(keys):
                raise ValueError("Received invalid keys for `renorm_clipping` argument: "
                                 f"{renorm_clipping}. Supported values: {keys}.")
            self.renorm_clipping = renorm_clipping
            self.renorm_momentum = renorm_momentum
        # TF1: fused=None means "fused where possible"; fused=True where the fused kernel
        # cannot run (renorm, virtual batches, adjustment, other ranks/axes) falls back.
        self.fused = True if fused is None else fused

    @property
    def _param_dtype(self):
        dtype = tf.as_dtype(self.dtype or tf.float32)
        return tf.float32 if dtype in (tf.float16, tf.bfloat16) else dtype

    def build(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        rank = input_shape.rank
        if rank is None:
            raise ValueError(f"Input has undefined rank. Received: input_shape={input_shape}.")
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        if any(x < -rank or x >= rank for x in axes):
            raise ValueError("Invalid value for `axis` argument. Expected 0 <= axis < inputs.rank "
                             f"(with inputs.rank={rank}). Received: axis={tuple(axes)}")
        axes = sorted({x % rank for x in axes})
        if len(axes) != len(self.axis if isinstance(self.axis, list) else [self.axis]):
            raise ValueError(f"Duplicate axis: {self.axis}")
        self.axis = axes
        self._check_virtual_batch_size()
        if self.fused:
            self.fused = (len(axes) == 1 and (rank, axes[0]) in _FUSED_FORMATS
                          and not self.renorm and self.virtual_batch_size is None
                          and self.adjustment is None
                          and tf.as_dtype(self.dtype or tf.float32) in (tf.float16, tf.bfloat16, tf.float32))
        if self.fused:
            self._data_format = _FUSED_FORMATS[(rank, axes[0])]
        dims = {x: tf.compat.dimension_value(input_shape[x]) for x in axes}
        for x, dim in dims.items():
            if dim is None:
                raise ValueError(f"Input has undefined `axis` dimension. Received input with shape "
                                 f"{tuple(input_shape)} and axis={tuple(axes)}")
        self.input_spec = InputSpec(ndim=rank, axes=dims)
        if len(axes) == 1 and self.virtual_batch_size is None:
            param_shape = (dims[axes[0]],)
        else:
            param_shape = [dims.get(i, 1) for i in range(rank)]
            if self.virtual_batch_size is not None:
                # Virtual batches: the input is seen as [virtual_batch_size, -1, ...].
                param_shape.insert(1, 1)
                self.axis = [x + 1 for x in self.axis]
        self._param_shape = param_shape
        dtype = self._param_dtype
        self.gamma = self.add_weight("gamma", shape=param_shape, dtype=dtype,
                                     initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer,
                                     constraint=self.gamma_constraint,
                                     trainable=True) if self.scale else None
        self.beta = self.add_weight("beta", shape=param_shape, dtype=dtype,
                                    initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer,
                                    constraint=self.beta_constraint,
                                    trainable=True) if self.center else None
        with self._no_scope_partitioner():
            self.moving_mean = self.add_weight(
                "moving_mean", shape=param_shape, dtype=dtype,
                initializer=self.moving_mean_initializer, synchronization=_ON_READ,
                trainable=False, aggregation=_MEAN)
            self.moving_variance = self.add_weight(
                "moving_variance", shape=param_shape, dtype=dtype,
                initializer=self.moving_variance_initializer, synchronization=_ON_READ,
                trainable=False, aggregation=_MEAN)
            if self.renorm:
                self._build_renorm_variables(param_shape, dtype)
        self.built = True

    def _check_virtual_batch_size(self):
        if self.virtual_batch_size is None:
            return
        if self.virtual_batch_size <= 0:
            raise ValueError("`virtual_batch_size` must be a positive integer that divides the true "
                             "batch size of the input tensor. "
                             f"Received: virtual_batch_size={self.virtual_batch_size}")
        if 0 in self.axis:
            raise ValueError("When using `virtual_batch_size`, the batch dimension must be 0 and thus "
                             f"axis cannot include 0. Received axis={self.axis}")
        if self.adjustment is not None:
            raise ValueError("When using `virtual_batch_size`, adjustment cannot be specified")

    def _build_renorm_variables(self, param_shape, dtype):
        """``moving_stddev`` (inference), ``renorm_mean`` / ``renorm_stddev`` (training)."""
        variance_initializer = _resolve.initializer(self.moving_variance_initializer)

        def stddev_initializer(*args, **kwargs):
            return tf.sqrt(variance_initializer(*args, **kwargs))

        def statistic(name, initializer):
            return self.add_weight(name, shape=param_shape, dtype=dtype, initializer=initializer,
                                   synchronization=_ON_READ, trainable=False, aggregation=_MEAN)

        self.moving_stddev = statistic("moving_stddev", stddev_initializer)
        self.renorm_mean = statistic("renorm_mean", self.moving_mean_initializer)
        self.renorm_stddev = statistic("renorm_stddev", stddev_initializer)

    @contextlib.contextmanager
    def _no_scope_partitioner(self):
        """TF1 never partitioned the moving statistics, whatever the scope's partitioner."""
        scope = self._scope
        partitioner = getattr(scope, "partitioner", None)
        if partitioner is not None:
            scope.set_partitioner(None)
        try:
            yield
        finally:
            if partitioner is not None:
                scope.set_partitioner(partitioner)

    # -- moving averages ------------------------------------------------------------
    def _assign_moving_average(self, variable, value, momentum):
        with tf.name_scope("AssignMovingAvg") as scope:
            decay = tf.convert_to_tensor(1.0 - momentum, name="decay")
            if decay.dtype != variable.dtype.base_dtype:
                decay = tf.cast(decay, variable.dtype.base_dtype)
            if _rt.is_tf1_graph():
                with _v1.colocate_with(variable):
                    delta = (variable - tf.cast(value, variable.dtype)) * decay
                    return _v1.assign_sub(variable, delta, name=scope)
            delta = (variable - tf.cast(value, variable.dtype)) * decay
            return variable.assign_sub(delta)

    def _update(self, update):
        """TF1 graph: build the op and keep it for UPDATE_OPS.  Store mode: run it now (in
        a tf.function automatic control dependencies run it).  TF1 left the updates of a
        ``trainable=False`` layer out of UPDATE_OPS, so its statistics never moved; in store
        mode they are not applied either."""
        if _rt.is_tf1_graph():
            self.add_update(update())
        elif self.trainable:
            update()

    # -- the computation ------------------------------------------------------------
    def call(self, inputs, training=False):
        if training is None:
            training = False
        inputs = tf.cast(inputs, tf.as_dtype(self.dtype))
        if self.fused:
            return self._fused_batch_norm(inputs, training)
        return self._batch_norm(inputs, training)

    def _fused_batch_norm(self, inputs, training):
        dtype = self._param_dtype
        gamma = self.gamma if self.scale else tf.constant(1.0, dtype=dtype, shape=self._param_shape)
        beta = self.beta if self.center else tf.constant(0.0, dtype=dtype, shape=self._param_shape)

        def train():
            return _v1.nn.fused_batch_norm(inputs, gamma, beta, mean=self.moving_mean,
                                           variance=self.moving_variance, epsilon=self.epsilon,
                                           is_training=True, data_format=self._data_format)

        def infer():
            return _v1.nn.fused_batch_norm(inputs, gamma, beta, mean=self.moving_mean,
                                           variance=self.moving_variance, epsilon=self.epsilon,
                                           is_training=False, data_format=self._data_format)

        output, mean, variance = smart_cond(training, train, infer)
        value = static_bool(training)
        if value or value is None:
            if value is None:
                momentum = smart_cond(training, lambda: self.momentum, lambda: 1.0)
            else:
                momentum = tf.convert_to_tensor(self.momentum)
            self._update(lambda: self._assign_moving_average(self.moving_mean, mean, momentum))
            self._update(lambda: self._assign_moving_average(self.moving_variance, variance, momentum))
        return output

    def _batch_norm(self, inputs, training):
        virtual = self.virtual_batch_size is not None
        if virtual:
            inputs, undo_virtual_batching = self._virtual_batches(inputs, training)
        input_dtype = inputs.dtype.base_dtype
        if input_dtype in (tf.float16, tf.bfloat16):
            inputs = tf.cast(inputs, tf.float32)
        input_shape = inputs.shape
        ndims = input_shape.rank
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        if virtual:
            del reduction_axes[1]  # statistics per virtual batch
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = tf.compat.dimension_value(input_shape[self.axis[0]])

        def broadcast(v):
            if v is not None and len(v.shape) != ndims and reduction_axes != list(range(ndims - 1)):
                return tf.reshape(v, broadcast_shape)
            return v

        scale, offset = broadcast(self.gamma), broadcast(self.beta)
        value = static_bool(training)
        if value is False:
            mean, variance = self.moving_mean, self.moving_variance
        else:
            if self.adjustment:
                adj_scale, adj_bias = self.adjustment(tf.shape(inputs))
                adj_scale = smart_cond(training, lambda: adj_scale, lambda: tf.ones_like(adj_scale))
                adj_bias = smart_cond(training, lambda: adj_bias, lambda: tf.zeros_like(adj_bias))
                scale, offset = _compose_transforms(adj_scale, adj_bias, scale, offset)
            keep_dims = virtual or len(self.axis) > 1
            batch_mean, batch_variance = tf.nn.moments(tf.cast(inputs, self._param_dtype),
                                                       reduction_axes, keepdims=keep_dims)
            moving_mean, moving_variance = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: batch_mean, lambda: tf.convert_to_tensor(moving_mean))
            variance = smart_cond(training, lambda: batch_variance,
                                  lambda: tf.convert_to_tensor(moving_variance))
            if virtual:
                # TF1 updated the moving statistics once, with the mean over virtual batches.
                new_mean = tf.reduce_mean(mean, axis=1, keepdims=True)
                new_variance = tf.reduce_mean(variance, axis=1, keepdims=True)
            else:
                new_mean, new_variance = mean, variance
            if self.renorm:
                r, d, new_mean, new_variance = self._renorm_correction_and_moments(
                    new_mean, new_variance, training)
                r = broadcast(tf.stop_gradient(r, name="renorm_r"))
                d = broadcast(tf.stop_gradient(d, name="renorm_d"))
                scale, offset = _compose_transforms(r, d, scale, offset)

            def update(variable, apply):
                if value is None:
                    # Branch outputs must be tensors: read the variable after the assignment.
                    return lambda: smart_cond(training, lambda: tf.identity(apply()),
                                              lambda: tf.identity(variable))
                return apply

            def variance_update():
                if not self.renorm:
                    return self._assign_moving_average(self.moving_variance, new_variance,
                                                       self.momentum)
                # Renorm tracks the inference stddev (epsilon included) and derives the variance.
                stddev = self._assign_moving_average(
                    self.moving_stddev, tf.sqrt(new_variance + self.epsilon), self.momentum)
                return self._assign_new_value(self.moving_variance,
                                              tf.nn.relu(stddev * stddev - self.epsilon))

            self._update(update(self.moving_mean, lambda: self._assign_moving_average(
                self.moving_mean, new_mean, self.momentum)))
            self._update(update(self.moving_variance, variance_update))
        mean = tf.cast(mean, inputs.dtype)
        variance = tf.cast(variance, inputs.dtype)
        if offset is not None:
            offset = tf.cast(offset, inputs.dtype)
        if scale is not None:
            scale = tf.cast(scale, inputs.dtype)
        outputs = tf.nn.batch_normalization(inputs, broadcast(mean), broadcast(variance), offset,
                                            scale, self.epsilon)
        if input_dtype in (tf.float16, tf.bfloat16):
            outputs = tf.cast(outputs, input_dtype)
        outputs.set_shape(input_shape)
        if virtual:
            outputs = undo_virtual_batching(outputs)
        return outputs

    def _virtual_batches(self, inputs, training):
        """``[batch, ...]`` -> ``[virtual_batch_size, -1, ...]`` and the function undoing it.

        As TF1 under TF2 behaviour, a non-constant ``training`` gives one batch (``[-1, 1, ...]``).
        """
        original_shape = tf.shape(inputs)
        original_shape = tf.concat([tf.constant([-1]), original_shape[1:]], axis=0)
        if tf.__internal__.tf2.enabled():
            leading = [self.virtual_batch_size, -1] if static_bool(training) else [-1, 1]
        else:
            leading = [self.virtual_batch_size, -1]
        expanded_shape = tf.concat([tf.constant(leading), original_shape[1:]], axis=0)
        return tf.reshape(inputs, expanded_shape), lambda t: tf.reshape(t, original_shape)

    def _renorm_correction_and_moments(self, mean, variance, training):
        """Batch renormalization (Ioffe, 2017): the corrections ``r``, ``d`` from the renorm
        statistics before this step, then those statistics' update (``renorm_momentum``)."""
        stddev = tf.sqrt(variance + self.epsilon)
        renorm_mean = self.renorm_mean
        renorm_stddev = tf.maximum(self.renorm_stddev, tf.sqrt(self.epsilon))
        r = stddev / renorm_stddev
        d = (mean - renorm_mean) / renorm_stddev
        with tf.control_dependencies([r, d]):
            mean = tf.identity(mean)
            stddev = tf.identity(stddev)
        rmin, rmax, dmax = (self.renorm_clipping.get(key) for key in ("rmin", "rmax", "dmax"))
        if rmin is not None:
            r = tf.maximum(r, rmin)
        if rmax is not None:
            r = tf.minimum(r, rmax)
        if dmax is not None:
            d = tf.maximum(d, -dmax)
            d = tf.minimum(d, dmax)
        r = smart_cond(training, lambda: r, lambda: tf.ones_like(r))
        d = smart_cond(training, lambda: d, lambda: tf.zeros_like(d))
        # In a TF1 graph these updates run as dependencies of UPDATE_OPS; in store mode now
        # (not at all for a trainable=False layer, whose updates TF1 never ran).
        live = _rt.is_tf1_graph() or self.trainable

        def renorm_update(variable, value):
            value = tf.identity(value)
            if not live:
                return tf.identity(variable)
            return smart_cond(training,
                              lambda: self._assign_moving_average(variable, value,
                                                                  self.renorm_momentum),
                              lambda: tf.identity(variable))

        new_mean = renorm_update(self.renorm_mean, mean)
        new_stddev = renorm_update(self.renorm_stddev, stddev)
        with tf.control_dependencies([new_mean, new_stddev]):
            return r, d, tf.identity(mean), tf.identity(variance)

    def _assign_new_value(self, variable, value):
        with tf.name_scope("AssignNewValue") as scope:
            if _rt.is_tf1_graph():
                with _v1.colocate_with(variable):
                    return _v1.assign(variable, value, name=scope)
            return variable.assign(value)

    def compute_output_shape(self, input_shape):
        return tf.TensorShape(input_shape)


def _compose_transforms(scale, offset, then_scale, then_offset):
    """``(x * scale + offset) * then_scale + then_offset`` as one scale and offset."""
    if then_scale is not None:
        scale *= then_scale
        offset *= then_scale
    if then_offset is not None:
        offset += then_offset
    return scale, offset


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=_v1.zeros_initializer(),
                        gamma_initializer=_v1.ones_initializer(),
                        moving_mean_initializer=_v1.zeros_initializer(),
                        moving_variance_initializer=_v1.ones_initializer(), beta_regularizer=None,
                        gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                        training=False, trainable=True, name=None, reuse=None, renorm=False,
                        renorm_clipping=None, renorm_momentum=0.99, fused=None,
                        virtual_batch_size=None, adjustment=None):
    """Functional ``BatchNormalization`` (TF1 ``tf.layers.batch_normalization``).

    >>> h = unscope.layers.batch_normalization(h, training=True)
    >>> # TF1 graph: run tf.get_collection(tf.GraphKeys.UPDATE_OPS) with the train op;
    >>> # eager / tf.function under unscope.track: the moving averages are already updated.
    """
    layer = BatchNormalization(
        axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
        beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
        moving_mean_initializer=moving_mean_initializer,
        moving_variance_initializer=moving_variance_initializer,
        beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
        beta_constraint=beta_constraint, gamma_constraint=gamma_constraint, renorm=renorm,
        renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum, fused=fused,
        trainable=trainable, virtual_batch_size=virtual_batch_size, adjustment=adjustment,
        name=name, _scope=name, _reuse=reuse)
    return layer(inputs, training=training)
