"""``dense``/``Dense``, ``dropout``/``Dropout``, ``flatten``/``Flatten`` (TF1 ``tf.layers``)."""
from __future__ import annotations

import functools
import operator

import tensorflow as tf

from unscope.layers import _resolve
from unscope.layers._args import normalize_data_format
from unscope.layers.base import InputSpec, Layer, smart_cond

_zeros = tf.compat.v1.zeros_initializer()


class Dense(Layer):
    """Densely-connected layer: ``outputs = activation(inputs @ kernel + bias)``.

    Variables ``<scope>/kernel`` ``[in, units]`` and ``<scope>/bias`` ``[units]``.

    >>> layer = unscope.layers.Dense(4, activation=tf.nn.relu)
    >>> y = layer(x)             # dense/kernel:0, dense/bias:0; a second call reuses them
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=_zeros, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        if self.units <= 0:
            raise ValueError("Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units}")
        self.activation = _resolve.activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        dtype = tf.as_dtype(self.dtype or tf.float32)
        if not (dtype.is_floating or dtype.is_complex):
            raise TypeError("A Dense layer can only be built with a floating-point dtype. "
                            f"Received: dtype={dtype.name}")
        input_shape = tf.TensorShape(input_shape)
        last_dim = tf.compat.dimension_value(input_shape[-1])
        if last_dim is None:
            raise ValueError("The last dimension of the inputs to a Dense layer should be defined. "
                             f"Found None. Full input shape received: {input_shape}")
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last_dim})
        self.kernel = self.add_weight("kernel", shape=[last_dim, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=dtype, trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=dtype, trainable=True)
        else:
            self.bias = None
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = tf.TensorShape(input_shape).with_rank_at_least(2)
        if tf.compat.dimension_value(input_shape[-1]) is None:
            raise ValueError("The last dimension of the input shape of a Dense layer should be "
                             f"defined. Found None. Received: input_shape={input_shape}")
        return input_shape[:-1].concatenate(self.units)

    def call(self, inputs):
        dtype = tf.as_dtype(self.dtype)
        if inputs.dtype.base_dtype != dtype:
            inputs = tf.cast(inputs, dtype)
        rank = inputs.shape.rank
        if rank == 2 or rank is None:
            outputs = tf.matmul(inputs, self.kernel)
        else:
            outputs = tf.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            if not tf.executing_eagerly():
                outputs.set_shape(inputs.shape[:-1].concatenate([self.units]))
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=_zeros, kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """Functional ``Dense`` (TF1 ``tf.layers.dense``).

    >>> h = unscope.layers.dense(x, 64, activation=tf.nn.relu)        # dense/kernel:0
    >>> h = unscope.layers.dense(x, 64, name="fc", reuse=True)        # reuses fc/kernel:0
    """
    layer = Dense(units, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                  bias_constraint=bias_constraint, trainable=trainable, name=name,
                  _scope=name, _reuse=reuse)
    return layer(inputs)


class Dropout(Layer):
    """Randomly zero ``rate`` of the inputs when ``training`` (default False), scale the rest.

    >>> y = unscope.layers.Dropout(0.1)(x, training=is_training)
    """

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self._next_seed = seed

    def _noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        dynamic = tf.shape(inputs)
        return tf.convert_to_tensor(
            [dynamic[i] if value is None else value for i, value in enumerate(self.noise_shape)])

    def _seed(self):
        # TF1 layers gave each call of one layer its own op seed: seed, seed + 1, ...
        if self._next_seed is None:
            return None
        seed, self._next_seed = self._next_seed, self._next_seed + 1
        return seed

    def compute_output_shape(self, input_shape):
        return tf.TensorShape(input_shape)

    def call(self, inputs, training=False):
        if isinstance(self.rate, (int, float)) and self.rate == 0:
            return tf.identity(inputs)
        if training is None:
            training = False

        def dropped():
            return tf.nn.dropout(inputs, rate=self.rate, noise_shape=self._noise_shape(inputs),
                                 seed=self._seed())

        return smart_cond(training, dropped, lambda: tf.identity(inputs))


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Functional ``Dropout`` (TF1 ``tf.layers.dropout``); ``training`` may be a bool tensor."""
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)(inputs, training=training)


class Flatten(Layer):
    """Flatten all but the batch dimension; ``channels_first`` inputs go channels-last first."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def compute_output_shape(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        rest = shape[1:]
        if rest and all(rest):
            return tf.TensorShape(shape[:1] + [functools.reduce(operator.mul, rest, 1)])
        return tf.TensorShape(shape[:1] + [None] if shape else [1])

    def call(self, inputs):
        if self.data_format == "channels_first":
            rank = inputs.shape.rank
            if rank and rank > 1:
                inputs = tf.transpose(inputs, perm=[0, *range(2, rank), 1])
        shape = inputs.shape
        if shape.rank == 1:
            return tf.expand_dims(inputs, axis=1)
        batch = tf.compat.dimension_value(shape[0]) if shape.rank else None
        rest = shape[1:] if shape.rank else None
        if rest is not None and rest.is_fully_defined():
            target = tf.constant([-1, int(functools.reduce(operator.mul, rest.as_list(), 1))])
        elif batch is not None:
            target = tf.constant([int(batch), -1])
        else:
            target = [tf.shape(inputs)[0], -1]
        return tf.reshape(inputs, target)


def flatten(inputs, name=None, data_format="channels_last"):
    """Functional ``Flatten`` (TF1 ``tf.layers.flatten``)."""
    return Flatten(name=name, data_format=data_format)(inputs)
