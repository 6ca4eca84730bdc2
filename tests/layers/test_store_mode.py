"""unscope.layers in eager mode and under tf.function (unscope.track): what TF1 has no twin for."""
from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

import unscope

L = unscope.layers
UPDATE_OPS = unscope.GraphKeys.UPDATE_OPS
REG_LOSSES = unscope.GraphKeys.REGULARIZATION_LOSSES

X4 = np.random.RandomState(1).normal(size=(4, 3, 3, 2)).astype("float32")
X2 = np.random.RandomState(2).normal(size=(6, 3)).astype("float32")


def _expected_moving(x, axes, calls, momentum, bessel):
    """Moving mean/variance after ``calls`` training calls on the same batch."""
    mean, var = x.mean(axis=axes), x.var(axis=axes)
    if bessel:
        n = x.size / mean.size
        var = var * n / (n - 1)
    moving_mean, moving_var = np.zeros_like(mean), np.ones_like(var)
    for _ in range(calls):
        moving_mean = moving_mean - (moving_mean - mean) * (1 - momentum)
        moving_var = moving_var - (moving_var - var) * (1 - momentum)
    return moving_mean, moving_var


@pytest.mark.parametrize("wrap", ["eager", "function", "jit"])
@pytest.mark.parametrize("x, axes, bessel", [(X4, (0, 1, 2), True), (X2, (0,), False)],
                         ids=["fused", "not_fused"])
def test_batch_norm_updates_once_per_call(wrap, x, axes, bessel):
    seen = []

    @unscope.track
    def model(inputs):
        y = L.batch_normalization(inputs, training=True, momentum=0.5)
        updates = unscope.get_collection(UPDATE_OPS)
        seen.append(len(updates))
        with tf.control_dependencies(updates):  # TF1 idiom: must not update a second time
            return tf.identity(y)

    fn = {"eager": model, "function": tf.function(model),
          "jit": tf.function(model, jit_compile=True)}[wrap]
    for _ in range(3):
        fn(tf.constant(x))
    mean, var = _expected_moving(x, axes, 3, 0.5, bessel)
    moving = {v.name: v.numpy() for v in model.variables}
    np.testing.assert_allclose(moving["batch_normalization/moving_mean:0"], mean, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(moving["batch_normalization/moving_variance:0"], var, rtol=1e-5, atol=1e-5)
    assert set(seen) == {0}
    assert [v.name for v in model.trainable_variables] == [
        "batch_normalization/gamma:0", "batch_normalization/beta:0"]


def test_batch_norm_tensor_training_flag_under_tf_function():
    model = unscope.track(lambda x, t: L.batch_normalization(x, training=t, momentum=0.5))
    fn = tf.function(model)
    fn(tf.constant(X4), tf.constant(False))
    assert np.allclose(model.variables[2].numpy(), 0.0)  # inference: no update
    fn(tf.constant(X4), tf.constant(True))
    mean, _ = _expected_moving(X4, (0, 1, 2), 1, 0.5, True)
    np.testing.assert_allclose(model.variables[2].numpy(), mean, rtol=1e-5, atol=1e-6)


def test_not_trainable_batch_norm_keeps_its_statistics():
    # TF1 left a trainable=False layer's updates out of UPDATE_OPS: the statistics never moved.
    model = unscope.track(lambda x: L.batch_normalization(x, training=True, trainable=False))
    model(tf.constant(X4))
    stats = {v.name: v.numpy() for v in model.variables}
    np.testing.assert_array_equal(stats["batch_normalization/moving_mean:0"], np.zeros(2))
    np.testing.assert_array_equal(stats["batch_normalization/moving_variance:0"], np.ones(2))
    assert model.trainable_variables == ()


def test_layer_object_held_across_track_calls():
    """A layer made once and called in every track call: each call's collections list it."""
    dense = L.Dense(3, kernel_regularizer=lambda w: tf.reduce_sum(tf.square(w)))
    seen = []

    @unscope.track
    def model(x):
        y = dense(x)
        seen.append(([v.name for v in unscope.trainable_variables()],
                     len(unscope.get_collection(REG_LOSSES))))
        return y

    model(tf.constant(X2))
    model(tf.constant(X2))
    tf.function(model)(tf.constant(X2))
    assert seen == [(["dense/kernel:0", "dense/bias:0"], 1)] * 3
    assert [v.name for v in model.variables] == ["dense/kernel:0", "dense/bias:0"]
    expected = np.sum(np.square(dense.kernel.numpy()))
    np.testing.assert_allclose(model.regularization_losses[0].numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(dense.losses[0].numpy(), expected, rtol=1e-6)


def test_activity_regularizer_loss_is_in_the_call_collection():
    seen = []

    @unscope.track
    def model(x):
        y = L.dense(x, 2, activity_regularizer=lambda a: tf.reduce_sum(tf.abs(a)))
        seen.append(unscope.get_collection(REG_LOSSES))
        return y

    y = model(tf.constant(X2))
    (loss,) = seen[-1]
    np.testing.assert_allclose(loss.numpy(), np.abs(y.numpy()).sum() / len(X2), rtol=1e-5)


def test_constraints_reach_the_variables():
    def clip(w):
        return tf.clip_by_value(w, -0.1, 0.1)

    model = unscope.track(lambda x: L.dense(x, 2, kernel_constraint=clip, bias_constraint=clip))
    model(tf.constant(X2))
    assert all(v.constraint is clip for v in model.variables)


def test_layer_properties():
    bn = L.BatchNormalization()
    model = unscope.track(lambda x: bn(x, training=True))
    model(tf.constant(X4))
    assert [v.name for v in bn.trainable_weights] == ["batch_normalization/gamma:0",
                                                      "batch_normalization/beta:0"]
    assert [v.name for v in bn.non_trainable_weights] == ["batch_normalization/moving_mean:0",
                                                          "batch_normalization/moving_variance:0"]
    assert len(bn.variables) == 4 and bn.updates == [] and bn.built
    assert bn.scope_name == "batch_normalization" and bn.dtype == "float32"


def test_graph_mode_layer_properties_and_updates():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 3, 3, 2])
        bn = L.BatchNormalization()
        bn(x, training=True)
        assert len(bn.updates) == 2
        assert tf.compat.v1.get_collection(UPDATE_OPS) == bn.updates
        dense = L.Dense(2, kernel_regularizer=lambda w: tf.reduce_sum(w))
        dense(tf.reshape(x, [-1, 18]))
        assert dense.losses == tf.compat.v1.get_collection(REG_LOSSES)


def test_scope_name_before_first_call_raises():
    with pytest.raises(ValueError, match="has not been used yet"):
        L.Dense(2).scope_name


def test_track_module_called_in_a_tf1_graph_feeds_the_graphs_update_ops():
    seen = []

    def model(x):
        y = L.batch_normalization(x, training=True, momentum=0.5)
        seen.append(len(unscope.get_collection(UPDATE_OPS)))
        return y

    with tf.Graph().as_default():
        module = unscope.track(model)
        y = module(tf.constant(X4))
        updates = tf.compat.v1.get_collection(UPDATE_OPS)
        assert seen == [2] and len(updates) == 2
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            sess.run([y, updates])
            moving_mean = sess.run(module.variables[2])
    np.testing.assert_allclose(moving_mean, _expected_moving(X4, (0, 1, 2), 1, 0.5, True)[0],
                               rtol=1e-5, atol=1e-6)
