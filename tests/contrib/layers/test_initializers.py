"""xavier / variance scaling initializers: TF1's fans, limits, truncated-normal correction."""
import math

import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers


@pytest.mark.parametrize("shape, fan_in, fan_out", [
    ([200, 100], 200, 100),
    ([3, 3, 16, 32], 144, 288),
    ([50], 50, 50),
    ([], 1, 1),
])
def test_xavier_uniform_limit(shape, fan_in, fan_out):
    values = layers.xavier_initializer(seed=1)(shape).numpy()
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    assert values.shape == tuple(shape)
    assert np.all(np.abs(values) <= limit)
    if values.size > 1000:
        assert np.abs(values).max() > 0.95 * limit


@pytest.mark.parametrize("mode, n", [("FAN_IN", 400.0), ("FAN_OUT", 100.0), ("FAN_AVG", 250.0)])
def test_variance_scaling_truncated_normal_std(mode, n):
    values = layers.variance_scaling_initializer(factor=2.0, mode=mode, seed=3)([400, 100]).numpy()
    # TF1 draws a truncated normal with stddev sqrt(1.3 * factor / n); truncation at 2 sigma
    # shrinks the observed std by about 0.88
    stddev = math.sqrt(1.3 * 2.0 / n)
    assert np.abs(values).max() <= 2 * stddev + 1e-6
    assert abs(values.std() / (0.8796 * stddev) - 1) < 0.03


def test_uniform_variance_scaling_and_dtype():
    values = layers.variance_scaling_initializer(factor=1.0, mode="FAN_IN", uniform=True)(
        [300, 10], dtype=tf.float64).numpy()
    assert values.dtype == np.float64
    assert np.abs(values).max() <= math.sqrt(3.0 / 300)


def test_seeded_draws_repeat_in_a_tf1_graph():
    def draw():
        with tf.Graph().as_default():
            tf.compat.v1.set_random_seed(7)
            init = layers.xavier_initializer(seed=5)
            with tf.compat.v1.Session() as sess:
                return sess.run(init([4, 4]))
    np.testing.assert_array_equal(draw(), draw())


def test_bad_arguments():
    with pytest.raises(TypeError, match="non-floating"):
        layers.xavier_initializer(dtype=tf.int32)
    with pytest.raises(TypeError, match="Unknown mode"):
        layers.variance_scaling_initializer(mode="FAN_MAX")
    with pytest.raises(TypeError, match="non-floating"):
        layers.xavier_initializer()([2, 2], dtype=tf.int32)
    assert layers.xavier_initializer_conv2d is layers.xavier_initializer
