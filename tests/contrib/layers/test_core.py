"""flatten, dropout, repeat, stack, one_hot_encoding."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers

from ..helpers import graph_run, names, tracked, v1

X = np.random.RandomState(10).randn(2, 3, 4, 5).astype(np.float32)


def test_flatten_static_dynamic_and_rank1():
    with tf.Graph().as_default():
        assert layers.flatten(tf.constant(X)).shape.as_list() == [2, 60]
        p = v1.placeholder(tf.float32, [None, 3, 4])
        assert layers.flatten(p).shape.as_list() == [None, 12]
        q = v1.placeholder(tf.float32, [None, None, 4])
        y = layers.flatten(q)
        assert y.shape.as_list() == [None, None]
        assert layers.flatten(tf.constant([1.0, 2.0])).shape.as_list() == [2, 1]
        with v1.Session() as sess:
            np.testing.assert_array_equal(sess.run(y, {q: X.reshape(2, 15, 4)}), X.reshape(2, 60))
        with pytest.raises(ValueError):
            layers.flatten(tf.constant(1.0))
    np.testing.assert_array_equal(layers.flatten(tf.constant(X)).numpy(), X.reshape(2, -1))


def test_dropout_training_and_inference():
    ones = np.ones([200, 50], np.float32)
    with tf.Graph().as_default():
        training = v1.placeholder(tf.bool, [])
        y = layers.dropout(tf.constant(ones), keep_prob=0.5, is_training=training)
        z = layers.dropout(tf.constant(ones), keep_prob=0.5, is_training=False)
        assert v1.global_variables() == []
        with v1.Session() as sess:
            kept = sess.run(y, {training: True})
            np.testing.assert_array_equal(sess.run(y, {training: False}), ones)
            np.testing.assert_array_equal(sess.run(z), ones)
    assert set(np.unique(kept)) == {0.0, 2.0}
    assert 0.4 < (kept > 0).mean() < 0.6
    eager = layers.dropout(tf.constant(ones), keep_prob=0.25).numpy()
    assert set(np.unique(eager)) == {0.0, 4.0}
    shaped = layers.dropout(tf.constant(ones), keep_prob=0.5, noise_shape=[200, 1]).numpy()
    assert all(len(set(row)) == 1 for row in shaped)


def test_repeat_and_stack_scopes():
    def model(x):
        y = layers.repeat(x, 2, layers.conv2d, 3, [2, 2], scope="conv1")
        y = layers.repeat(y, 2, layers.conv2d, 3, [1, 1])
        z = layers.stack(layers.flatten(y), layers.fully_connected, [4, [2]], scope="fc")
        return layers.stack(z, layers.fully_connected, [3])

    _, _, facts = graph_run(lambda: model(tf.constant(X)))
    expected = ["conv1/conv1_1/weights:0", "conv1/conv1_1/biases:0",
                "conv1/conv1_2/weights:0", "conv1/conv1_2/biases:0",
                "Repeat/convolution2d_1/weights:0", "Repeat/convolution2d_1/biases:0",
                "Repeat/convolution2d_2/weights:0", "Repeat/convolution2d_2/biases:0",
                "fc/fc_1/weights:0", "fc/fc_1/biases:0", "fc/fc_2/weights:0", "fc/fc_2/biases:0",
                "Stack/fully_connected_1/weights:0", "Stack/fully_connected_1/biases:0"]
    assert facts["global"] == expected
    module, _ = tracked(model, tf.constant(X))
    assert names(module.variables) == expected
    with pytest.raises(ValueError, match="stack_args"):
        layers.stack(tf.constant(X), layers.fully_connected, 3)


def test_one_hot_encoding():
    out, _, _ = graph_run(lambda: layers.one_hot_encoding(tf.constant([0, 2, 1]), 3, on_value=5.0))
    np.testing.assert_array_equal(out, np.eye(3)[[0, 2, 1]] * 5.0)
