"""unscope's transposed convolutions: TF 1.15's static output shape, TF1's numbers.

The static shape each must have is the shape the op produces when run; the numbers are
``tf.compat.v1.nn``'s own.
"""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope.runtime import shapes

CASES = [  # (name, input shape, filter shape, output_shape, further arguments)
    ("conv2d_transpose", [2, 4, 4, 2], [3, 3, 3, 2], [2, 8, 8, 3], ([1, 2, 2, 1], "SAME")),
    ("conv1d_transpose", [2, 4, 2], [3, 3, 2], [2, 8, 3], (2,)),
    ("atrous_conv2d_transpose", [2, 5, 5, 2], [3, 3, 3, 2], [2, 5, 5, 3], (2, "SAME")),
]


def _unknown_batch(x):
    return tf.boolean_mask(x, tf.ones([tf.shape(x)[0]], tf.bool))


@pytest.mark.parametrize("name, in_shape, w_shape, out_shape, rest", CASES, ids=[c[0] for c in CASES])
def test_graph_keeps_static_shape(name, in_shape, w_shape, out_shape, rest):
    rng = np.random.RandomState(0)
    x_value = rng.uniform(-1, 1, in_shape).astype(np.float32)
    w_value = rng.uniform(-1, 1, w_shape).astype(np.float32)
    with tf.Graph().as_default():
        x = _unknown_batch(tf.constant(x_value))
        w = tf.constant(w_value)
        plain = getattr(tf.compat.v1.nn, name)(x, w, out_shape, *rest)
        kept = getattr(unscope, name)(x, w, out_shape, *rest)
        by_tensor = getattr(shapes, name)(x, w, tf.constant(out_shape), *rest)
        assert plain.shape[0] is None          # what TF 2.21 does
        with tf.compat.v1.Session() as sess:
            got_plain, got_kept, run_shape = sess.run([plain, kept, tf.shape(kept)])
        assert kept.shape.as_list() == list(run_shape)
        assert by_tensor.shape.as_list() == list(run_shape)
        np.testing.assert_array_equal(got_kept, got_plain)
        reshaped = tf.reshape(kept, kept.get_shape())   # TF1 code that failed on TF 2.21
        assert reshaped.shape.as_list() == list(run_shape)


def test_tf_function_and_eager():
    w = tf.ones([3, 3, 3, 2])

    @tf.function
    def f(x):
        y = unscope.conv2d_transpose(_unknown_batch(x), w, [2, 8, 8, 3], [1, 2, 2, 1], "SAME")
        assert y.shape.as_list() == [2, 8, 8, 3]
        return tf.reshape(y, y.get_shape())

    x = tf.ones([2, 4, 4, 2])
    expected = tf.compat.v1.nn.conv2d_transpose(x, w, [2, 8, 8, 3], [1, 2, 2, 1], "SAME")
    np.testing.assert_array_equal(f(x).numpy(), expected.numpy())
    np.testing.assert_array_equal(unscope.conv2d_transpose(x, w, [2, 8, 8, 3], [1, 2, 2, 1], "SAME").numpy(),
                                  expected.numpy())


def test_partly_known_output_shape():
    with tf.Graph().as_default():
        x = _unknown_batch(tf.ones([2, 4, 4, 2]))
        y = unscope.conv2d_transpose(x, tf.ones([3, 3, 3, 2]), [tf.shape(x)[0], 8, 8, 3], [1, 2, 2, 1])
        assert y.shape.as_list() == [None, 8, 8, 3]
        by_keyword = unscope.conv2d_transpose(value=x, filter=tf.ones([3, 3, 3, 2]),
                                              output_shape=tf.constant([2, 8, 8, 3]), strides=[1, 2, 2, 1])
        assert by_keyword.shape.as_list() == [2, 8, 8, 3]
    assert shapes.static_output_shape([tf.constant(2), 8]) == [2, 8]


def test_is_in_is_identity():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([1.0, 2.0])
    assert unscope.is_in(a, [b, a]) and not unscope.is_in(a, [b])
