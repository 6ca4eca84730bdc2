"""batch_norm / layer_norm: TF1 variables, formulas, moving averages in graph and store mode."""
import numpy as np
import pytest
import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib import layers

from ..helpers import GK, TOL, graph_run, names, tracked, v1

RNG = np.random.RandomState(6)
X4 = (RNG.randn(4, 3, 3, 5) * 2 + 1).astype(np.float32)


# ---------------------------------------------------------------- layer_norm

def _ln_ref(x, begin_norm_axis, beta, gamma, eps=1e-12):
    axes = tuple(range(begin_norm_axis, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    y = (x - mean) / np.sqrt(var + eps)
    if gamma is not None:
        y = y * gamma
    return y + beta if beta is not None else y


@pytest.mark.parametrize("kwargs, norm_axis, params_shape", [
    (dict(), 1, (5,)),
    (dict(begin_norm_axis=-1), 3, (5,)),
    (dict(begin_norm_axis=2, begin_params_axis=2), 2, (3, 5)),
    (dict(begin_params_axis=1, center=False), 1, (3, 3, 5)),
])
def test_layer_norm_formula_and_params(kwargs, norm_axis, params_shape):
    out, values, facts = graph_run(lambda: layers.layer_norm(tf.constant(X4), **kwargs))
    expected_vars = (["LayerNorm/beta:0"] if kwargs.get("center", True) else []) + ["LayerNorm/gamma:0"]
    assert facts["global"] == facts["trainable"] == facts["model"] == expected_vars
    assert values["LayerNorm/gamma:0"].shape == params_shape
    np.testing.assert_allclose(
        out, _ln_ref(X4, norm_axis, values.get("LayerNorm/beta:0"), values["LayerNorm/gamma:0"]),
        rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("function", [False, True])
def test_layer_norm_store_mode(function):
    def model(x):
        return layers.layer_norm(x, scope="ln", activation_fn=tf.nn.relu)

    module, call = tracked(model, tf.constant(X4), function=function)
    assert names(module.variables) == ["ln/beta:0", "ln/gamma:0"]
    out = call(tf.constant(X4)).numpy()
    beta, gamma = (v.numpy() for v in module.variables)
    np.testing.assert_allclose(out, np.maximum(_ln_ref(X4, 1, beta, gamma), 0), rtol=1e-4, atol=1e-4)


def test_layer_norm_default_init_and_errors():
    with tf.Graph().as_default():
        y = layers.layer_norm(tf.constant(X4))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            beta, gamma = sess.run(v1.global_variables())
            out = sess.run(y)
        np.testing.assert_array_equal(beta, 0)
        np.testing.assert_array_equal(gamma, 1)
        np.testing.assert_allclose(out, _ln_ref(X4, 1, None, None), rtol=1e-4, atol=1e-4)
        with pytest.raises(ValueError, match="must be < rank"):
            layers.layer_norm(tf.constant(X4), begin_norm_axis=4)
        with pytest.raises(ValueError, match="not fully defined"):
            layers.layer_norm(v1.placeholder(tf.float32, [None, None]))


# ---------------------------------------------------------------- batch_norm

def _moments(x, axes, unbiased):
    n = np.prod([x.shape[a] for a in axes])
    mean = x.mean(axis=axes)
    var = x.var(axis=axes)
    return mean, var * n / (n - 1) if unbiased else var


# (input shape, kwargs, variable order, Bessel-corrected moving variance, number of UPDATE_OPS)
BN_PATHS = {
    "rank4_layer_fused": ((4, 3, 3, 5), dict(scale=True), ["gamma", "beta"], True, 2),
    "rank4_layer_unfused": ((4, 3, 3, 5), dict(scale=True, fused=False), ["gamma", "beta"], False, 2),
    "rank2_fused": ((6, 5), dict(scale=True), ["beta", "gamma"], True, 2),
    "rank2_layer_unfused": ((6, 5), dict(scale=True, fused=False), ["gamma", "beta"], False, 2),
    "rank3_layer": ((4, 3, 5), dict(scale=True), ["gamma", "beta"], False, 2),
    "rank4_inplace": ((4, 3, 3, 5), dict(scale=True, updates_collections=None), ["beta", "gamma"], True, 0),
    "rank4_inplace_unfused": ((4, 3, 3, 5), dict(scale=True, updates_collections=None, fused=False),
                              ["beta", "gamma"], False, 0),
}


@pytest.mark.parametrize("path", sorted(BN_PATHS))
def test_batch_norm_paths_graph(path):
    shape, kwargs, order, bessel, n_updates = BN_PATHS[path]
    x = (np.random.RandomState(7).randn(*shape) * 2 + 1).astype(np.float32)
    out, values, facts = graph_run(lambda: layers.batch_norm(tf.constant(x), decay=0.9, **kwargs))
    assert facts["global"] == [f"BatchNorm/{n}:0" for n in order] + [
        "BatchNorm/moving_mean:0", "BatchNorm/moving_variance:0"]
    assert facts["trainable"] == [f"BatchNorm/{n}:0" for n in order]
    assert facts["model"] == facts["global"]
    assert len(facts["update_ops"]) == n_updates
    axes = tuple(range(x.ndim - 1))
    mean, var = _moments(x, axes, unbiased=False)
    beta, gamma = values["BatchNorm/beta:0"], values["BatchNorm/gamma:0"]
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-3) * gamma + beta, rtol=1e-4, atol=1e-4)
    # the moving statistics were set to the `value_for` weights, then updated once
    from ..helpers import value_for
    mm0, mv0 = value_for("BatchNorm/moving_mean:0", [5]), value_for("BatchNorm/moving_variance:0", [5])
    _, fed_var = _moments(x, axes, unbiased=bessel)
    np.testing.assert_allclose(values["BatchNorm/moving_mean:0"], mm0 - (mm0 - mean) * (1 - 0.9), **TOL)
    np.testing.assert_allclose(values["BatchNorm/moving_variance:0"], mv0 - (mv0 - fed_var) * (1 - 0.9),
                               **TOL)


def test_batch_norm_defaults_no_gamma_and_inference_uses_moving_stats():
    out, values, facts = graph_run(lambda: layers.batch_norm(tf.constant(X4), is_training=False))
    assert facts["global"] == ["BatchNorm/beta:0", "BatchNorm/moving_mean:0",
                               "BatchNorm/moving_variance:0"]
    assert facts["update_ops"] == []
    mm, mv, beta = (values[f"BatchNorm/{n}:0"] for n in ("moving_mean", "moving_variance", "beta"))
    np.testing.assert_allclose(out, (X4 - mm) / np.sqrt(mv + 1e-3) + beta, rtol=1e-4, atol=1e-4)
    # inference left the statistics alone
    from ..helpers import value_for
    np.testing.assert_array_equal(mm, value_for("BatchNorm/moving_mean:0", [5]))


def test_batch_norm_tensor_is_training_in_graph():
    with tf.Graph().as_default():
        training = v1.placeholder(tf.bool, [])
        y = layers.batch_norm(tf.constant(X4), is_training=training, decay=0.5)
        updates = v1.get_collection(GK.UPDATE_OPS)
        assert len(updates) == 2
        mm = v1.global_variables()[1]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            with tf.control_dependencies(updates):
                y = tf.identity(y)
            sess.run(y, {training: False})
            np.testing.assert_array_equal(sess.run(mm), 0.0)
            sess.run(y, {training: True})
            np.testing.assert_allclose(sess.run(mm), 0.5 * X4.mean(axis=(0, 1, 2)), **TOL)


@pytest.mark.parametrize("function", [False, True])
def test_batch_norm_store_mode_updates_in_the_call(function):
    seen = []

    def model(x, training):
        y = layers.batch_norm(x, is_training=training, decay=0.5, scale=True)
        seen.append(len(rt.get_collection(GK.UPDATE_OPS)))
        return y

    module = rt.track(model)
    call = tf.function(module) if function else module
    assert names(module.variables) == []
    call(tf.constant(X4), False)
    assert names(module.variables) == ["BatchNorm/gamma:0", "BatchNorm/beta:0",
                                       "BatchNorm/moving_mean:0", "BatchNorm/moving_variance:0"]
    assert [v.name for v in module.trainable_variables] == ["BatchNorm/gamma:0", "BatchNorm/beta:0"]
    mm, mv = module.variables[2], module.variables[3]
    np.testing.assert_array_equal(mm.numpy(), 0.0)
    out = call(tf.constant(X4), True).numpy()
    mean, var = _moments(X4, (0, 1, 2), unbiased=False)
    _, var_unbiased = _moments(X4, (0, 1, 2), unbiased=True)
    np.testing.assert_allclose(mm.numpy(), 0.5 * mean, **TOL)
    np.testing.assert_allclose(mv.numpy(), 1.0 - (1.0 - var_unbiased) * 0.5, **TOL)
    np.testing.assert_allclose(out, (X4 - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-4)
    assert set(seen) == {0}
    # code that still runs UPDATE_OPS finds none to run twice; inference changes nothing
    before = mm.numpy()
    call(tf.constant(X4), False)
    np.testing.assert_array_equal(mm.numpy(), before)


def test_batch_norm_store_mode_tensor_is_training():
    def model(x, training):
        return layers.batch_norm(x, is_training=training, decay=0.5)

    module = rt.track(model)
    call = tf.function(module)
    call(tf.constant(X4), tf.constant(False))
    mm = module.variables[1]
    assert mm.name == "BatchNorm/moving_mean:0"
    np.testing.assert_array_equal(mm.numpy(), 0.0)
    call(tf.constant(X4), tf.constant(True))
    np.testing.assert_allclose(mm.numpy(), 0.5 * X4.mean(axis=(0, 1, 2)), **TOL)


def test_batch_norm_custom_collections_weights_and_zero_debias():
    with tf.Graph().as_default():
        x = tf.constant(X4)
        layers.batch_norm(x, updates_collections=["mine"], scope="a")
        layers.batch_norm(x, batch_weights=tf.ones([4]), scope="b")
        layers.batch_norm(x, zero_debias_moving_mean=True, scope="c", decay=0.7)
        assert len(v1.get_collection("mine")) == 2
        assert len(v1.get_collection(GK.UPDATE_OPS)) == 4
        assert names(v1.global_variables("c")) == [
            "c/beta:0", "c/moving_mean:0", "c/moving_variance:0",
            "c/c/moving_mean/biased:0", "c/c/moving_mean/local_step:0"]
        by_name = {v.name: v for v in v1.global_variables()}
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run(v1.get_collection(GK.UPDATE_OPS))
            # zero debiasing makes the first update the batch mean itself
            np.testing.assert_allclose(sess.run(by_name["c/moving_mean:0"]), X4.mean(axis=(0, 1, 2)), **TOL)
            np.testing.assert_allclose(sess.run(by_name["b/moving_mean:0"]),
                                       0.001 * X4.mean(axis=(0, 1, 2)), **TOL)


def test_batch_norm_param_initializers_regularizers_and_errors():
    def build():
        return layers.batch_norm(
            tf.constant(X4), scale=True, is_training=False,
            param_initializers={"gamma": tf.compat.v1.constant_initializer(2.0),
                                "moving_variance": tf.compat.v1.constant_initializer(4.0)},
            param_regularizers={"gamma": layers.l2_regularizer(0.5)})

    out, values, facts = graph_run(build, assign=False)
    np.testing.assert_allclose(values["BatchNorm/gamma:0"], 2.0)
    np.testing.assert_allclose(facts["loss_values"], [0.5 * 5 * 4.0 / 2])
    np.testing.assert_allclose(out, X4 / np.sqrt(4.0 + 1e-3) * 2.0, rtol=1e-5)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="data_format"):
            layers.batch_norm(tf.constant(X4), data_format="NCW")
        with pytest.raises(NotImplementedError, match="renorm"):
            layers.batch_norm(tf.constant(X4), renorm=True)
        with pytest.raises(ValueError, match="undefined"):
            layers.batch_norm(v1.placeholder(tf.float32, [None, None]))


def test_batch_norm_as_normalizer_under_reuse():
    def build():
        x = tf.reshape(tf.constant(X4), [4, -1])
        a = layers.fully_connected(x, 3, normalizer_fn=layers.batch_norm, scope="fc")
        b = layers.fully_connected(x, 3, normalizer_fn=layers.batch_norm, scope="fc", reuse=True)
        return a, b

    (a, b), _, facts = graph_run(build)
    assert facts["global"] == ["fc/weights:0", "fc/BatchNorm/beta:0", "fc/BatchNorm/moving_mean:0",
                               "fc/BatchNorm/moving_variance:0"]
    assert len(facts["update_ops"]) == 4  # TF1 adds a pair per application
    np.testing.assert_allclose(a, b, **TOL)


def test_moving_statistics_are_never_partitioned():
    def model(x):
        with rt.variable_scope("p", partitioner=v1.fixed_size_partitioner(2)):
            return layers.batch_norm(layers.fully_connected(x, 4), scale=True)

    expected = ["p/fully_connected/weights/part_0:0", "p/fully_connected/weights/part_1:0",
                "p/fully_connected/biases/part_0:0", "p/fully_connected/biases/part_1:0",
                "p/BatchNorm/beta/part_0:0", "p/BatchNorm/beta/part_1:0",
                "p/BatchNorm/gamma/part_0:0", "p/BatchNorm/gamma/part_1:0",
                "p/BatchNorm/moving_mean:0", "p/BatchNorm/moving_variance:0"]
    _, _, facts = graph_run(lambda: model(tf.zeros([2, 6])))
    assert facts["global"] == expected
    module = rt.track(model)
    assert module(tf.zeros([2, 6])).shape == (2, 4)
    assert names(module.variables) == expected
