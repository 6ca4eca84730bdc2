"""What native migration knows about TF1 APIs: signatures, and the `unscope.nn` twin of each
layer function (as data, so a new layer is one table row).

    >>> LAYERS["tf.layers.dense"].nn_class, LAYERS["tf.layers.dense"].default_name
    ('Dense', 'dense')
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

__all__ = ["LAYERS", "LayerSpec", "Weight", "VARIABLE_SCOPE_PARAMS", "GET_VARIABLE_PARAMS",
           "TEMPLATE_PARAMS", "COLLECTIONS", "bind"]

VARIABLE_SCOPE_PARAMS = ("name_or_scope", "default_name", "values", "initializer", "regularizer",
                         "caching_device", "partitioner", "custom_getter", "reuse", "dtype",
                         "use_resource", "constraint", "auxiliary_name_scope")
GET_VARIABLE_PARAMS = ("name", "shape", "dtype", "initializer", "regularizer", "trainable",
                       "collections", "caching_device", "partitioner", "validate_shape",
                       "use_resource", "custom_getter", "constraint", "synchronization",
                       "aggregation")
# nn.variable(name, shape, dtype, initializer, trainable, regularizer, constraint, ...)
NN_VARIABLE_PARAMS = ("name", "shape", "dtype", "initializer", "trainable", "regularizer",
                      "constraint", "synchronization", "aggregation")
TEMPLATE_PARAMS = ("name_", "func_", "create_scope_now_", "unique_name_", "custom_getter_")

# get_variable arguments native mode cannot carry over (why, for the finding)
GET_VARIABLE_UNSUPPORTED = {
    "collections": "collections=: custom collections are kept by the compat runtime",
    "caching_device": "caching_device has no TF2 equivalent",
    "partitioner": "partitioned variables stay on the compat runtime",
    "custom_getter": "custom_getter: kept on the compat runtime",
}
SCOPE_UNSUPPORTED = {
    "custom_getter": "custom_getter on a variable_scope: kept on the compat runtime, which applies it",
    "partitioner": "partitioner on a variable_scope: partitioned variables stay on the compat runtime",
    "caching_device": "caching_device has no TF2 equivalent",
    "constraint": "a scope-level constraint: kept on the compat runtime",
    "auxiliary_name_scope": "auxiliary_name_scope: kept on the compat runtime",
}

# TF1 collection reads -> the module property that holds the same thing
COLLECTIONS = {
    "tf.trainable_variables": "trainable_variables",
    "tf.global_variables": "variables",
    "tf.all_variables": "variables",
    "tf.model_variables": "variables",
    "tf.losses.get_regularization_losses": "regularization_losses",
}
GRAPH_KEYS = {
    "TRAINABLE_VARIABLES": "trainable_variables",
    "GLOBAL_VARIABLES": "variables",
    "MODEL_VARIABLES": "variables",
    "REGULARIZATION_LOSSES": "regularization_losses",
}


@dataclass(frozen=True)
class Weight:
    """One variable a TF1 layer makes through ``get_variable``, and how a scope-level
    initializer / regularizer reaches it.

    ``initializer`` is the keyword (TF1's and the nn class's) that sets its initializer, or
    None when the layer fixes it; ``scope_init`` whether TF1's default for it is None, so the
    scope initializer applies when it is not given; an explicit ``None`` lets the scope
    initializer through too, unless ``none_absent`` (contrib's ``biases_initializer=None``
    means "no bias"). ``regularizer`` is the nn keyword for its regularizer, or None when the
    nn class cannot take one. ``switch`` is the TF1 argument whose ``False`` means the
    variable is not made (``use_bias``, ``center``, ``scale``).
    """

    initializer: str | None
    scope_init: bool
    regularizer: str | None
    none_absent: bool = False
    switch: str | None = None


def _weights(*rows) -> tuple:
    return tuple(Weight(*row) for row in rows)


_KERNEL_BIAS = _weights(("kernel_initializer", True, "kernel_regularizer"),
                        ("bias_initializer", False, "bias_regularizer", False, "use_bias"))
_CONTRIB_WEIGHTS = _weights(("weights_initializer", False, "weights_regularizer"),
                            ("biases_initializer", False, "biases_regularizer", True))


@dataclass(frozen=True)
class LayerSpec:
    """A TF1 layer function and its `unscope.nn` class.

    ``tf1_params`` is the TF1 positional order (``inputs`` first); ``nn_params`` the order of
    the nn class's ``__init__``; ``call`` the TF1 arguments that go to the nn ``__call__``;
    ``drop`` arguments with no meaning once variables are owned (reuse);
    ``unsupported`` arguments whose non-default values keep the function in TF1 form;
    ``weights`` the variables it makes (see :class:`Weight`).
    """

    nn_class: str
    default_name: str
    tf1_params: tuple
    nn_params: tuple
    name_kw: str = "name"
    call: tuple = ()
    drop: tuple = ("reuse",)
    unsupported: dict = field(default_factory=dict)
    variables: bool = True
    weights: tuple = ()


def _tf_layer(nn_class, default, params, nn_params=None, call=(), variables=True,
              weights=_KERNEL_BIAS):
    tf1 = ("inputs",) + tuple(params.split())
    if nn_params is None:
        nn_params = tuple(p for p in tf1[1:] if p not in ("name", "reuse") + tuple(call)) + ("name",)
    return LayerSpec(nn_class, default, tf1, tuple(nn_params), "name", tuple(call),
                     unsupported={"activity_regularizer": "activity_regularizer is not supported by unscope.nn"},
                     variables=variables, weights=weights if variables else ())


_CONV = ("filters kernel_size strides padding data_format dilation_rate activation use_bias "
         "kernel_initializer bias_initializer kernel_regularizer bias_regularizer "
         "activity_regularizer kernel_constraint bias_constraint trainable name reuse")
_POOL = "pool_size strides padding data_format name"

LAYERS: dict[str, LayerSpec] = {
    "tf.layers.dense": _tf_layer(
        "Dense", "dense",
        "units activation use_bias kernel_initializer bias_initializer kernel_regularizer "
        "bias_regularizer activity_regularizer kernel_constraint bias_constraint trainable name reuse"),
    "tf.layers.conv1d": _tf_layer("Conv1D", "conv1d", _CONV),
    "tf.layers.conv2d": _tf_layer("Conv2D", "conv2d", _CONV),
    "tf.layers.conv3d": _tf_layer("Conv3D", "conv3d", _CONV),
    "tf.layers.conv2d_transpose": _tf_layer(
        "Conv2DTranspose", "conv2d_transpose",
        "filters kernel_size strides padding data_format activation use_bias kernel_initializer "
        "bias_initializer kernel_regularizer bias_regularizer activity_regularizer "
        "kernel_constraint bias_constraint trainable name reuse"),
    "tf.layers.separable_conv2d": _tf_layer(
        "SeparableConv2D", "separable_conv2d",
        "filters kernel_size strides padding data_format dilation_rate depth_multiplier "
        "activation use_bias depthwise_initializer pointwise_initializer bias_initializer "
        "depthwise_regularizer pointwise_regularizer bias_regularizer activity_regularizer "
        "depthwise_constraint pointwise_constraint bias_constraint trainable name reuse",
        weights=_weights(("depthwise_initializer", True, "depthwise_regularizer"),
                         ("pointwise_initializer", True, "pointwise_regularizer"),
                         ("bias_initializer", False, "bias_regularizer", False, "use_bias"))),
    "tf.layers.batch_normalization": LayerSpec(
        "BatchNormalization", "batch_normalization",
        ("inputs", "axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
         "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
         "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
         "training", "trainable", "name", "reuse", "renorm", "renorm_clipping",
         "renorm_momentum", "fused", "virtual_batch_size", "adjustment"),
        ("axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
         "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
         "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
         "renorm", "renorm_clipping", "renorm_momentum", "fused", "trainable",
         "virtual_batch_size", "adjustment", "dtype", "name"),
        call=("training",),
        unsupported={"renorm": "batch renormalization is not supported by unscope.nn",
                     "virtual_batch_size": "virtual_batch_size is not supported by unscope.nn",
                     "adjustment": "adjustment is not supported by unscope.nn"},
        # the moving statistics take no regularizer of their own in unscope.nn
        weights=_weights(("beta_initializer", False, "beta_regularizer", False, "center"),
                         ("gamma_initializer", False, "gamma_regularizer", False, "scale"),
                         ("moving_mean_initializer", False, None),
                         ("moving_variance_initializer", False, None))),
    "tf.layers.dropout": LayerSpec(
        "Dropout", "dropout", ("inputs", "rate", "noise_shape", "seed", "training", "name"),
        ("rate", "noise_shape", "seed", "name"), call=("training",), variables=False),
    "tf.layers.flatten": LayerSpec("Flatten", "flatten", ("inputs", "name", "data_format"),
                                   ("data_format", "name"), variables=False),
}
for _kind, _cls in (("max", "MaxPooling"), ("average", "AveragePooling")):
    for _rank in (1, 2, 3):
        LAYERS[f"tf.layers.{_kind}_pooling{_rank}d"] = _tf_layer(
            f"{_cls}{_rank}D", f"{_kind}_pooling{_rank}d", _POOL, variables=False)

_CONTRIB_DROP = ("reuse",)
_CONTRIB_UNSUPPORTED = {
    "normalizer_fn": "normalizer_fn: a normalizer layer inside a contrib layer stays in TF1 form",
    "normalizer_params": "normalizer_params: a normalizer layer inside a contrib layer stays in TF1 form",
    "variables_collections": "variables_collections: custom collections are kept by the compat runtime",
    "outputs_collections": "outputs_collections: custom collections are kept by the compat runtime",
}
for _prefix in ("tf.contrib.layers", "slim"):
    LAYERS[f"{_prefix}.fully_connected"] = LayerSpec(
        "FullyConnected", "fully_connected",
        ("inputs", "num_outputs", "activation_fn", "normalizer_fn", "normalizer_params",
         "weights_initializer", "weights_regularizer", "biases_initializer", "biases_regularizer",
         "reuse", "variables_collections", "outputs_collections", "trainable", "scope"),
        ("num_outputs", "activation_fn", "normalizer_fn", "weights_initializer",
         "weights_regularizer", "biases_initializer", "biases_regularizer", "trainable", "name"),
        name_kw="scope", drop=_CONTRIB_DROP, unsupported=_CONTRIB_UNSUPPORTED,
        weights=_CONTRIB_WEIGHTS)
    LAYERS[f"{_prefix}.conv2d"] = LayerSpec(
        "ContribConv2D", "Conv",
        ("inputs", "num_outputs", "kernel_size", "stride", "padding", "data_format", "rate",
         "activation_fn", "normalizer_fn", "normalizer_params", "weights_initializer",
         "weights_regularizer", "biases_initializer", "biases_regularizer", "reuse",
         "variables_collections", "outputs_collections", "trainable", "scope"),
        ("num_outputs", "kernel_size", "stride", "padding", "data_format", "rate",
         "activation_fn", "normalizer_fn", "weights_initializer", "weights_regularizer",
         "biases_initializer", "biases_regularizer", "trainable", "name"),
        name_kw="scope", drop=_CONTRIB_DROP, unsupported=_CONTRIB_UNSUPPORTED,
        weights=_CONTRIB_WEIGHTS)
    LAYERS[f"{_prefix}.layer_norm"] = LayerSpec(
        "LayerNorm", "LayerNorm",
        ("inputs", "center", "scale", "activation_fn", "reuse", "variables_collections",
         "outputs_collections", "trainable", "begin_norm_axis", "begin_params_axis", "scope"),
        ("center", "scale", "activation_fn", "trainable", "begin_norm_axis", "begin_params_axis",
         "name"),
        name_kw="scope", drop=_CONTRIB_DROP, unsupported=_CONTRIB_UNSUPPORTED,
        weights=_weights((None, False, "beta_regularizer", False, "center"),
                         (None, False, "gamma_regularizer", False, "scale")))


def bind(call: ast.Call, params: tuple) -> tuple[dict, list, bool]:
    """TF1 parameter name -> argument node; the names given positionally; and whether
    ``*``/``**`` or an unknown keyword was used (then nothing can be proven)."""
    bound: dict = {}
    positional: list = []
    odd = False
    for i, arg in enumerate(call.args):
        if type(arg) is ast.Starred or i >= len(params):
            odd = True
            break
        bound[params[i]] = arg
        positional.append(params[i])
    for kw in call.keywords:
        if kw.arg is None or kw.arg in bound:
            odd = True
        elif kw.arg not in params:
            odd = True
        else:
            bound[kw.arg] = kw.value
    return bound, positional, odd


def is_none(node) -> bool:
    return node is None or (type(node) is ast.Constant and node.value is None)
