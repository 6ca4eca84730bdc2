"""max/avg pooling: TF1 defaults (stride 2, VALID), no variables, values of tf.nn pooling."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers

from ..helpers import TOL, graph_run, tracked

X = np.random.RandomState(8).randn(2, 6, 6, 3).astype(np.float32)
X5 = np.random.RandomState(9).randn(2, 4, 4, 4, 3).astype(np.float32)


@pytest.mark.parametrize("fn, ref, kwargs, ref_kwargs", [
    (layers.max_pool2d, tf.nn.max_pool2d, dict(kernel_size=[2, 2]), dict(ksize=2, strides=2, padding="VALID")),
    (layers.avg_pool2d, tf.nn.avg_pool2d, dict(kernel_size=3), dict(ksize=3, strides=2, padding="VALID")),
    (layers.max_pool2d, tf.nn.max_pool2d, dict(kernel_size=3, stride=1, padding="SAME"),
     dict(ksize=3, strides=1, padding="SAME")),
    (layers.avg_pool2d, tf.nn.avg_pool2d, dict(kernel_size=[2, 3], stride=[1, 2]),
     dict(ksize=[1, 2, 3, 1], strides=[1, 1, 2, 1], padding="VALID")),
])
def test_pool2d_matches_tf_nn(fn, ref, kwargs, ref_kwargs):
    out, values, facts = graph_run(lambda: fn(tf.constant(X), **kwargs))
    assert facts["global"] == [] and values == {}
    np.testing.assert_allclose(out, ref(X, **ref_kwargs).numpy(), **TOL)


def test_pool3d_and_generic_pool():
    out, _, _ = graph_run(lambda: (layers.max_pool3d(tf.constant(X5), 2),
                                   layers.avg_pool3d(tf.constant(X5), [1, 2, 2], stride=1, padding="SAME"),
                                   layers.pool(tf.constant(X), [2, 2], "AVG", stride=2)))
    np.testing.assert_allclose(out[0], tf.nn.max_pool3d(X5, 2, 2, "VALID").numpy(), **TOL)
    np.testing.assert_allclose(out[1], tf.nn.avg_pool3d(X5, [1, 2, 2], 1, "SAME").numpy(), **TOL)
    np.testing.assert_allclose(out[2], tf.nn.avg_pool2d(X, 2, 2, "VALID").numpy(), **TOL)


def test_store_mode_and_outputs_collections():
    module, call = tracked(lambda x: layers.max_pool2d(x, 2, scope="pool1"), tf.constant(X))
    assert module.variables == ()
    np.testing.assert_allclose(call(tf.constant(X)).numpy(),
                               tf.nn.max_pool2d(X, 2, 2, "VALID").numpy(), **TOL)
    with tf.Graph().as_default():
        layers.max_pool2d(tf.constant(X), 2, scope="pool1", outputs_collections="ends")
        assert list(layers.utils.convert_collection_to_dict("ends")) == ["pool1"]


def test_bad_arguments_raise():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="either NCHW or NHWC"):
            layers.max_pool2d(tf.constant(X), 2, data_format="NWC")
        with pytest.raises(ValueError, match="either NCDHW or NDHWC"):
            layers.avg_pool3d(tf.constant(X5), 2, data_format="NHWC")
        with pytest.raises(ValueError, match="positive integer"):
            layers.max_pool2d(tf.constant(X), [2, 0])
        with pytest.raises(ValueError, match="Rank of inputs must be >= 3"):
            layers.pool(tf.zeros([2, 3]), 2, "MAX")
