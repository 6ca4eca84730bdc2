"""What native migration knows about TF1 APIs: signatures, and the `unscope.nn` twin of each
layer function (as data, so a new layer is one table row).

    >>> LAYERS["tf.layers.dense"].nn_class, LAYERS["tf.layers.dense"].default_name
    ('Dense', 'dense')
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

__all__ = ["LAYERS", "LayerSpec", "Weight", "VARIABLE_SCOPE_PARAMS", "GET_VARIABLE_PARAMS",
           "TEMPLATE_PARAMS", "COLLECTIONS", "bind", "screen"]

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
    ``unsupported`` arguments whose non-default values keep the function in TF1 form, except
    the values ``allowed[argument](node, api_of)`` accepts (see :func:`screen`);
    ``spelled_default[argument](node, api_of)`` says the value is TF1's default spelled out;
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
    allowed: dict = field(default_factory=dict)
    spelled_default: dict = field(default_factory=dict)


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

_BATCH_NORM_PARAMS = ("inputs", "decay", "center", "scale", "epsilon", "activation_fn",
                      "param_initializers", "param_regularizers", "updates_collections",
                      "is_training", "reuse", "variables_collections", "outputs_collections",
                      "trainable", "batch_weights", "fused", "data_format",
                      "zero_debias_moving_mean", "scope", "renorm", "renorm_clipping",
                      "renorm_decay", "adjustment")


def _update_ops(node, api_of) -> bool:
    """``updates_collections=tf.GraphKeys.UPDATE_OPS``: contrib's own default. TF1 tested it
    with ``is``, so only that constant (or None, the in-place updates) has a known meaning."""
    return api_of(node) == "tf.GraphKeys.UPDATE_OPS"


def _param_dict(keys):
    def accepts(node, api_of) -> bool:
        return type(node) is ast.Dict and all(
            type(k) is ast.Constant and k.value in keys for k in node.keys)
    return accepts


for _prefix in ("tf.contrib.layers", "slim"):
    # nn.ContribBatchNorm updates the moving statistics in its call: what TF1 did for
    # updates_collections=None, and what UPDATE_OPS did once the train op depended on it (the
    # contract of native tf.layers.batch_normalization too; the program pass checks it)
    LAYERS[f"{_prefix}.batch_norm"] = LayerSpec(
        "ContribBatchNorm", "BatchNorm", _BATCH_NORM_PARAMS,
        ("decay", "center", "scale", "epsilon", "activation_fn", "param_initializers",
         "param_regularizers", "updates_collections", "trainable", "fused", "data_format",
         "zero_debias_moving_mean", "renorm", "renorm_clipping", "renorm_decay", "adjustment",
         "name"),
        name_kw="scope", call=("is_training",), drop=_CONTRIB_DROP,
        unsupported={
            "updates_collections": "updates_collections other than None or tf.GraphKeys.UPDATE_OPS: "
                                   "update ops in a collection of the user's are kept by the "
                                   "compat runtime",
            "param_initializers": "param_initializers other than a dict literal keyed by beta, "
                                  "gamma, moving_mean, moving_variance",
            "param_regularizers": "param_regularizers other than a dict literal keyed by beta, gamma",
            "batch_weights": "batch_weights (weighted moments) is not supported by unscope.nn",
            "zero_debias_moving_mean": "zero_debias_moving_mean is not supported by unscope.nn",
            "renorm": "batch renormalization is not supported by unscope.nn",
            "adjustment": "adjustment is not supported by unscope.nn",
            **{k: v for k, v in _CONTRIB_UNSUPPORTED.items() if k in _BATCH_NORM_PARAMS}},
        spelled_default={"updates_collections": _update_ops},
        allowed={"param_initializers": _param_dict({"beta", "gamma", "moving_mean", "moving_variance"}),
                 "param_regularizers": _param_dict({"beta", "gamma"})},
        # contrib passes every initializer itself (a scope's never reaches them); a scope-level
        # regularizer reaches the moving statistics too, which unscope.nn cannot regularize
        weights=_weights(("moving_mean_initializer", False, None),
                         ("moving_variance_initializer", False, None),
                         (None, False, None, False, "center"),
                         (None, False, None, False, "scale")))


def screen(spec: LayerSpec, bound: dict, api_of) -> str | None:
    """Why a call of ``spec``'s layer with these arguments stays TF1, or None: an
    :attr:`LayerSpec.unsupported` argument given other than None / False or an allowed value.
    An argument that spells out TF1's default (:attr:`LayerSpec.spelled_default`) is dropped
    from ``bound``: the nn class has the same default."""
    for key, is_default in spec.spelled_default.items():
        if key in bound and is_default(bound[key], api_of):
            del bound[key]
    for key, why in spec.unsupported.items():
        node = bound.get(key)
        if node is None or is_none(node) or type(node) is ast.Constant and node.value is False:
            continue
        accepts = spec.allowed.get(key)
        if accepts is None or not accepts(node, api_of):
            return why
    return None


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
