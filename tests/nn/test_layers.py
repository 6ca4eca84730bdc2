"""Layer behaviour the TF1 oracle tables do not reach: laziness, dtypes, flags, TF1 quirks."""
import numpy as np
import pytest
import tensorflow as tf

from unscope import nn
from unscope.nn.batch_norm import FUSED_MIN_EPSILON


def test_variables_are_created_on_the_first_call_and_reused():
    dense = nn.Dense(4, name="m/d")
    assert dense.variables == ()
    dense(tf.ones([2, 3]))
    first = [id(v) for v in dense.variables]
    dense(tf.ones([5, 3]))
    assert [id(v) for v in dense.variables] == first
    assert dense.kernel.shape == (3, 4)


def test_layer_norm_creates_nothing_before_its_first_call():
    ln = nn.LayerNorm(name="ln")
    assert ln.variables == ()
    ln(tf.ones([2, 3, 5]))
    assert sorted(v.shape.as_list()[0] for v in ln.variables) == [5, 5]


def test_dense_takes_its_dtype_from_the_input_unless_given():
    dense = nn.Dense(2)
    assert dense(tf.ones([1, 3], tf.float64)).dtype == tf.float64
    assert dense.kernel.dtype == tf.float64
    explicit = nn.Dense(2, dtype=tf.float32)
    assert explicit(tf.ones([1, 3], tf.float64)).dtype == tf.float32


def test_bias_initializer_none_means_tf1_default_glorot():
    dense = nn.Dense(64, bias_initializer=None)  # TF1 quirk: get_variable's default
    dense(tf.ones([1, 64]))
    assert np.count_nonzero(dense.bias.numpy()) == 64
    dense = nn.Dense(64)
    dense(tf.ones([1, 64]))
    assert np.count_nonzero(dense.bias.numpy()) == 0


def test_dropout():
    drop = nn.Dropout(0.5, seed=1)
    x = tf.ones([200, 10])
    np.testing.assert_array_equal(drop(x).numpy(), x.numpy())
    np.testing.assert_array_equal(drop(x, training=False).numpy(), x.numpy())
    y = drop(x, training=True).numpy()
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert 0.4 < (y == 0).mean() < 0.6
    shaped = nn.Dropout(0.5, noise_shape=[None, 1])(x, training=True).numpy()
    assert all(len(set(row)) == 1 for row in shaped)
    np.testing.assert_array_equal(nn.Dropout(0.0)(x, training=True).numpy(), x.numpy())

    @tf.function(autograph=False, input_signature=[tf.TensorSpec([], tf.bool)])
    def flagged(flag):
        return drop(x, training=flag)

    np.testing.assert_array_equal(flagged(tf.constant(False)).numpy(), x.numpy())
    assert (flagged(tf.constant(True)).numpy() == 0).any()


def _tiny_variance_bn(**kwargs):
    bn = nn.BatchNormalization(epsilon=1e-6, **kwargs)
    x = tf.constant(np.random.RandomState(0).standard_normal([4, 2, 2, 3]), tf.float32)
    bn(x)
    bn.moving_variance.assign(tf.fill([3], 1e-6))
    return bn, x


def test_fused_batch_norm_raises_epsilon_to_the_tf1_minimum():
    bn, x = _tiny_variance_bn()
    expected = x / np.sqrt(1e-6 + FUSED_MIN_EPSILON)
    np.testing.assert_allclose(bn(x).numpy(), expected.numpy(), rtol=1e-4)


def test_unfused_batch_norm_keeps_a_small_epsilon():
    bn, x = _tiny_variance_bn(fused=False)
    np.testing.assert_allclose(bn(x).numpy(), (x / np.sqrt(2e-6)).numpy(), rtol=1e-4)


def test_batch_norm_on_half_inputs_keeps_float32_statistics():
    bn = nn.BatchNormalization()
    x = tf.cast(tf.random.normal([4, 3, 3, 2]), tf.float16)
    y = bn(x, training=True)
    assert y.dtype == tf.float16
    assert {v.dtype for v in bn.variables} == {tf.float32}
    y2 = nn.BatchNormalization()(tf.cast(tf.random.normal([6, 2]), tf.bfloat16), training=True)
    assert y2.dtype == tf.bfloat16


def test_batch_norm_inference_does_not_move_the_averages():
    bn = nn.BatchNormalization()
    x = tf.random.normal([4, 2])
    bn(x)
    bn(x, training=False)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), [0.0, 0.0])
    bn(x, training=True)
    assert np.abs(bn.moving_mean.numpy()).max() > 0


@pytest.mark.parametrize("fused", [None, False])
def test_batch_norm_in_a_tf1_graph_updates_when_the_output_is_fetched(fused):
    x = np.random.RandomState(0).standard_normal([4, 2, 2, 3]).astype(np.float32)
    with tf.Graph().as_default():
        bn = nn.BatchNormalization(momentum=0.5, fused=fused, name="g/bn")
        y = bn(tf.constant(x), training=True)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            sess.run(y)
            moving_mean = sess.run(bn.moving_mean)
        assert tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS) == []
    np.testing.assert_allclose(moving_mean, 0.5 * x.mean(axis=(0, 1, 2)), rtol=1e-5, atol=1e-6)


def test_layer_norm_on_float16_uses_contribs_larger_epsilon():
    x = tf.constant([[0.0, 0.02, 0.04, 0.06]], tf.float16)  # variance 5e-4
    y = tf.cast(nn.LayerNorm()(x), tf.float32).numpy()
    x32 = tf.cast(x, tf.float32)
    mean, var = tf.nn.moments(x32, [1], keepdims=True)
    np.testing.assert_allclose(y, ((x32 - mean) / tf.sqrt(var + 1e-3)).numpy(), atol=5e-3)
    y32 = nn.LayerNorm()(x32).numpy()  # float32: epsilon 1e-12
    np.testing.assert_allclose(y32, ((x32 - mean) / tf.sqrt(var)).numpy(), rtol=1e-4)


def test_fully_connected_with_normalizer_has_no_biases_and_passes_call_kwargs():
    bn = nn.ContribBatchNorm(name="fc/BatchNorm")
    fc = nn.FullyConnected(3, normalizer_fn=bn, name="fc")
    fc(tf.random.normal([4, 2]), is_training=False)
    assert sorted(v.name for v in fc.variables) == [
        "fc/BatchNorm/beta:0", "fc/BatchNorm/moving_mean:0", "fc/BatchNorm/moving_variance:0",
        "fc/weights:0"]
    np.testing.assert_array_equal(bn.moving_mean.numpy(), [0.0] * 3)
    assert fc.weights is fc.kernel and fc.biases is None


def test_contrib_conv_checks_the_rank():
    with pytest.raises(ValueError, match="expects input with rank 4"):
        nn.ContribConv2D(2, 3)(tf.ones([1, 4, 3]))
    with pytest.raises(ValueError, match="Invalid data_format"):
        nn.ContribConv2D(2, 3, data_format="HWCN")


def test_transposed_conv_with_unknown_batch_in_a_function():
    layer = nn.Conv2DTranspose(2, 3, strides=2, padding="same", name="up")
    fn = tf.function(layer, input_signature=[tf.TensorSpec([None, 4, 4, 3])], autograph=False)
    assert fn.get_concrete_function().output_shapes.as_list() == [None, 8, 8, 2]
    assert fn(tf.ones([5, 4, 4, 3])).shape == (5, 8, 8, 2)


def test_flatten_with_unknown_batch_in_a_function():
    fn = tf.function(nn.Flatten(), input_signature=[tf.TensorSpec([None, 2, 3])], autograph=False)
    assert fn.get_concrete_function().output_shapes.as_list() == [None, 6]
    assert nn.Flatten()(tf.ones([4])).shape == (4, 1)


@pytest.mark.parametrize("make", [
    lambda: nn.Dense(2, activity_regularizer=tf.reduce_sum),
    lambda: nn.Conv2D(2, 3, activity_regularizer=tf.reduce_sum),
    lambda: nn.BatchNormalization(renorm=True),
    lambda: nn.BatchNormalization(virtual_batch_size=2),
    lambda: nn.ContribBatchNorm(zero_debias_moving_mean=True),
])
def test_unsupported_options_say_so(make):
    with pytest.raises(NotImplementedError, match="not supported by unscope.nn"):
        make()


@pytest.mark.parametrize("activation, fn", [("relu", tf.nn.relu), ("linear", None),
                                            ("gelu", tf.nn.gelu), (tf.nn.elu, tf.nn.elu)])
def test_activation_names(activation, fn):
    assert nn.get_activation(activation) is fn


def test_unknown_activation_name():
    with pytest.raises(ValueError, match="unknown activation"):
        nn.Dense(2, activation="sparkle")


def test_default_names_are_tf1s():
    assert [m.scope_name for m in (
        nn.Dense(1), nn.Conv1D(1, 1), nn.Conv2D(1, 1), nn.Conv3D(1, 1), nn.Conv2DTranspose(1, 1),
        nn.SeparableConv2D(1, 1), nn.BatchNormalization(), nn.MaxPooling2D(1, 1),
        nn.AveragePooling1D(1, 1), nn.Dropout(), nn.Flatten(), nn.LayerNorm(),
        nn.FullyConnected(1), nn.ContribConv2D(1, 1), nn.ContribBatchNorm())] == [
        "dense", "conv1d", "conv2d", "conv3d", "conv2d_transpose", "separable_conv2d",
        "batch_normalization", "max_pooling2d", "average_pooling1d", "dropout", "flatten",
        "LayerNorm", "fully_connected", "Conv", "BatchNorm"]
