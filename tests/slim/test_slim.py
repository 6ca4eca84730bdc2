"""unscope.slim: tf_slim's names over the same code; a slim-style net in every mode."""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope import slim
from unscope.contrib import framework, layers

from ..contrib.helpers import GK, graph_run, names, value_for

X = np.random.RandomState(11).randn(2, 8, 8, 3).astype(np.float32)

EXPECTED = [
    "net/conv1/conv1_1/weights:0", "net/conv1/conv1_1/biases:0",
    "net/conv1/conv1_2/weights:0", "net/conv1/conv1_2/biases:0",
    "net/conv2/weights:0", "net/conv2/BatchNorm/beta:0",
    "net/conv2/BatchNorm/moving_mean:0", "net/conv2/BatchNorm/moving_variance:0",
    "net/fc3/weights:0", "net/fc3/LayerNorm/beta:0", "net/fc3/LayerNorm/gamma:0",
    "net/logits/weights:0", "net/logits/biases:0",
]


def net(images, is_training=True):
    with unscope.variable_scope("net") as sc:
        end_points = sc.original_name_scope + "_end_points"
        with slim.arg_scope([slim.conv2d, slim.fully_connected],
                            weights_regularizer=slim.l2_regularizer(1e-2),
                            outputs_collections=end_points):
            with slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.9):
                y = slim.repeat(images, 2, slim.conv2d, 4, [3, 3], scope="conv1")
                y = slim.max_pool2d(y, [2, 2], scope="pool1")
                y = slim.conv2d(y, 6, [3, 3], normalizer_fn=slim.batch_norm, scope="conv2")
                y = slim.avg_pool2d(y, [2, 2], scope="pool2")
                y = slim.flatten(y)
                y = slim.fully_connected(y, 8, normalizer_fn=slim.layer_norm, scope="fc3")
                y = slim.dropout(y, 0.5, is_training=False)
                y = slim.fully_connected(y, 3, activation_fn=None, scope="logits")
        return y, slim.utils.convert_collection_to_dict(end_points)


def test_slim_shares_the_contrib_implementation():
    for name in ("fully_connected", "conv2d", "layer_norm", "batch_norm", "flatten", "dropout",
                 "max_pool2d", "avg_pool2d", "l2_regularizer", "xavier_initializer",
                 "variance_scaling_initializer", "repeat", "stack", "bias_add",
                 "conv2d_transpose", "separable_conv2d", "embed_sequence"):
        assert getattr(slim, name) is getattr(layers, name), name
    for name in ("arg_scope", "add_arg_scope", "get_variables", "get_model_variables",
                 "model_variable", "get_variables_to_restore"):
        assert getattr(slim, name) is getattr(framework, name), name
    assert slim.utils is layers.utils
    assert set(slim.__all__) <= set(dir(slim))


def test_graph_mode_names_end_points_and_losses():
    def build():
        y, ends = net(tf.constant(X))
        build.ends = list(ends)
        return y

    out, values, facts = graph_run(build)
    assert facts["global"] == facts["model"] == EXPECTED
    assert build.ends == ["net/conv1/conv1_1", "net/conv1/conv1_2", "net/conv2", "net/fc3",
                          "net/logits"]
    assert len(facts["update_ops"]) == 2
    assert len(facts["losses"]) == 5
    expected_loss = sum(1e-2 * np.sum(values[n] ** 2) / 2 for n in EXPECTED if n.endswith("weights:0"))
    np.testing.assert_allclose(sum(facts["loss_values"]), expected_loss, rtol=1e-5)
    assert out.shape == (2, 3)


@pytest.mark.parametrize("function", [False, True])
def test_store_mode_matches_the_tf1_graph(function):
    graph_out, graph_values, _ = graph_run(lambda: net(tf.constant(X))[0])
    model = unscope.track(lambda x: net(x)[0])
    call = tf.function(model) if function else model
    call(tf.constant(X))
    assert names(model.variables) == EXPECTED
    assert [v.name for v in model.trainable_variables] == [
        n for n in EXPECTED if "moving" not in n]
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    out = call(tf.constant(X)).numpy()
    np.testing.assert_allclose(out, graph_out, rtol=1e-4, atol=1e-4)
    for v in model.variables:  # moving statistics updated once, as the graph's UPDATE_OPS did
        np.testing.assert_allclose(v.numpy(), graph_values[v.name], rtol=1e-5, atol=1e-6)
    assert len(model.regularization_losses) == 5


def test_checkpoint_keys_are_tf1_names():
    model = unscope.track(lambda x: net(x)[0])
    model(tf.constant(X))
    assert sorted(model.tf1_variables) == sorted(n[:-2] for n in EXPECTED)
    assert not tf.compat.v1.get_collection(GK.UPDATE_OPS)
