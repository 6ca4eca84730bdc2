"""TF1 programs and their `unscope.nn` twins, one table per test module.

Each case: `tf1(tf, x)` builds the TF1 graph (run by tf1_oracle.py in a subprocess with
TF_USE_LEGACY_KERAS=1, so `tf.compat.v1.layers` exists); `nn(nn, tf)` returns the twin
module and `call(m, x)` runs it. `warm(m, x)` creates the variables without side effects
(defaults to `call`; the TF1 weights are assigned after it, so its side effects do not
matter). Nothing here imports TensorFlow at module level: the same file is
read by the oracle process and by pytest.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional


@dataclass
class Case:
    id: str
    shape: tuple
    tf1: Callable
    nn: Callable
    call: Callable = lambda m, x: m(x)
    warm: Optional[Callable] = None
    dtype: str = "float32"
    tags: tuple = field(default=())


def l2(tf, scale=0.01):
    return lambda w: scale * tf.nn.l2_loss(w)


# ---------------------------------------------------------------- tf.layers (tf_keras)

def _layers(tf):
    return tf.compat.v1.layers


TF_LAYERS = [
    Case("dense_relu", (3, 5),
         lambda tf, x: _in("model/h0/mlp", tf, lambda: _layers(tf).dense(
             x, 4, activation=tf.nn.relu, name="dense")),
         lambda nn, tf: nn.Dense(4, activation=tf.nn.relu, name="model/h0/mlp/dense")),
    Case("dense_rank3_nobias_string_activation", (2, 3, 5),
         lambda tf, x: _layers(tf).dense(x, 6, use_bias=False, activation="tanh", name="proj"),
         lambda nn, tf: nn.Dense(6, use_bias=False, activation="tanh", name="proj")),
    Case("dense_reuse", (3, 5),
         lambda tf, x: _layers(tf).dense(x, 4, name="shared", reuse=tf.compat.v1.AUTO_REUSE)
         + _layers(tf).dense(2.0 * x, 4, name="shared", reuse=tf.compat.v1.AUTO_REUSE),
         lambda nn, tf: nn.Dense(4, name="shared"),
         call=lambda m, x: m(x) + m(2.0 * x)),
    Case("dense_float64_regularized", (3, 5),
         lambda tf, x: _layers(tf).dense(x, 2, kernel_regularizer=l2(tf),
                                         bias_regularizer=l2(tf, 0.5), name="reg"),
         lambda nn, tf: nn.Dense(2, kernel_regularizer=l2(tf), bias_regularizer=l2(tf, 0.5),
                                 name="reg"),
         dtype="float64"),
    Case("conv1d_causal_dilated", (2, 9, 3),
         lambda tf, x: _layers(tf).conv1d(x, 4, 3, padding="causal", dilation_rate=2,
                                          name="enc/conv1d"),
         lambda nn, tf: nn.Conv1D(4, 3, padding="causal", dilation_rate=2, name="enc/conv1d")),
    Case("conv1d_channels_first", (2, 3, 7),
         lambda tf, x: _layers(tf).conv1d(x, 4, 2, strides=2, data_format="channels_first",
                                          name="c1"),
         lambda nn, tf: nn.Conv1D(4, 2, strides=2, data_format="channels_first", name="c1")),
    Case("conv2d_same_stride_relu", (2, 7, 7, 3),
         lambda tf, x: _layers(tf).conv2d(x, 4, 3, strides=2, padding="same",
                                          activation=tf.nn.relu, kernel_regularizer=l2(tf),
                                          name="model/conv2d"),
         lambda nn, tf: nn.Conv2D(4, 3, strides=2, padding="same", activation=tf.nn.relu,
                                  kernel_regularizer=l2(tf), name="model/conv2d")),
    Case("conv2d_channels_first_dilated", (2, 3, 8, 8),
         lambda tf, x: _layers(tf).conv2d(x, 4, (3, 2), dilation_rate=(2, 1),
                                          data_format="channels_first", name="cf"),
         lambda nn, tf: nn.Conv2D(4, (3, 2), dilation_rate=(2, 1),
                                  data_format="channels_first", name="cf")),
    Case("conv3d_same", (2, 4, 4, 4, 2),
         lambda tf, x: _layers(tf).conv3d(x, 3, 2, padding="same", name="vol/conv3d"),
         lambda nn, tf: nn.Conv3D(3, 2, padding="same", name="vol/conv3d")),
    Case("conv2d_transpose_same", (2, 4, 4, 3),
         lambda tf, x: _layers(tf).conv2d_transpose(x, 5, 3, strides=2, padding="same",
                                                    name="dec/up"),
         lambda nn, tf: nn.Conv2DTranspose(5, 3, strides=2, padding="same", name="dec/up")),
    Case("conv2d_transpose_valid_channels_first", (2, 3, 4, 5),
         lambda tf, x: _layers(tf).conv2d_transpose(x, 2, (3, 2), strides=(2, 3),
                                                    data_format="channels_first", name="dt"),
         lambda nn, tf: nn.Conv2DTranspose(2, (3, 2), strides=(2, 3),
                                           data_format="channels_first", name="dt")),
    Case("separable_conv2d", (2, 6, 6, 3),
         lambda tf, x: _layers(tf).separable_conv2d(x, 4, 3, depth_multiplier=2, padding="same",
                                                    activation=tf.nn.relu6, name="m/sep"),
         lambda nn, tf: nn.SeparableConv2D(4, 3, depth_multiplier=2, padding="same",
                                           activation=tf.nn.relu6, name="m/sep")),
    Case("bn_fused_train", (4, 3, 3, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, training=True, name="m/bn"),
         lambda nn, tf: nn.BatchNormalization(name="m/bn"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_fused_infer", (4, 3, 3, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, training=False, name="m/bn"),
         lambda nn, tf: nn.BatchNormalization(name="m/bn")),
    Case("bn_fused_nchw_train_regularized", (4, 2, 3, 3),
         lambda tf, x: _layers(tf).batch_normalization(x, axis=1, momentum=0.9,
                                                       gamma_regularizer=l2(tf), training=True,
                                                       name="bn1"),
         lambda nn, tf: nn.BatchNormalization(axis=1, momentum=0.9, gamma_regularizer=l2(tf),
                                              name="bn1"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_fused_rank5_train", (2, 3, 2, 2, 3),
         lambda tf, x: _layers(tf).batch_normalization(x, training=True, name="bn5"),
         lambda nn, tf: nn.BatchNormalization(name="bn5"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_fused_no_scale_center_train", (4, 3, 3, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, center=False, scale=False,
                                                       training=True, name="bnp"),
         lambda nn, tf: nn.BatchNormalization(center=False, scale=False, name="bnp"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_unfused_rank2_train", (6, 3),
         lambda tf, x: _layers(tf).batch_normalization(x, training=True, name="fc/bn"),
         lambda nn, tf: nn.BatchNormalization(name="fc/bn"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_unfused_rank2_infer", (6, 3),
         lambda tf, x: _layers(tf).batch_normalization(x, training=False, name="fc/bn"),
         lambda nn, tf: nn.BatchNormalization(name="fc/bn")),
    Case("bn_fused_false_rank4_train", (4, 3, 3, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, fused=False, training=True,
                                                       epsilon=1e-2, name="bnu"),
         lambda nn, tf: nn.BatchNormalization(fused=False, epsilon=1e-2, name="bnu"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_rank3_axis1_train", (4, 3, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, axis=1, training=True, name="seq/bn"),
         lambda nn, tf: nn.BatchNormalization(axis=1, name="seq/bn"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("bn_multi_axis_train", (4, 3, 2, 2),
         lambda tf, x: _layers(tf).batch_normalization(x, axis=[1, 3], training=True,
                                                       name="bnm"),
         lambda nn, tf: nn.BatchNormalization(axis=[1, 3], name="bnm"),
         call=lambda m, x: m(x, training=True), tags=("training",)),
    Case("max_pooling2d_same", (2, 5, 5, 3),
         lambda tf, x: _layers(tf).max_pooling2d(x, 2, 2, padding="same"),
         lambda nn, tf: nn.MaxPooling2D(2, 2, padding="same")),
    Case("average_pooling1d", (2, 7, 3),
         lambda tf, x: _layers(tf).average_pooling1d(x, 3, 2),
         lambda nn, tf: nn.AveragePooling1D(3, 2)),
    Case("max_pooling1d_channels_first", (2, 3, 7),
         lambda tf, x: _layers(tf).max_pooling1d(x, 2, 1, data_format="channels_first"),
         lambda nn, tf: nn.MaxPooling1D(2, 1, data_format="channels_first")),
    Case("average_pooling2d_channels_first", (2, 3, 4, 4),
         lambda tf, x: _layers(tf).average_pooling2d(x, 2, 2, data_format="channels_first"),
         lambda nn, tf: nn.AveragePooling2D(2, 2, data_format="channels_first")),
    Case("max_pooling3d", (2, 4, 4, 4, 2),
         lambda tf, x: _layers(tf).max_pooling3d(x, 2, 2),
         lambda nn, tf: nn.MaxPooling3D(2, 2)),
    Case("average_pooling3d_same", (2, 3, 3, 3, 2),
         lambda tf, x: _layers(tf).average_pooling3d(x, 2, 2, padding="same"),
         lambda nn, tf: nn.AveragePooling3D(2, 2, padding="same")),
    Case("flatten_channels_first", (2, 3, 4, 2),
         lambda tf, x: _layers(tf).flatten(x, data_format="channels_first"),
         lambda nn, tf: nn.Flatten(data_format="channels_first")),
    Case("dropout_eval", (3, 4),
         lambda tf, x: _layers(tf).dropout(x, 0.5, training=False),
         lambda nn, tf: nn.Dropout(0.5)),
]


def _in(scope, tf, build):
    with tf.compat.v1.variable_scope(scope):
        return build()


# ------------------------------------------------- tf.contrib.layers, as contrib built them
# TF 2.21 has no tf.contrib. Contrib built fully_connected / conv2d / batch_norm (rank 4) on
# the tf.layers classes with `_scope=` and a getter renaming kernel/bias to weights/biases;
# those calls are reproduced here. Its layer_norm and its own fused batch_norm (rank 2)
# were written in graph primitives; their bodies are reproduced with the same primitives.

def _rename_getter(getter, name, *args, **kwargs):
    head, _, short = name.rpartition("/")
    short = {"kernel": "weights", "bias": "biases"}.get(short, short)
    return getter(f"{head}/{short}" if head else short, *args, **kwargs)


def contrib_fully_connected(tf, x, num_outputs, activation_fn="relu", normalizer_fn=None,
                            biases_initializer="zeros", weights_regularizer=None, scope=None):
    activation_fn = tf.nn.relu if activation_fn == "relu" else activation_fn
    if biases_initializer == "zeros":
        biases_initializer = tf.compat.v1.zeros_initializer()
    with tf.compat.v1.variable_scope(scope, "fully_connected", [x],
                                     custom_getter=_rename_getter) as sc:
        layer = tf.compat.v1.layers.Dense(
            units=num_outputs, activation=None,
            use_bias=not normalizer_fn and biases_initializer is not None,
            kernel_initializer=tf.compat.v1.glorot_uniform_initializer(),
            bias_initializer=biases_initializer, kernel_regularizer=weights_regularizer,
            name=sc.name, dtype=x.dtype.base_dtype, _scope=sc)
        y = layer.apply(x)
        if normalizer_fn is not None:
            y = normalizer_fn(y)
        return activation_fn(y) if activation_fn is not None else y


def contrib_conv(tf, x, num_outputs, kernel_size, stride=1, padding="SAME", rate=1,
                 activation_fn="relu", normalizer_fn=None, data_format=None, scope=None):
    activation_fn = tf.nn.relu if activation_fn == "relu" else activation_fn
    classes = {3: tf.compat.v1.layers.Conv1D, 4: tf.compat.v1.layers.Conv2D,
               5: tf.compat.v1.layers.Conv3D}
    with tf.compat.v1.variable_scope(scope, "Conv", [x], custom_getter=_rename_getter) as sc:
        layer = classes[x.shape.rank](
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format="channels_first" if data_format and data_format.startswith("NC")
            else "channels_last",
            dilation_rate=rate, activation=None, use_bias=normalizer_fn is None,
            kernel_initializer=tf.compat.v1.glorot_uniform_initializer(),
            bias_initializer=tf.compat.v1.zeros_initializer(), name=sc.name,
            dtype=x.dtype.base_dtype, _scope=sc)
        y = layer.apply(x)
        if normalizer_fn is not None:
            y = normalizer_fn(y)
        return activation_fn(y) if activation_fn is not None else y


def contrib_batch_norm(tf, x, decay=0.999, center=True, scale=False, epsilon=0.001,
                       is_training=True, data_format="NHWC", fused=None, scope=None):
    fused = True if fused is None else fused
    if fused and x.shape.rank == 2:
        return _contrib_fused_batch_norm(tf, x, decay, center, scale, epsilon, is_training,
                                         data_format, scope)
    with tf.compat.v1.variable_scope(scope, "BatchNorm", [x]) as sc:
        layer = tf.compat.v1.layers.BatchNormalization(
            axis=1 if data_format == "NCHW" else -1, momentum=decay, epsilon=epsilon,
            center=center, scale=scale, fused=fused, name=sc.name, _scope=sc)
        return layer.apply(x, training=is_training)


def _contrib_fused_batch_norm(tf, x, decay, center, scale, epsilon, is_training,
                              data_format, scope):
    from tensorflow.python.training import moving_averages

    v1 = tf.compat.v1
    with v1.variable_scope(scope, "BatchNorm", [x]):
        channels = x.shape[-1]
        x4 = tf.reshape(x, [-1, channels, 1, 1] if data_format == "NCHW" else [-1, 1, 1, channels])
        params = [channels]
        beta = v1.get_variable("beta", params, tf.float32, v1.zeros_initializer()) if center \
            else tf.constant(0.0, shape=params)
        gamma = v1.get_variable("gamma", params, tf.float32, v1.ones_initializer()) if scale \
            else tf.constant(1.0, shape=params)
        mean_var = v1.get_variable("moving_mean", params, tf.float32, v1.zeros_initializer(),
                                   trainable=False)
        var_var = v1.get_variable("moving_variance", params, tf.float32, v1.ones_initializer(),
                                  trainable=False)
        if is_training:
            y, mean, variance = v1.nn.fused_batch_norm(x4, gamma, beta, epsilon=epsilon,
                                                       data_format=data_format)
            for var, value in ((mean_var, mean), (var_var, variance)):
                v1.add_to_collection(v1.GraphKeys.UPDATE_OPS, moving_averages.assign_moving_average(
                    var, value, decay, zero_debias=False))
        else:
            y, _, _ = v1.nn.fused_batch_norm(x4, gamma, beta, mean=mean_var, variance=var_var,
                                             epsilon=epsilon, is_training=False,
                                             data_format=data_format)
        return tf.reshape(y, tf.shape(x))


def contrib_layer_norm(tf, x, center=True, scale=True, begin_norm_axis=1,
                       begin_params_axis=-1, scope=None):
    v1 = tf.compat.v1
    with v1.variable_scope(scope, "LayerNorm", [x]):
        rank = x.shape.rank
        if begin_norm_axis < 0:
            begin_norm_axis += rank
        params_shape = x.shape[begin_params_axis:]
        beta = v1.get_variable("beta", params_shape, x.dtype, v1.zeros_initializer()) \
            if center else None
        gamma = v1.get_variable("gamma", params_shape, x.dtype, v1.ones_initializer()) \
            if scale else None
        mean, variance = tf.nn.moments(x, list(range(begin_norm_axis, rank)), keepdims=True)
        return tf.nn.batch_normalization(x, mean, variance, offset=beta, scale=gamma,
                                         variance_epsilon=1e-12)


CONTRIB = [
    Case("fully_connected_relu_regularized", (3, 5),
         lambda tf, x: _in("model", tf, lambda: contrib_fully_connected(
             tf, x, 4, weights_regularizer=l2(tf))),
         lambda nn, tf: nn.FullyConnected(4, weights_regularizer=l2(tf),
                                          name="model/fully_connected")),
    Case("fully_connected_linear_no_biases_rank3", (2, 3, 5),
         lambda tf, x: contrib_fully_connected(tf, x, 3, activation_fn=None,
                                               biases_initializer=None, scope="logits"),
         lambda nn, tf: nn.FullyConnected(3, activation_fn=None, biases_initializer=None,
                                          name="logits")),
    Case("contrib_conv2d", (2, 6, 6, 3),
         lambda tf, x: _in("net", tf, lambda: contrib_conv(tf, x, 4, [3, 3], stride=2)),
         lambda nn, tf: nn.ContribConv2D(4, [3, 3], stride=2, name="net/Conv")),
    Case("contrib_conv1d_by_rank_valid", (2, 7, 3),
         lambda tf, x: contrib_conv(tf, x, 2, 3, padding="VALID", rate=2, activation_fn=None,
                                    scope="c1d"),
         lambda nn, tf: nn.ContribConv(2, 3, padding="VALID", rate=2, activation_fn=None,
                                       name="c1d")),
    Case("contrib_conv2d_batch_norm_train", (4, 5, 5, 2),
         lambda tf, x: contrib_conv(tf, x, 3, 3, scope="block", normalizer_fn=lambda y:
                                    contrib_batch_norm(tf, y, scale=True)),
         lambda nn, tf: nn.ContribConv2D(3, 3, name="block", normalizer_fn=nn.ContribBatchNorm(
             scale=True, name="block/BatchNorm")),
         warm=lambda m, x: m(x, is_training=False), tags=("training",)),
    Case("contrib_batch_norm_rank4_train", (4, 3, 3, 2),
         lambda tf, x: contrib_batch_norm(tf, x, scope="m/BatchNorm"),
         lambda nn, tf: nn.ContribBatchNorm(name="m/BatchNorm"),
         warm=lambda m, x: m(x, is_training=False), tags=("training",)),
    Case("contrib_batch_norm_rank4_infer_nchw_scaled", (4, 2, 3, 3),
         lambda tf, x: contrib_batch_norm(tf, x, scale=True, data_format="NCHW",
                                          is_training=False),
         lambda nn, tf: nn.ContribBatchNorm(scale=True, data_format="NCHW", is_training=False)),
    Case("contrib_batch_norm_rank2_fused_train", (6, 3),
         lambda tf, x: contrib_batch_norm(tf, x, decay=0.9, scale=True, scope="fc/BatchNorm"),
         lambda nn, tf: nn.ContribBatchNorm(decay=0.9, scale=True, name="fc/BatchNorm"),
         warm=lambda m, x: m(x, is_training=False), tags=("training",)),
    Case("contrib_batch_norm_rank2_fused_infer", (6, 3),
         lambda tf, x: contrib_batch_norm(tf, x, is_training=False),
         lambda nn, tf: nn.ContribBatchNorm(),
         call=lambda m, x: m(x, is_training=False)),
    Case("contrib_batch_norm_rank2_unfused_train", (6, 3),
         lambda tf, x: contrib_batch_norm(tf, x, fused=False, scope="u/BatchNorm"),
         lambda nn, tf: nn.ContribBatchNorm(fused=False, name="u/BatchNorm"),
         warm=lambda m, x: m(x, is_training=False), tags=("training",)),
    Case("contrib_batch_norm_rank3_train", (4, 3, 2),
         lambda tf, x: contrib_batch_norm(tf, x),
         lambda nn, tf: nn.ContribBatchNorm(),
         warm=lambda m, x: m(x, is_training=False), tags=("training",)),
    Case("layer_norm_default_axes", (2, 3, 4),
         lambda tf, x: _in("model/h0/ln_1", tf, lambda: contrib_layer_norm(tf, x)),
         lambda nn, tf: nn.LayerNorm(name="model/h0/ln_1/LayerNorm")),
    Case("layer_norm_last_axis_params_from_1", (2, 3, 4),
         lambda tf, x: contrib_layer_norm(tf, x, begin_norm_axis=-1, begin_params_axis=1,
                                          scope="ln"),
         lambda nn, tf: nn.LayerNorm(begin_norm_axis=-1, begin_params_axis=1, name="ln")),
    Case("layer_norm_no_center", (3, 4),
         lambda tf, x: contrib_layer_norm(tf, x, center=False),
         lambda nn, tf: nn.LayerNorm(center=False)),
]

TABLES = {"TF_LAYERS": TF_LAYERS, "CONTRIB": CONTRIB}
