"""``batch_normalization``/``BatchNormalization`` with TF1's variables, fusing and updates.

Variables ``<scope>/gamma``, ``/beta`` (trainable), ``/moving_mean``, ``/moving_variance``
(not trainable; float32 for float16 inputs).  As in TF1:

* 4-D and 5-D inputs normalised over axis 1/3 (4-D) or 1/4 (5-D) use the fused kernel,
  whose batch variance carries Bessel's correction (``n / (n - 1)``), and that corrected
  variance feeds ``moving_variance``; other inputs use ``tf.nn.moments`` (no correction);
* moving averages: ``moving -= (moving - batch) * (1 - momentum)``;
* ``training`` is a Python bool or a bool tensor (default False).

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
        if renorm:
            raise NotImplementedError(
                "unscope.layers.BatchNormalization: renorm=True (batch renormalization) is not "
                "supported; keep tf.compat.v1.layers with tf_keras for this layer, or use renorm=False.")
        if virtual_batch_size is not None:
            raise NotImplementedError(
                "unscope.layers.BatchNormalization: virtual_batch_size is not supported.")
        if adjustment is not None:
            raise NotImplementedError(
                "unscope.layers.BatchNormalization: adjustment is not supported.")
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
        self.renorm = False
        # TF1: fused=None means "fused where possible"; fused=True on other inputs falls back.
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
        if self.fused:
            self.fused = (len(axes) == 1 and (rank, axes[0]) in _FUSED_FORMATS
                          and tf.as_dtype(self.dtype or tf.float32) in (tf.float16, tf.bfloat16, tf.float32))
        if self.fused:
            self._data_format = _FUSED_FORMATS[(rank, axes[0])]
        dims = {x: tf.compat.dimension_value(input_shape[x]) for x in axes}
        for x, dim in dims.items():
            if dim is None:
                raise ValueError(f"Input has undefined `axis` dimension. Received input with shape "
                                 f"{tuple(input_shape)} and axis={tuple(axes)}")
        self.input_spec = InputSpec(ndim=rank, axes=dims)
        if len(axes) == 1:
            param_shape = (dims[axes[0]],)
        else:
            param_shape = [dims.get(i, 1) for i in range(rank)]
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
        self.built = True

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
        input_dtype = inputs.dtype.base_dtype
        if input_dtype in (tf.float16, tf.bfloat16):
            inputs = tf.cast(inputs, tf.float32)
        input_shape = inputs.shape
        ndims = input_shape.rank
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
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
            keep_dims = len(self.axis) > 1
            batch_mean, batch_variance = tf.nn.moments(tf.cast(inputs, self._param_dtype),
                                                       reduction_axes, keepdims=keep_dims)
            moving_mean, moving_variance = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: batch_mean, lambda: tf.convert_to_tensor(moving_mean))
            variance = smart_cond(training, lambda: batch_variance,
                                  lambda: tf.convert_to_tensor(moving_variance))
            new_mean, new_variance = mean, variance

            def update(variable, new_value):
                def apply():
                    return self._assign_moving_average(variable, new_value, self.momentum)

                if value is None:
                    # Branch outputs must be tensors: read the variable after the assignment.
                    return lambda: smart_cond(training, lambda: tf.identity(apply()),
                                              lambda: tf.identity(variable))
                return apply

            self._update(update(self.moving_mean, new_mean))
            self._update(update(self.moving_variance, new_variance))
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
        return outputs


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
