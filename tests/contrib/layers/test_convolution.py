"""conv1d/conv2d/conv3d/convolution: TF1 names (Conv, weights, biases) and numbers."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers

from ..helpers import TOL, graph_run, names, tracked

X = np.random.RandomState(4).randn(2, 7, 7, 3).astype(np.float32)


def _conv_ref(x, w, b, strides=1, padding="SAME", dilations=1, act=True):
    y = tf.nn.conv2d(x, w, strides=strides, padding=padding, dilations=dilations).numpy()
    y = y + b
    return np.maximum(y, 0) if act else y


def test_graph_names_shapes_and_defaults():
    def build():
        a = layers.conv2d(tf.constant(X), 4, [3, 3])
        b = layers.convolution2d(a, 5, 2, scope="c2")
        return layers.conv2d(b, 2, [1, 1])

    out, values, facts = graph_run(build)
    assert facts["global"] == ["Conv/weights:0", "Conv/biases:0", "c2/weights:0", "c2/biases:0",
                               "Conv_1/weights:0", "Conv_1/biases:0"]
    assert facts["model"] == facts["global"] == facts["trainable"]
    assert values["Conv/weights:0"].shape == (3, 3, 3, 4)
    assert values["c2/weights:0"].shape == (2, 2, 4, 5)
    assert out.shape == (2, 7, 7, 2)  # padding SAME, stride 1


@pytest.mark.parametrize("kwargs, ref", [
    (dict(), dict()),
    (dict(stride=2), dict(strides=2)),
    (dict(padding="VALID", activation_fn=None), dict(padding="VALID", act=False)),
    (dict(rate=2), dict(dilations=2)),
    (dict(stride=[1, 2]), dict(strides=[1, 1, 2, 1])),
])
def test_values_match_tf_nn_conv2d(kwargs, ref):
    out, values, _ = graph_run(lambda: layers.conv2d(tf.constant(X), 4, [3, 2], **kwargs))
    w, b = values["Conv/weights:0"], values["Conv/biases:0"]
    np.testing.assert_allclose(out, _conv_ref(X, w, b, **ref), **TOL)


@pytest.mark.parametrize("function", [False, True])
def test_store_mode_same_names_and_numbers(function):
    def model(x):
        return layers.conv2d(x, 4, 3, stride=2, scope="conv")

    module, call = tracked(model, tf.constant(X), function=function)
    assert names(module.variables) == ["conv/weights:0", "conv/biases:0"]
    out = call(tf.constant(X)).numpy()
    w, b = module.variables[0].numpy(), module.variables[1].numpy()
    np.testing.assert_allclose(out, _conv_ref(X, w, b, strides=2), **TOL)


def test_conv1d_conv3d_and_rank_dispatch():
    def build():
        a = layers.conv1d(tf.zeros([2, 9, 3]), 4, 3, stride=2)
        b = layers.conv3d(tf.zeros([2, 4, 4, 4, 3]), 2, [2, 2, 2], padding="VALID")
        c = layers.convolution(tf.zeros([2, 9, 3]), 5, 2, biases_initializer=None)
        return a, b, c

    (a, b, c), values, facts = graph_run(build)
    assert facts["global"] == ["Conv/weights:0", "Conv/biases:0", "Conv_1/weights:0",
                               "Conv_1/biases:0", "Conv_2/weights:0"]
    assert values["Conv/weights:0"].shape == (3, 3, 4)
    assert values["Conv_1/weights:0"].shape == (2, 2, 2, 3, 2)
    assert a.shape == (2, 5, 4) and b.shape == (2, 3, 3, 3, 2) and c.shape == (2, 9, 5)


def test_wrong_rank_and_format_raise():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="rank 4, got 3"):
            layers.conv2d(tf.zeros([2, 9, 3]), 4, 3)
        with pytest.raises(ValueError, match="not supported for input with rank"):
            layers.convolution(tf.zeros([2, 3]), 4, 3)
        with pytest.raises(ValueError, match="Invalid data_format"):
            layers.conv2d(tf.zeros([2, 5, 5, 3]), 4, 3, data_format="HWC")
        with pytest.raises(ValueError, match="kernel_size"):
            layers.conv2d(tf.zeros([2, 5, 5, 3]), 4, [3, 3, 3])


def test_normalizer_replaces_biases_and_trainable_false():
    def build():
        return layers.conv2d(tf.constant(X), 4, 3, normalizer_fn=layers.batch_norm,
                             normalizer_params={"scale": True}, trainable=False)

    _, _, facts = graph_run(build)
    assert facts["global"] == ["Conv/weights:0", "Conv/BatchNorm/gamma:0", "Conv/BatchNorm/beta:0",
                               "Conv/BatchNorm/moving_mean:0", "Conv/BatchNorm/moving_variance:0"]
    # trainable=False is the conv's own; the normalizer keeps its defaults (as in TF1)
    assert facts["trainable"] == ["Conv/BatchNorm/gamma:0", "Conv/BatchNorm/beta:0"]


def test_weights_regularizer_and_channels_first_biases():
    x = np.random.RandomState(5).randn(2, 3, 5, 5).astype(np.float32)

    def build():
        # A 1x1 NCHW conv is a per-pixel matmul; CPU kernels lack NCHW conv, so compare shapes
        # and the bias layout on the transposed NHWC twin instead of running NCHW.
        return layers.conv2d(tf.constant(X), 4, 1, weights_regularizer=layers.l2_regularizer(0.5),
                             activation_fn=None)

    out, values, facts = graph_run(build)
    w = values["Conv/weights:0"]
    np.testing.assert_allclose(facts["loss_values"], [0.5 * np.sum(w ** 2) / 2], rtol=1e-5)
    with tf.Graph().as_default():
        y = layers.conv2d(tf.constant(x), 4, 1, data_format="NCHW")
        assert y.shape.as_list() == [2, 4, 5, 5]
        assert tf.compat.v1.global_variables()[0].shape.as_list() == [1, 1, 3, 4]


def test_conv2d_transpose_names_shapes_and_values():
    def build():
        a = layers.conv2d_transpose(tf.constant(X), 4, [3, 3], stride=2, activation_fn=None)
        b = layers.convolution2d_transpose(tf.constant(X), 2, [2, 3], stride=[2, 1],
                                           padding="VALID", scope="up")
        return a, b

    (a, b), values, facts = graph_run(build)
    assert facts["global"] == ["Conv2d_transpose/weights:0", "Conv2d_transpose/biases:0",
                               "up/weights:0", "up/biases:0"]
    w = values["Conv2d_transpose/weights:0"]
    assert w.shape == (3, 3, 4, 3)  # [kh, kw, out, in]
    assert a.shape == (2, 14, 14, 4) and b.shape == (2, 14, 9, 2)
    ref = tf.nn.conv2d_transpose(X, w, [2, 14, 14, 4], 2, "SAME").numpy()
    np.testing.assert_allclose(a, ref + values["Conv2d_transpose/biases:0"], **TOL)
    with tf.Graph().as_default():
        p = tf.compat.v1.placeholder(tf.float32, [None, None, 7, 3])
        assert layers.conv2d_transpose(p, 4, 3, stride=2).shape.as_list() == [None, None, 14, 4]


def test_separable_conv2d_names_shapes_and_values():
    def build():
        a = layers.separable_conv2d(tf.constant(X), 5, [3, 3], depth_multiplier=2,
                                    activation_fn=None)
        b = layers.separable_convolution2d(tf.constant(X), None, 3, stride=2, scope="dw",
                                           variables_collections={"weights": ["w"]})
        return a, b

    (a, b), values, facts = graph_run(build)
    assert facts["global"] == [
        "SeparableConv2d/depthwise_weights:0", "SeparableConv2d/pointwise_weights:0",
        "SeparableConv2d/biases:0", "dw/depthwise_weights:0", "dw/biases:0"]
    dw = values["SeparableConv2d/depthwise_weights:0"]
    pw = values["SeparableConv2d/pointwise_weights:0"]
    assert dw.shape == (3, 3, 3, 2) and pw.shape == (1, 1, 6, 5)
    ref = tf.nn.separable_conv2d(X, dw, pw, [1, 1, 1, 1], "SAME").numpy()
    np.testing.assert_allclose(a, ref + values["SeparableConv2d/biases:0"], **TOL)
    dw2 = values["dw/depthwise_weights:0"]
    ref2 = tf.nn.depthwise_conv2d(X, dw2, [1, 2, 2, 1], "SAME").numpy() + values["dw/biases:0"]
    np.testing.assert_allclose(b, np.maximum(ref2, 0), **TOL)
    with tf.Graph().as_default():
        layers.separable_conv2d(tf.constant(X), 2, 3, variables_collections={"weights": ["w"]})
        assert names(tf.compat.v1.get_collection("w")) == [
            "SeparableConv2d/depthwise_weights:0", "SeparableConv2d/pointwise_weights:0"]
