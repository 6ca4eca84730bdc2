"""Max / average pooling 1-D to 3-D: differential against TF1 tf.layers."""
from __future__ import annotations

import pytest

from . import harness

PROGRAMS = {
    "pooling1d": dict(inputs={"x": {"shape": [2, 9, 3], "batch_none": True}}, body="""
out["a"] = L.max_pooling1d(x, 2, 2)
out["b"] = L.average_pooling1d(x, 3, 2, padding="same")
out["c"] = L.MaxPooling1D(3, 1, padding="SAME")(x)
out["d"] = L.AveragePooling1D(2, 1)(x)
"""),
    "pooling1d_channels_first": dict(inputs={"x": {"shape": [2, 3, 9]}}, body="""
out["a"] = L.max_pooling1d(x, 2, 2, data_format="channels_first")
out["b"] = L.average_pooling1d(x, 2, 1, data_format="channels_first")
"""),
    "pooling2d": dict(inputs={"x": {"shape": [2, 7, 8, 3], "batch_none": True}}, body="""
out["a"] = L.max_pooling2d(x, 2, 2)
out["b"] = L.average_pooling2d(x, (3, 2), (2, 1), padding="same")
out["c"] = L.MaxPooling2D(3, 2, padding="same", name="pool")(x)
out["d"] = L.max_pooling2d(x, 2, 2, name="pool")
out["e"] = L.average_pooling2d(x, 2, 2)
"""),
    "pooling2d_channels_first": dict(inputs={"x": {"shape": [2, 3, 7, 8]}}, body="""
out["a"] = L.max_pooling2d(x, 2, 2, data_format="channels_first")
out["b"] = L.average_pooling2d(x, 3, 2, padding="same", data_format="channels_first")
"""),
    "pooling3d": dict(inputs={"x": {"shape": [2, 5, 6, 4, 2], "batch_none": True}}, body="""
out["a"] = L.max_pooling3d(x, 2, 2)
out["b"] = L.average_pooling3d(x, (2, 3, 1), 1, padding="same")
"""),
    "pooling3d_channels_first": dict(inputs={"x": {"shape": [2, 2, 5, 6, 4]}}, body="""
out["a"] = L.max_pooling3d(x, 2, 2, data_format="channels_first")
out["b"] = L.average_pooling3d(x, 2, 1, padding="same", data_format="channels_first")
"""),
    "cnn_names_interleaved": dict(inputs={"x": {"shape": [2, 8, 8, 3]}}, body="""
h = L.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
h = L.max_pooling2d(h, 2, 2)
h = L.conv2d(h, 4, 3, padding="same")
h = L.batch_normalization(h, training=False)
h = L.average_pooling2d(h, 2, 2)
h = L.dropout(h, 0.5)
out["a"] = L.dense(L.flatten(h), 3)
"""),
    "pool_wrong_rank_raises": dict(inputs={"x": {"shape": [2, 8, 3]}}, body="""
L.max_pooling2d(x, 2, 2)
"""),
}

oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, test_tf_function_matches_tf1 = \
    harness.differential_tests(PROGRAMS)


def test_strides_are_required():
    import unscope

    with pytest.raises(ValueError, match="strides"):
        unscope.layers.MaxPooling2D(2, None)
