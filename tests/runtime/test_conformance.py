"""Tracked modules under the TF2 machinery: tf.function, XLA, checkpoints, SavedModel."""
import numpy as np
import pytest
import tensorflow as tf

import unscope


def mlp(x, training=False):
    """A TF1-style model function: scopes, reuse, a regularizer."""
    with unscope.variable_scope("mlp", regularizer=lambda v: 1e-3 * tf.reduce_sum(v * v)):
        for i, width in enumerate([8, 4]):
            with unscope.variable_scope(f"h{i}"):
                w = unscope.get_variable("w", [x.shape[-1], width])
                b = unscope.get_variable("b", [width], initializer=tf.compat.v1.zeros_initializer())
                x = tf.nn.relu(x @ w + b)
    with unscope.variable_scope("mlp/h1", reuse=True):
        x = x + tf.reduce_sum(unscope.get_variable("b", [4]))
    return x


NAMES = ["mlp/h0/w:0", "mlp/h0/b:0", "mlp/h1/w:0", "mlp/h1/b:0"]


@pytest.fixture()
def x():
    return tf.constant(np.random.RandomState(0).randn(2, 5).astype(np.float32))


@pytest.mark.parametrize("wrap", ["eager", "function", "xla"])
def test_same_outputs_and_variables_in_every_mode(wrap, x):
    model = unscope.track(mlp)
    expected = model(x).numpy()
    fn = {"eager": model, "function": tf.function(model),
          "xla": tf.function(model, jit_compile=True)}[wrap]
    np.testing.assert_allclose(fn(x).numpy(), expected, rtol=1e-5, atol=1e-6)
    assert [v.name for v in model.variables] == NAMES


def test_function_retrace_creates_nothing_new(x):
    model = unscope.track(mlp)
    f = tf.function(model)
    f(x)
    f(tf.concat([x, x], 0))  # new batch size: a retrace
    f(tf.ones([3, 5]))
    assert [v.name for v in model.variables] == NAMES
    assert f.experimental_get_tracing_count() >= 2


def test_variables_created_on_first_trace_only():
    model = unscope.track(mlp)
    f = tf.function(model)
    f(tf.ones([1, 5]))
    before = [id(v) for v in model.variables]
    f(tf.ones([4, 5]))
    assert [id(v) for v in model.variables] == before


def test_gradients_through_tracked_module(x):
    model = unscope.track(mlp)
    model(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x)) + tf.add_n(model.regularization_losses)
    grads = tape.gradient(loss, model.trainable_variables)
    assert all(g is not None for g in grads)
    assert len(grads) == 4


def test_checkpoint_round_trip_and_stable_keys(tmp_path, x):
    model = unscope.track(mlp)
    out = model(x).numpy()
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    keys = {k for k, _ in tf.train.list_variables(path)}
    assert "model/tf1_variables/mlp.Sh0.Sw/.ATTRIBUTES/VARIABLE_VALUE" in keys
    fresh = unscope.track(mlp)
    fresh(x)
    for v in fresh.variables:
        v.assign(tf.zeros_like(v))
    tf.train.Checkpoint(model=fresh).read(path).assert_consumed()
    np.testing.assert_allclose(fresh(x).numpy(), out, rtol=1e-6)


def test_checkpoint_restore_before_build_is_deferred(tmp_path, x):
    model = unscope.track(mlp)
    out = model(x).numpy()
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    fresh = unscope.track(mlp)
    status = tf.train.Checkpoint(model=fresh).read(path)
    np.testing.assert_allclose(fresh(x).numpy(), out, rtol=1e-6)  # restored on creation
    status.assert_consumed()


def test_saved_model_round_trip(tmp_path, x):
    model = unscope.track(mlp)
    model(x)
    model.serve = tf.function(model, input_signature=[tf.TensorSpec([None, 5], tf.float32)])
    tf.saved_model.save(model, str(tmp_path / "sm"))
    loaded = tf.saved_model.load(str(tmp_path / "sm"))
    np.testing.assert_allclose(loaded.serve(x).numpy(), model(x).numpy(), rtol=1e-6)
    assert sorted(v.name for v in loaded.tf1_variables.values()) == sorted(NAMES)


def test_two_tracked_modules_of_one_function_are_independent(x):
    a, b = unscope.track(mlp), unscope.track(mlp)
    a(x)
    b(x)
    assert [v.name for v in a.variables] == [v.name for v in b.variables] == NAMES
    assert not set(map(id, a.variables)) & set(map(id, b.variables))
