"""utils: output aliases / end_points dicts, smart_cond, tuple helpers."""
import pytest
import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib import layers
from unscope.contrib.layers import utils

from ..helpers import v1


def test_end_points_in_graph_and_store_mode():
    def model(x):
        y = layers.conv2d(x, 2, 3, scope="conv1", outputs_collections="end_points")
        y = layers.max_pool2d(y, 2, scope="pool1", outputs_collections="end_points")
        return utils.convert_collection_to_dict("end_points")

    with tf.Graph().as_default():
        ends = model(tf.zeros([1, 4, 4, 3]))
        assert list(ends) == ["conv1", "pool1"]
        assert utils.get_tensor_aliases(ends["pool1"]) == ["pool1"]
        assert utils.get_tensor_aliases(tf.constant(1.0, name="c")) == ["c"]
    ends = rt.track(model)(tf.zeros([1, 4, 4, 3]))
    assert list(ends) == ["conv1", "pool1"]
    assert ends["pool1"].shape == (1, 2, 2, 2)


def test_smart_cond_and_constant_value():
    assert utils.smart_cond(True, lambda: 1, lambda: 2) == 1
    assert utils.smart_cond(tf.constant(False), lambda: 1, lambda: 2) == 2
    with tf.Graph().as_default():
        p = v1.placeholder(tf.bool, [])
        out = utils.smart_cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
        with v1.Session() as sess:
            assert sess.run(out, {p: False}) == 2
    assert utils.constant_value(tf.Variable(1.0)) is None
    with pytest.raises(ValueError):
        utils.constant_value(None)
    with pytest.raises(ValueError, match="wrong type"):
        utils.constant_value(tf.constant(1), dtype=tf.bool)


def test_tuple_helpers():
    assert utils.two_element_tuple(3) == (3, 3)
    assert utils.two_element_tuple([2, 5]) == (2, 5)
    assert utils.n_positive_integers(3, 2) == (2, 2, 2)
    assert utils.n_positive_integers(2, [1, 4]) == (1, 4)
    assert utils.last_dimension(tf.TensorShape([2, 7])) == 7
    with pytest.raises(ValueError):
        utils.two_element_tuple([1, 2, 3])
    with pytest.raises(ValueError):
        utils.n_positive_integers(2, [1])
    with pytest.raises(ValueError):
        utils.n_positive_integers(2, 0)
    with pytest.raises(ValueError, match="must be known"):
        utils.last_dimension(tf.TensorShape([2, None]))
