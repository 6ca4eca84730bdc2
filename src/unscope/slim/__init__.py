"""`unscope.slim`: tf_slim's common names, sharing `unscope.contrib.layers`' code.

    from unscope import slim
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope="fc")
    end_points = slim.utils.convert_collection_to_dict("end_points")

Variable names are tf_slim's (``conv1/conv1_1/weights``, ``fc/biases``,
``BatchNorm/moving_mean``, ...), so TF1 slim checkpoints map one to one.
"""
from unscope.contrib.framework import (
    add_arg_scope,
    add_model_variable,
    arg_scope,
    arg_scope_func_key,
    arg_scoped_arguments,
    current_arg_scope,
    get_local_variables,
    get_model_variables,
    get_trainable_variables,
    get_unique_variable,
    get_variable_full_name,
    get_variables,
    get_variables_by_name,
    get_variables_by_suffix,
    get_variables_to_restore,
    has_arg_scope,
    model_variable,
    variable,
)
from unscope.contrib.layers import *  # noqa: F401,F403 - the same layer functions
from unscope.contrib.layers import __all__ as _layer_names
from unscope.contrib.layers import utils

__all__ = sorted(set(_layer_names) | {
    "add_arg_scope",
    "add_model_variable",
    "arg_scope",
    "arg_scope_func_key",
    "arg_scoped_arguments",
    "current_arg_scope",
    "get_local_variables",
    "get_model_variables",
    "get_trainable_variables",
    "get_unique_variable",
    "get_variable_full_name",
    "get_variables",
    "get_variables_by_name",
    "get_variables_by_suffix",
    "get_variables_to_restore",
    "has_arg_scope",
    "model_variable",
    "utils",
    "variable",
})
