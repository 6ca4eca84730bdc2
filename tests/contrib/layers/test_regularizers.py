"""l1 / l2 / l1_l2 / sum regularizers and apply_regularization: TF1 values, names, errors."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers

from ..helpers import GK, v1

W = np.array([[1.0, -2.0], [3.0, -0.5]], np.float32)


@pytest.mark.parametrize("reg, expected", [
    (layers.l1_regularizer(0.5), 0.5 * 6.5),
    (layers.l2_regularizer(0.5), 0.5 * np.sum(W ** 2) / 2),
    (layers.l1_l2_regularizer(0.5, 0.25), 0.5 * 6.5 + 0.25 * np.sum(W ** 2) / 2),
    (layers.l1_l2_regularizer(0.0, 0.25), 0.25 * np.sum(W ** 2) / 2),
    (layers.l1_l2_regularizer(0.5, 0.0), 0.5 * 6.5),
    (layers.sum_regularizer([layers.l1_regularizer(1.0), None, layers.l2_regularizer(0.0)]), 6.5),
])
def test_values(reg, expected):
    np.testing.assert_allclose(reg(tf.constant(W)).numpy(), expected, rtol=1e-6)


def test_op_names_in_a_tf1_graph():
    with tf.Graph().as_default():
        w = tf.constant(W)
        assert layers.l2_regularizer(0.1)(w).op.name == "l2_regularizer"
        assert layers.l2_regularizer(0.1)(w).op.name == "l2_regularizer_1"
        assert layers.l1_regularizer(0.1, scope="mine")(w).op.name == "mine"
        assert layers.l1_l2_regularizer(0.1, 0.1)(w).op.name == "l1_l2_regularizer"


def test_zero_scale_disables_and_bad_scales_raise():
    assert layers.l2_regularizer(0.0)(tf.constant(W)) is None
    assert layers.sum_regularizer([None]) is None
    for make in (layers.l1_regularizer, layers.l2_regularizer):
        with pytest.raises(ValueError, match="integer"):
            make(1)
        with pytest.raises(ValueError, match="less than 0"):
            make(-0.1)
    with pytest.raises(ValueError, match="scale_l2 cannot be an integer"):
        layers.l1_l2_regularizer(0.1, 2)


def test_apply_regularization():
    with tf.Graph().as_default():
        a, b = tf.constant(W), tf.constant(W * 2)
        total = layers.apply_regularization(layers.l1_regularizer(1.0), [a, b])
        assert v1.get_collection(GK.REGULARIZATION_LOSSES) == [total]
        v1.add_to_collection(GK.WEIGHTS, a)
        from_weights = layers.apply_regularization(layers.l2_regularizer(0.0))
        with v1.Session() as sess:
            np.testing.assert_allclose(sess.run(total), 3 * 6.5)
            np.testing.assert_allclose(sess.run(from_weights), 0.0)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="No weights"):
            layers.apply_regularization(layers.l1_regularizer(1.0))
