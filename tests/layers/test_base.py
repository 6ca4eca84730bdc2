"""Small pieces of unscope.layers: names, argument checks, name resolution."""
from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope.layers import _args, _resolve
from unscope.layers.base import to_snake_case

L = unscope.layers


@pytest.mark.parametrize("class_name, expected", [
    ("Dense", "dense"),
    ("Conv2D", "conv2d"),
    ("Conv2DTranspose", "conv2d_transpose"),
    ("SeparableConv1D", "separable_conv1d"),
    ("BatchNormalization", "batch_normalization"),
    ("MaxPooling3D", "max_pooling3d"),
    ("AveragePooling1D", "average_pooling1d"),
    ("MyHTTPLayer", "my_http_layer"),
    ("_Private", "private__private"),
])
def test_scope_base_names(class_name, expected):
    assert to_snake_case(class_name) == expected


def test_subclass_scope_name_comes_from_its_class():
    class ResidualBlock(L.Dense):
        pass

    model = unscope.track(lambda x: ResidualBlock(2)(x))
    model(tf.ones([1, 3]))
    assert [v.name for v in model.variables] == ["residual_block/kernel:0", "residual_block/bias:0"]


@pytest.mark.parametrize("value, n, expected", [(3, 2, (3, 3)), ((1, 2), 2, (1, 2)), ([4], 1, (4,))])
def test_normalize_tuple(value, n, expected):
    assert _args.normalize_tuple(value, n, "kernel_size") == expected


@pytest.mark.parametrize("value, n", [((1, 2), 3), ("3", 1), (1.5, 2), (None, 2)])
def test_normalize_tuple_rejects(value, n):
    with pytest.raises(ValueError, match="kernel_size"):
        _args.normalize_tuple(value, n, "kernel_size")


@pytest.mark.parametrize("value, expected", [("SAME", "same"), ("valid", "valid"), ("Valid", "valid")])
def test_padding_is_case_insensitive(value, expected):
    assert _args.normalize_padding(value) == expected


def test_causal_padding_only_for_1d():
    assert _args.normalize_padding("causal", allow_causal=True) == "causal"
    with pytest.raises(ValueError, match="padding"):
        L.Conv2D(2, 3, padding="causal")
    with pytest.raises(ValueError, match="data_format"):
        L.Conv2D(2, 3, data_format="NHWC")


@pytest.mark.parametrize("length, kernel, padding, stride, expected", [
    (8, 3, "valid", 1, 6), (8, 3, "same", 2, 4), (9, 2, "valid", 2, 4), (None, 3, "same", 1, None)])
def test_conv_output_length(length, kernel, padding, stride, expected):
    assert _args.conv_output_length(length, kernel, padding, stride) == expected


@pytest.mark.parametrize("length, kernel, padding, stride, expected", [
    (4, 3, "valid", 1, 6), (4, 3, "same", 2, 8), (4, 2, "valid", 3, 12), (4, 4, "valid", 2, 10)])
def test_deconv_output_length(length, kernel, padding, stride, expected):
    assert _args.deconv_output_length(length, kernel, padding, stride) == expected


def test_activation_names():
    assert _resolve.activation("relu") is tf.nn.relu
    assert _resolve.activation("linear") is None
    assert _resolve.activation(None) is None
    with pytest.raises(ValueError, match="Unknown activation: 'reluu'"):
        _resolve.activation("reluu")
    with pytest.raises(TypeError):
        _resolve.activation(3)


@pytest.mark.parametrize("name, expected", [("zeros", 0.0), ("ones", 1.0), ("Zeros", 0.0)])
def test_initializer_names(name, expected):
    init = _resolve.initializer(name)
    np.testing.assert_array_equal(init([2, 2], dtype=tf.float32), np.full([2, 2], expected))


def test_regularizer_names():
    w = tf.constant([[1.0, -2.0]])
    np.testing.assert_allclose(_resolve.regularizer("l2")(w), 0.05)
    np.testing.assert_allclose(_resolve.regularizer("l1")(w), 0.03)
    with pytest.raises(ValueError, match="Unknown regularizer"):
        _resolve.regularizer("l3")


def test_unknown_keyword_argument():
    with pytest.raises(TypeError, match="not understood: 'unitz'"):
        L.Dense(2, unitz=3)


def test_dense_rejects_integer_inputs_and_undefined_last_dimension():
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="floating-point"):
            L.dense(tf.zeros([2, 3], tf.int32), 2)
        with pytest.raises(ValueError, match="last dimension"):
            L.dense(tf.compat.v1.placeholder(tf.float32, [None, None]), 2)


def test_call_returning_none_raises():
    class Broken(L.Layer):
        def call(self, inputs):
            return None

    with pytest.raises(ValueError, match="not None"):
        unscope.track(lambda x: Broken()(x))(tf.ones([1]))


def test_input_spec_is_checked_on_every_call():
    dense = L.Dense(2)
    model = unscope.track(lambda x: dense(x))
    model(tf.ones([1, 3]))
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 3"):
        model(tf.ones([1, 4]))


def test_numpy_inputs_are_converted():
    model = unscope.track(lambda x: L.dense(x, 2))
    assert model(np.ones([2, 3], np.float32)).shape == (2, 2)
    assert model.variables[0].dtype == tf.float32
