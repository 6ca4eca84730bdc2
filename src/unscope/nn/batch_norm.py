"""Batch normalization as TF1 computed it, with the moving averages updated during the call.

    bn = BatchNormalization(name="model/conv1/batch_normalization")
    y = bn(x, training=True)     # normalizes with batch statistics and assigns
                                 # moving_mean/moving_variance, as TF1's UPDATE_OPS did
    y = bn(x)                    # training=False: uses the moving statistics

    bn = ContribBatchNorm(name="model/conv1/BatchNorm")   # tf.contrib.layers.batch_norm
    y = bn(x)                    # is_training=True by default, like contrib

TF1 had two numerical paths and both are kept. The fused kernel (chosen by TF1 for 4-D and
5-D inputs normalized over the channel axis) updates the moving variance with the
*unbiased* batch variance (Bessel's correction, n/(n-1)) and raises epsilon to at least
1.001e-5; the unfused path (any other rank or axis, or `fused=False`) uses the biased
variance. The moving averages follow `var -= (var - value) * (1 - momentum)`.
"""
from __future__ import annotations

import tensorflow as tf

from .args import get_activation
from .module import Module, smart_cond
from .variables import variable

__all__ = ["BatchNormalization", "ContribBatchNorm"]

# TF1's tf.nn.fused_batch_norm raised smaller epsilons to this cuDNN minimum.
FUSED_MIN_EPSILON = 1.001e-5
_FUSED_FORMATS = {(4, 1): "NCHW", (4, 3): "NHWC", (5, 1): "NCDHW", (5, 4): "NDHWC"}
_UPDATE_OPS = "update_ops"  # tf.GraphKeys.UPDATE_OPS


def _is_half(dtype):
    return dtype in (tf.float16, tf.bfloat16)


class _BatchNorm(Module):
    """The shared engine. Subclasses decide the plan (fused or not, dtypes) in `_plan`."""

    def _setup(self, axis, momentum, epsilon, center, scale, initializers, regularizers,
               constraints, trainable, fused, dtype):
        self.axis = tuple(axis) if isinstance(axis, (list, tuple)) else int(axis)
        self.momentum = momentum
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        (self.beta_initializer, self.gamma_initializer, self.moving_mean_initializer,
         self.moving_variance_initializer) = initializers
        self.beta_regularizer, self.gamma_regularizer = regularizers
        self.beta_constraint, self.gamma_constraint = constraints
        self.trainable = bool(trainable)
        self.fused = fused
        self._dtype = dtype
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None
        # Decided on the first call, from the input's rank and dtype.
        self._axes = None
        self._fused_format = None
        self._flat_2d = False
        self._param_shape = None  # tuples, not lists: tf.Module would track a list
        self._param_dtype = None

    def _normalized_axes(self, rank):
        axes = [self.axis] if isinstance(self.axis, int) else list(self.axis)
        axes = [a + rank if a < 0 else a for a in axes]
        if any(a < 0 or a >= rank for a in axes) or len(set(axes)) != len(axes):
            raise ValueError(
                f"{self.scope_name}: invalid axis {self.axis} for an input of rank {rank}")
        return tuple(axes)

    @staticmethod
    def _v1_fused_format(fused, rank, axes, dtype):
        """TF1's tf.layers choice: fused when allowed, rank 4/5, one channel axis 1 or last."""
        if fused is False or dtype not in (tf.float16, tf.bfloat16, tf.float32):
            return None
        if len(axes) != 1:
            return None
        return _FUSED_FORMATS.get((rank, axes[0]))

    def _create(self, inputs):
        rank = inputs.shape.rank
        if rank is None:
            raise ValueError(f"{self.scope_name}: the rank of the inputs must be known")
        param_dtype = self._plan(rank, inputs.dtype.base_dtype)
        axes = self._axes
        dims = {a: inputs.shape[a] for a in axes}
        for a, d in dims.items():
            if d is None:
                raise ValueError(f"{self.scope_name}: input dimension {a} must be known, "
                                 f"got shape {inputs.shape}")
        if len(axes) == 1:
            shape = [int(dims[axes[0]])]
        else:
            shape = [int(dims[i]) if i in dims else 1 for i in range(rank)]
        self._param_shape = tuple(shape)
        self._param_dtype = param_dtype
        if self.scale:
            self.gamma = variable(self._variable_name("gamma"), shape, param_dtype,
                                  self.gamma_initializer, self.trainable, self.gamma_regularizer,
                                  self.gamma_constraint)
        if self.center:
            self.beta = variable(self._variable_name("beta"), shape, param_dtype,
                                 self.beta_initializer, self.trainable, self.beta_regularizer,
                                 self.beta_constraint)
        stats = dict(trainable=False, synchronization=tf.VariableSynchronization.ON_READ,
                     aggregation=tf.VariableAggregation.MEAN)
        self.moving_mean = variable(self._variable_name("moving_mean"), shape, param_dtype,
                                    self.moving_mean_initializer, **stats)
        self.moving_variance = variable(self._variable_name("moving_variance"), shape,
                                        param_dtype, self.moving_variance_initializer, **stats)

    def _update(self, var, value):
        decay = tf.cast(tf.convert_to_tensor(1.0 - self.momentum), var.dtype)
        return var.assign_sub((var - tf.cast(value, var.dtype)) * decay)

    @staticmethod
    def _after(updates, outputs):
        # Eagerly and in tf.function the assignments run by themselves. In a TF1 graph
        # nothing would run them, so tie them to the output (contrib's
        # updates_collections=None behaviour) instead of leaving them in UPDATE_OPS.
        if tf.executing_eagerly() or tf.inside_function():
            return outputs
        with tf.control_dependencies(updates):
            return tf.identity(outputs)

    def _apply(self, inputs, training):
        inputs = tf.convert_to_tensor(inputs)
        if self.moving_mean is None:
            self._create(inputs)
        if self._fused_format is not None:
            return smart_cond(training, lambda: self._fused(inputs, True),
                              lambda: self._fused(inputs, False))
        return smart_cond(training, lambda: self._unfused(inputs, True),
                          lambda: self._unfused(inputs, False))

    def _fused(self, inputs, training):
        x = inputs
        if self._flat_2d:
            channels = self._param_shape[0]
            x = tf.reshape(x, [-1, channels, 1, 1] if self._fused_format == "NCHW"
                           else [-1, 1, 1, channels])
        dtype = self._param_dtype
        gamma = self.gamma if self.gamma is not None else tf.ones(self._param_shape, dtype)
        beta = self.beta if self.beta is not None else tf.zeros(self._param_shape, dtype)
        y, mean, variance = tf.raw_ops.FusedBatchNormV3(
            x=x, scale=tf.convert_to_tensor(gamma), offset=tf.convert_to_tensor(beta),
            mean=tf.convert_to_tensor(self.moving_mean),
            variance=tf.convert_to_tensor(self.moving_variance),
            epsilon=max(self.epsilon, FUSED_MIN_EPSILON), exponential_avg_factor=1.0,
            data_format=self._fused_format, is_training=training)[:3]
        updates = []
        if training:
            # The kernel returns the batch variance with Bessel's correction, as in TF1.
            updates = [self._update(self.moving_mean, mean),
                       self._update(self.moving_variance, variance)]
        if self._flat_2d:
            y = tf.reshape(y, tf.shape(inputs))
        y.set_shape(inputs.shape)
        return self._after(updates, y)

    def _unfused(self, inputs, training):
        input_dtype = inputs.dtype.base_dtype
        if _is_half(input_dtype):
            inputs = tf.cast(inputs, tf.float32)
        ndims = inputs.shape.rank
        axes = self._axes
        reduction_axes = [i for i in range(ndims) if i not in axes]
        broadcast_shape = [1] * ndims
        broadcast_shape[axes[0]] = self._param_shape[0] if len(axes) == 1 \
            else self._param_shape[axes[0]]

        def broadcast(v):
            if v is not None and len(v.shape) != ndims and reduction_axes != list(range(ndims - 1)):
                return tf.reshape(v, broadcast_shape)
            return v

        scale, offset = broadcast(self.gamma), broadcast(self.beta)
        updates = []
        if training:
            mean, variance = tf.nn.moments(tf.cast(inputs, self._param_dtype), reduction_axes,
                                           keepdims=len(axes) > 1)
            updates = [self._update(self.moving_mean, mean),
                       self._update(self.moving_variance, variance)]
        else:
            mean = tf.convert_to_tensor(self.moving_mean)
            variance = tf.convert_to_tensor(self.moving_variance)
        dtype = inputs.dtype
        mean, variance = tf.cast(mean, dtype), tf.cast(variance, dtype)
        offset = tf.cast(offset, dtype) if offset is not None else None
        scale = tf.cast(scale, dtype) if scale is not None else None
        outputs = tf.nn.batch_normalization(inputs, broadcast(mean), broadcast(variance),
                                            offset, scale, self.epsilon)
        if _is_half(input_dtype):
            outputs = tf.cast(outputs, input_dtype)
        return self._after(updates, outputs)


def _unsupported(scope, **options):
    for option, value in options.items():
        if value:
            raise NotImplementedError(
                f"{scope}: {option} is not supported by unscope.nn; keep this layer in compat "
                f"form (unscope.runtime) or drop {option}=")


class BatchNormalization(_BatchNorm):
    """`tf.compat.v1.layers.BatchNormalization`: variables gamma, beta, moving_mean,
    moving_variance under `name`; momentum 0.99, epsilon 1e-3; `training=False` default.
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None,
                 adjustment=None, dtype=None, name="batch_normalization"):
        super().__init__(name=name)
        _unsupported(self.scope_name, renorm=renorm, virtual_batch_size=virtual_batch_size,
                     adjustment=adjustment)
        self._setup(axis, momentum, epsilon, center, scale,
                    (beta_initializer, gamma_initializer, moving_mean_initializer,
                     moving_variance_initializer),
                    (beta_regularizer, gamma_regularizer), (beta_constraint, gamma_constraint),
                    trainable, fused, dtype)

    def _plan(self, rank, input_dtype):
        layer_dtype = tf.as_dtype(self._dtype).base_dtype if self._dtype is not None else (
            input_dtype if input_dtype.is_floating else tf.float32)
        self._axes = self._normalized_axes(rank)
        self._fused_format = self._v1_fused_format(self.fused, rank, self._axes, layer_dtype)
        return tf.float32 if _is_half(layer_dtype) else layer_dtype

    def __call__(self, inputs, training=False):
        return self._apply(inputs, training)


class ContribBatchNorm(_BatchNorm):
    """`tf.contrib.layers.batch_norm`: variables beta, [gamma,] moving_mean, moving_variance
    under `name` (default "BatchNorm"); decay 0.999, epsilon 1e-3, scale=False,
    is_training=True by default. Rank-2 inputs take contrib's own fused path (reshaped to
    [N, 1, 1, C]); other inputs take tf.layers' path, as contrib did.

    `updates_collections` only selects that path: updates are always applied in the call.
    Contrib's unfused path (updates_collections=None on other ranks, or fused=False) ignores
    `param_regularizers`, as TF1 did.
    """

    def __init__(self, decay=0.999, center=True, scale=False, epsilon=0.001,
                 activation_fn=None, param_initializers=None, param_regularizers=None,
                 updates_collections=_UPDATE_OPS, is_training=True, trainable=True, fused=None,
                 data_format="NHWC", zero_debias_moving_mean=False, renorm=False,
                 renorm_clipping=None, renorm_decay=0.99, adjustment=None, name="BatchNorm"):
        super().__init__(name=name)
        _unsupported(self.scope_name, zero_debias_moving_mean=zero_debias_moving_mean,
                     renorm=renorm, adjustment=adjustment)
        if data_format not in ("NHWC", "NCHW"):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        inits = dict(param_initializers or {})
        regs = dict(param_regularizers or {})
        self._setup(1 if data_format == "NCHW" else -1, decay, epsilon, center, scale,
                    (inits.get("beta", "zeros"), inits.get("gamma", "ones"),
                     inits.get("moving_mean", "zeros"), inits.get("moving_variance", "ones")),
                    (regs.get("beta"), regs.get("gamma")), (None, None), trainable,
                    True if fused is None else bool(fused), None)
        self.activation_fn = get_activation(activation_fn)
        self.is_training = is_training
        self.data_format = data_format
        self._core_path = updates_collections == _UPDATE_OPS or (
            isinstance(updates_collections, (list, tuple))
            and list(updates_collections) == [_UPDATE_OPS])

    @property
    def decay(self):
        return self.momentum

    def _plan(self, rank, input_dtype):
        self._axes = self._normalized_axes(rank)
        if self.fused and rank in (2, 4) and (rank == 2 or not self._core_path):
            # contrib's own _fused_batch_norm: float32 variables, 2-D inputs as [N, 1, 1, C].
            self._fused_format = self.data_format
            self._flat_2d = rank == 2
            return tf.float32
        dtype = input_dtype if input_dtype.is_floating else tf.float32
        if self._core_path:
            self._fused_format = self._v1_fused_format(self.fused, rank, self._axes, dtype)
            return tf.float32 if _is_half(dtype) else dtype
        # contrib's own unfused path made beta and gamma without param_regularizers
        self.beta_regularizer = self.gamma_regularizer = None
        return dtype

    def __call__(self, inputs, is_training=None):
        training = self.is_training if is_training is None else is_training
        outputs = self._apply(inputs, training)
        if self.activation_fn is not None:
            outputs = self.activation_fn(outputs)
        return outputs
