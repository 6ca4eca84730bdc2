"""fully_connected / bias_add: TF1 names, collections and numbers (graph and store mode)."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers
from unscope.contrib.layers import utils
from unscope import runtime as rt

from ..helpers import GK, TOL, graph_run, names, tracked, v1

X = np.random.RandomState(1).randn(3, 5).astype(np.float32)


def _reference(x, values, scope, activation=np.maximum):
    y = x @ values[f"{scope}/weights:0"] + values[f"{scope}/biases:0"]
    return np.maximum(y, 0.0) if activation is np.maximum else y


def test_graph_names_shapes_and_collections():
    def build():
        a = layers.fully_connected(tf.constant(X), 4)
        b = layers.fully_connected(a, 2, scope="fc")
        c = layers.fully_connected(b, 3)
        return c

    _, values, facts = graph_run(build)
    expected = ["fully_connected/weights:0", "fully_connected/biases:0", "fc/weights:0",
                "fc/biases:0", "fully_connected_1/weights:0", "fully_connected_1/biases:0"]
    assert facts["global"] == expected
    assert facts["trainable"] == expected
    assert facts["model"] == expected
    assert values["fully_connected/weights:0"].shape == (5, 4)
    assert values["fc/biases:0"].shape == (2,)


@pytest.mark.parametrize("mode", ["graph", "eager", "function"])
def test_output_is_relu_of_affine_with_the_same_weights(mode):
    def model(x):
        return layers.fully_connected(x, 4, scope="fc")

    if mode == "graph":
        out, values, _ = graph_run(lambda: model(tf.constant(X)))
    else:
        module, call = tracked(model, tf.constant(X), function=mode == "function")
        out = call(tf.constant(X)).numpy()
        values = {v.name: v.numpy() for v in module.variables}
        assert names(module.variables) == ["fc/weights:0", "fc/biases:0"]
    np.testing.assert_allclose(out, _reference(X, values, "fc"), **TOL)


def test_no_biases_with_normalizer_or_without_initializer():
    def build():
        x = tf.constant(X)
        layers.fully_connected(x, 4, normalizer_fn=layers.layer_norm, scope="a")
        layers.fully_connected(x, 4, biases_initializer=None, scope="b")
        return layers.fully_connected(x, 4, activation_fn=None, scope="c")

    out, values, facts = graph_run(build)
    assert facts["global"] == ["a/weights:0", "a/LayerNorm/beta:0", "a/LayerNorm/gamma:0",
                               "b/weights:0", "c/weights:0", "c/biases:0"]
    np.testing.assert_allclose(out, _reference(X, values, "c", activation=None), **TOL)


def test_rank3_inputs_contract_the_last_axis():
    x3 = np.random.RandomState(2).randn(2, 3, 5).astype(np.float32)
    out, values, _ = graph_run(lambda: layers.fully_connected(tf.constant(x3), 4, scope="fc"))
    assert out.shape == (2, 3, 4)
    np.testing.assert_allclose(out, _reference(x3, values, "fc"), **TOL)


def test_regularization_losses_graph_and_store():
    def model(x):
        return layers.fully_connected(x, 4, weights_regularizer=layers.l2_regularizer(0.3),
                                      biases_regularizer=layers.l1_regularizer(0.2), scope="fc")

    _, values, facts = graph_run(lambda: model(tf.constant(X)))
    w, b = values["fc/weights:0"], values["fc/biases:0"]
    expected = sorted([0.3 * np.sum(w ** 2) / 2, 0.2 * np.sum(np.abs(b))])
    np.testing.assert_allclose(sorted(facts["loss_values"]), expected, rtol=1e-5)
    # TF1 named these fc/kernel/... (its Dense layer's names); values are what matter
    assert [t.op.name.split("/", 2)[-1] for t in facts["losses"]] == [
        "Regularizer/l2_regularizer", "Regularizer/l1_regularizer"]

    module, _ = tracked(model, tf.constant(X))
    w, b = module.get_variable("fc/weights").numpy(), module.get_variable("fc/biases").numpy()
    got = sorted(float(t) for t in module.regularization_losses)
    np.testing.assert_allclose(got, sorted([0.3 * np.sum(w ** 2) / 2, 0.2 * np.sum(np.abs(b))]),
                               rtol=1e-5)


def test_reuse_shares_and_reuse_without_variables_raises():
    def build():
        x = tf.constant(X)
        a = layers.fully_connected(x, 4, scope="shared")
        b = layers.fully_connected(x, 4, scope="shared", reuse=True)
        return a, b

    (a, b), _, facts = graph_run(build)
    assert facts["global"] == ["shared/weights:0", "shared/biases:0"]
    np.testing.assert_allclose(a, b)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="does not exist"):
            layers.fully_connected(tf.constant(X), 4, scope="nope", reuse=True)
        layers.fully_connected(tf.constant(X), 4, scope="twice")
        with pytest.raises(ValueError, match="already exists"):
            layers.fully_connected(tf.constant(X), 4, scope="twice")


@pytest.mark.parametrize("bad", [4.0, "4", None])
def test_num_outputs_must_be_an_int(bad):
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="num_outputs should be int"):
            layers.fully_connected(tf.constant(X), bad)


def test_rank1_input_and_unknown_last_dim_raise():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="min_ndim=2"):
            layers.fully_connected(tf.constant([1.0, 2.0]), 3)
        with pytest.raises(ValueError, match="last dimension"):
            layers.fully_connected(v1.placeholder(tf.float32, [None, None]), 3)


def test_variables_and_outputs_collections():
    def build():
        x = tf.constant(X)
        layers.fully_connected(x, 4, scope="fc", variables_collections=["mine"],
                               outputs_collections="ends")
        layers.fully_connected(x, 4, scope="fc2",
                               variables_collections={"weights": ["only_w"]},
                               outputs_collections=["ends"])
        return tf.constant(0.0)

    with tf.Graph().as_default():
        build()
        assert names(v1.get_collection("mine")) == ["fc/weights:0", "fc/biases:0"]
        assert names(v1.get_collection("only_w")) == ["fc2/weights:0"]
        assert list(utils.convert_collection_to_dict("ends")) == ["fc", "fc2"]


def test_default_weights_initializer_is_glorot_uniform():
    with tf.Graph().as_default():
        layers.fully_connected(tf.zeros([2, 300]), 100)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            w, b = sess.run(v1.global_variables())
    limit = np.sqrt(6.0 / (300 + 100))
    assert np.abs(w).max() <= limit and np.abs(w).max() > 0.9 * limit
    assert np.all(b == 0)


def test_store_mode_collections_stay_in_the_call():
    seen = {}

    def model(x):
        y = layers.fully_connected(x, 4, weights_regularizer=layers.l2_regularizer(0.1))
        seen["losses"] = len(rt.get_collection(GK.REGULARIZATION_LOSSES))
        seen["model"] = names(rt.get_collection(GK.MODEL_VARIABLES))
        return y

    module = rt.track(model)
    module(tf.constant(X))
    module(tf.constant(X))
    assert seen == {"losses": 1, "model": ["fully_connected/weights:0", "fully_connected/biases:0"]}
    assert len(module.variables) == 2


def test_bias_add_names_and_values():
    x4 = np.random.RandomState(3).randn(2, 3, 3, 4).astype(np.float32)

    def build():
        a = layers.bias_add(tf.constant(x4))
        b = layers.bias_add(tf.constant(x4), activation_fn=tf.nn.relu, scope="nchw",
                            data_format="NCHW")
        return a, b

    (a, b), values, facts = graph_run(build)
    assert facts["global"] == ["BiasAdd/biases:0", "nchw/biases:0"]
    assert values["nchw/biases:0"].shape == (3,)
    np.testing.assert_allclose(a, x4 + values["BiasAdd/biases:0"], **TOL)
    np.testing.assert_allclose(b, np.maximum(x4 + values["nchw/biases:0"][:, None, None], 0), **TOL)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="NCHW only supports 4D"):
            layers.bias_add(tf.constant(X), data_format="NCHW")
        with pytest.raises(ValueError, match="data_format"):
            layers.bias_add(tf.constant(X), data_format="NWC")


def test_linear_relu6_partials():
    out, values, facts = graph_run(lambda: layers.linear(tf.constant(X), 3))
    assert facts["global"] == ["fully_connected/weights:0", "fully_connected/biases:0"]
    np.testing.assert_allclose(out, _reference(X, values, "fully_connected", activation=None),
                               **TOL)
    out, values, _ = graph_run(lambda: layers.relu6(tf.constant(X) * 10, 3))
    assert out.max() <= 6.0
