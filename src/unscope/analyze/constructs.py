"""The TF1 constructs scan recognises, by canonical API name (see ``canonical_api``).

``classify(api)`` answers which kind of construct a canonical name is; the visitor and the
verdict rules work on kinds. The table is data, so adding a construct never touches the
visitor.

    >>> classify("tf.get_variable"), classify("slim.conv2d"), classify("tf.matmul")
    ('get_variable', 'layer', None)
"""
from __future__ import annotations

__all__ = ["classify", "default_layer_name", "STANDARD_KEYS", "KINDS"]

KINDS = (
    "variable_scope",      # tf.variable_scope
    "name_scope",          # tf.name_scope (reported where mixed with variable scopes)
    "get_variable",        # tf.get_variable, tf.get_local_variable, slim.variable
    "get_variable_scope",  # tf.get_variable_scope
    "auto_reuse",          # tf.AUTO_REUSE outside a reuse= argument
    "make_template",       # tf.make_template
    "layer",               # tf.layers.*, tf.contrib.layers.*, slim layers
    "layer_base",          # tf.layers.Layer / InputSpec: subclassing needs a person
    "arg_scope",           # slim / contrib.framework arg_scope, add_arg_scope
    "collection",          # get_collection, add_to_collection, trainable_variables, ...
    "graph_keys",          # tf.GraphKeys.*
    "select_by_name",      # slim.get_variables(scope), get_variables_to_restore, ...
    "variable",            # tf.Variable (reported inside variable scopes)
    "initializer",         # TF1-only initializers: tf.truncated_normal_initializer, xavier...
    "regularizer",         # contrib / slim sum_regularizer, apply_regularization
    "native_regularizer",  # contrib / slim l1/l2/l1_l2_regularizer
    "partitioner",         # tf.fixed_size_partitioner, ...
    "rnn_cell",            # tf.nn.rnn_cell.*, tf.nn.dynamic_rnn: variables made inside TF
    "contrib_supported",   # tf.contrib pieces unscope.contrib provides (HParams)
    "contrib",             # every other tf.contrib / slim use: gone in TF2
)

# Collection keys whose contents native modules expose as properties.
STANDARD_KEYS = frozenset({
    "GLOBAL_VARIABLES", "TRAINABLE_VARIABLES", "LOCAL_VARIABLES", "MODEL_VARIABLES",
    "REGULARIZATION_LOSSES", "UPDATE_OPS", "MOVING_AVERAGE_VARIABLES",
})

# tf.layers functions and classes -> default scope name (TF1 names layers after the class)
_TF_LAYERS = {
    "dense": "dense", "Dense": "dense",
    "conv1d": "conv1d", "Conv1D": "conv1d", "conv2d": "conv2d", "Conv2D": "conv2d",
    "conv3d": "conv3d", "Conv3D": "conv3d",
    "conv2d_transpose": "conv2d_transpose", "Conv2DTranspose": "conv2d_transpose",
    "Convolution2DTranspose": "conv2d_transpose",
    "conv3d_transpose": "conv3d_transpose", "Conv3DTranspose": "conv3d_transpose",
    "separable_conv1d": "separable_conv1d", "SeparableConv1D": "separable_conv1d",
    "separable_conv2d": "separable_conv2d", "SeparableConv2D": "separable_conv2d",
    "batch_normalization": "batch_normalization", "BatchNormalization": "batch_normalization",
    "dropout": "dropout", "Dropout": "dropout", "flatten": "flatten", "Flatten": "flatten",
    "max_pooling1d": "max_pooling1d", "MaxPooling1D": "max_pooling1d",
    "max_pooling2d": "max_pooling2d", "MaxPooling2D": "max_pooling2d",
    "max_pooling3d": "max_pooling3d", "MaxPooling3D": "max_pooling3d",
    "average_pooling1d": "average_pooling1d", "AveragePooling1D": "average_pooling1d",
    "average_pooling2d": "average_pooling2d", "AveragePooling2D": "average_pooling2d",
    "average_pooling3d": "average_pooling3d", "AveragePooling3D": "average_pooling3d",
}

# tf.contrib.layers / slim layer functions -> default scope name (their default_name)
_CONTRIB_LAYERS = {
    "fully_connected": "fully_connected", "linear": "fully_connected",
    "relu": "fully_connected", "relu6": "fully_connected",
    "conv1d": "Conv", "conv2d": "Conv", "conv3d": "Conv", "convolution": "Conv",
    "convolution1d": "Conv", "convolution2d": "Conv", "convolution3d": "Conv",
    "conv2d_transpose": "Conv2d_transpose", "convolution2d_transpose": "Conv2d_transpose",
    "conv3d_transpose": "Conv3d_transpose", "convolution3d_transpose": "Conv3d_transpose",
    "separable_conv2d": "SeparableConv2d", "separable_convolution2d": "SeparableConv2d",
    "conv2d_in_plane": "ConvInPlane", "depthwise_conv2d": "SeparableConv2d",
    "layer_norm": "LayerNorm", "batch_norm": "BatchNorm", "group_norm": "GroupNorm",
    "instance_norm": "InstanceNorm", "bias_add": "BiasAdd", "embed_sequence": "EmbedSequence",
    "flatten": "Flatten", "dropout": "Dropout", "max_pool2d": "MaxPool2D",
    "avg_pool2d": "AvgPool2D", "max_pool3d": "MaxPool3D", "avg_pool3d": "AvgPool3D",
    "one_hot_encoding": "OneHotEncoding", "repeat": "Repeat", "stack": "Stack",
    "softmax": "softmax", "unit_norm": "UnitNorm",
}
# TF1 initializers without a TF2 twin of the same name (TF2 keeps constant/ones/zeros/random_*)
_TF1_INITIALIZERS = frozenset({
    "glorot_normal_initializer", "glorot_uniform_initializer", "orthogonal_initializer",
    "truncated_normal_initializer", "uniform_unit_scaling_initializer",
    "variance_scaling_initializer", "identity_initializer",
})
_NOT_INITIALIZERS = frozenset({"global_variables", "local_variables", "variables", "tables_initializer"})
_CONTRIB_INITIALIZERS = frozenset({
    "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
})
# the ones native mode turns into unscope.nn's plain regularizers
NATIVE_REGULARIZERS = frozenset({"l1_regularizer", "l2_regularizer", "l1_l2_regularizer"})
_CONTRIB_REGULARIZERS = frozenset({
    "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
    "apply_regularization",
})
_SELECT = frozenset({
    "get_variables", "get_model_variables", "get_variables_to_restore", "get_variables_by_name",
    "get_variables_by_suffix", "get_unique_variable", "get_trainable_variables",
    "get_local_variables", "filter_variables", "assign_from_checkpoint",
    "assign_from_checkpoint_fn", "get_variable_full_name",
})
_ARG_SCOPE = frozenset({"arg_scope", "add_arg_scope", "arg_scoped_arguments", "has_arg_scope"})
_SLIM_VARIABLES = frozenset({"variable", "model_variable", "local_variable", "global_variable"})

_TOP = {
    "tf.variable_scope": "variable_scope",
    "tf.name_scope": "name_scope",
    "tf.get_variable": "get_variable",
    "tf.get_local_variable": "get_variable",
    "tf.get_variable_scope": "get_variable_scope",
    "tf.AUTO_REUSE": "auto_reuse",
    "tf.make_template": "make_template",
    "tf.VariableScope": "get_variable_scope",
    "tf.get_collection": "collection",
    "tf.get_collection_ref": "collection",
    "tf.add_to_collection": "collection",
    "tf.add_to_collections": "collection",
    "tf.trainable_variables": "collection",
    "tf.global_variables": "collection",
    "tf.local_variables": "collection",
    "tf.model_variables": "collection",
    "tf.all_variables": "collection",
    "tf.moving_average_variables": "collection",
    "tf.losses.get_regularization_loss": "collection",
    "tf.losses.get_regularization_losses": "collection",
    "tf.Variable": "variable",
    "tf.fixed_size_partitioner": "partitioner",
    "tf.variable_axis_size_partitioner": "partitioner",
    "tf.min_max_variable_partitioner": "partitioner",
    "tf.nn.dynamic_rnn": "rnn_cell",
    "tf.nn.bidirectional_dynamic_rnn": "rnn_cell",
    "tf.nn.static_rnn": "rnn_cell",
    "tf.contrib.training.HParams": "contrib_supported",
}
# module paths: a reference to the module itself (``layers = tf.contrib.layers``) is no finding
_MODULES = frozenset({
    "tf", "slim", "tf.contrib", "tf.contrib.layers", "tf.contrib.framework", "tf.layers",
    "tf.initializers", "tf.losses", "tf.nn", "tf.contrib.training", "slim.layers",
})


def classify(api: str) -> str | None:
    """Kind of construct for a canonical API name, or None when scan ignores it."""
    kind = _TOP.get(api)
    if kind is not None:
        return kind
    if api in _MODULES:
        return None
    head, _, leaf = api.rpartition(".")
    if head == "tf.GraphKeys" or api == "tf.GraphKeys":
        return "graph_keys"
    if head == "tf.layers":
        if leaf in ("Layer", "InputSpec"):
            return "layer_base"
        return "layer" if leaf in _TF_LAYERS else "contrib"  # tf.layers.experimental...
    if head == "tf" and leaf in _TF1_INITIALIZERS:
        return "initializer"
    if head == "tf.initializers" and leaf[:1].islower() and leaf not in _NOT_INITIALIZERS:
        return "initializer"
    if head == "tf.nn.rnn_cell" or head.startswith("tf.nn.rnn_cell.") or head == "tf.contrib.rnn":
        return "rnn_cell"
    if head in ("tf.contrib.layers", "slim"):
        if leaf in _CONTRIB_LAYERS:
            return "layer"
        if leaf in _CONTRIB_INITIALIZERS:
            return "initializer"
        if leaf in NATIVE_REGULARIZERS:
            return "native_regularizer"
        if leaf in _CONTRIB_REGULARIZERS:
            return "regularizer"
    if head in ("tf.contrib.framework", "slim"):
        if leaf in _ARG_SCOPE:
            return "arg_scope"
        if leaf in _SELECT:
            return "select_by_name"
        if leaf in _SLIM_VARIABLES:
            return "get_variable"
    if api.startswith(("tf.contrib.", "slim.")):
        return "contrib"
    return None


def default_layer_name(api: str) -> str | None:
    """The scope name a layer takes when none is given (``tf.layers.dense`` -> ``dense``)."""
    head, _, leaf = api.rpartition(".")
    if head == "tf.layers":
        return _TF_LAYERS.get(leaf)
    return _CONTRIB_LAYERS.get(leaf)


def layer_name_keyword(api: str) -> str:
    """The keyword that names a layer's scope: ``name`` for tf.layers, ``scope`` elsewhere."""
    return "name" if api.startswith("tf.layers.") else "scope"
