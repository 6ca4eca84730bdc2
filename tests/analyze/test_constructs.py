"""Which canonical names scan treats as TF1 variable constructs, and of what kind."""
from __future__ import annotations

import pytest

from unscope.analyze.constructs import classify, default_layer_name

KINDS = [
    ("tf.variable_scope", "variable_scope"),
    ("tf.name_scope", "name_scope"),
    ("tf.get_variable", "get_variable"),
    ("tf.get_local_variable", "get_variable"),
    ("slim.model_variable", "get_variable"),
    ("tf.get_variable_scope", "get_variable_scope"),
    ("tf.AUTO_REUSE", "auto_reuse"),
    ("tf.make_template", "make_template"),
    ("tf.layers.dense", "layer"),
    ("tf.layers.Conv2D", "layer"),
    ("tf.layers.Layer", "layer_base"),
    ("tf.contrib.layers.layer_norm", "layer"),
    ("slim.conv2d", "layer"),
    ("slim.arg_scope", "arg_scope"),
    ("tf.contrib.framework.arg_scope", "arg_scope"),
    ("tf.get_collection", "collection"),
    ("tf.trainable_variables", "collection"),
    ("tf.losses.get_regularization_loss", "collection"),
    ("tf.GraphKeys.UPDATE_OPS", "graph_keys"),
    ("slim.get_variables_to_restore", "select_by_name"),
    ("tf.contrib.framework.get_variables", "select_by_name"),
    ("tf.Variable", "variable"),
    ("tf.truncated_normal_initializer", "initializer"),
    ("tf.initializers.variance_scaling", "initializer"),
    ("tf.contrib.layers.xavier_initializer", "initializer"),
    ("slim.l2_regularizer", "native_regularizer"),
    ("slim.sum_regularizer", "regularizer"),
    ("tf.fixed_size_partitioner", "partitioner"),
    ("tf.nn.rnn_cell.LSTMCell", "rnn_cell"),
    ("tf.contrib.rnn.GRUCell", "rnn_cell"),
    ("tf.nn.dynamic_rnn", "rnn_cell"),
    ("tf.contrib.training.HParams", "contrib_supported"),
    ("tf.contrib.seq2seq.dynamic_decode", "contrib"),
    ("slim.nets.resnet_v1.resnet_v1_50", "contrib"),
]

NOT_CONSTRUCTS = ["tf.matmul", "tf.nn.relu", "tf.random_normal_initializer", "tf.zeros_initializer",
                  "tf.global_variables_initializer", "tf.initializers.global_variables", "tf",
                  "tf.contrib", "tf.contrib.layers", "slim", "tf.keras.layers.Dense", "tf.Session"]


@pytest.mark.parametrize("api,kind", KINDS)
def test_kinds(api, kind):
    assert classify(api) == kind


@pytest.mark.parametrize("api", NOT_CONSTRUCTS)
def test_not_constructs(api):
    assert classify(api) is None


@pytest.mark.parametrize("api,name", [("tf.layers.dense", "dense"), ("tf.layers.BatchNormalization",
                                       "batch_normalization"), ("slim.conv2d", "Conv"),
                                      ("tf.contrib.layers.layer_norm", "LayerNorm"),
                                      ("slim.fully_connected", "fully_connected")])
def test_default_layer_names(api, name):
    assert default_layer_name(api) == name
