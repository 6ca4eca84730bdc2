"""A partly migrated TF1 script: unscope and tf.compat.v1 scopes mixed in one graph."""
import numpy as np
import tensorflow as tf

import unscope

v1 = tf.compat.v1


def _names():
    return [v.name for v in v1.global_variables()]


def test_unscope_inside_tf1_scopes_and_the_reverse():
    with tf.Graph().as_default():
        with v1.variable_scope("model"):
            with unscope.variable_scope("enc"):
                a = unscope.get_variable("w", [2])
                with v1.variable_scope("deep"):
                    b = v1.get_variable("w", [2])
        with unscope.variable_scope("model", reuse=True):
            with v1.variable_scope("enc"):
                assert v1.get_variable("w", [2]) is a
                with unscope.variable_scope("deep"):
                    assert unscope.get_variable("w", [2]) is b
        assert _names() == ["model/enc/w:0", "model/enc/deep/w:0"]


def test_reuse_variables_and_scope_objects_cross_both_apis():
    with tf.Graph().as_default():
        with unscope.variable_scope("tower") as scope:
            w = unscope.get_variable("w", [3])
        with v1.variable_scope(scope, reuse=True):
            assert v1.get_variable("w", [3]) is w
        with v1.variable_scope("other") as other:
            other.reuse_variables()
            assert unscope.get_variable_scope().reuse is True


def test_graph_mode_training_step_runs_in_a_session():
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 3])
        with unscope.variable_scope("net", regularizer=lambda v: tf.reduce_sum(v * v)):
            w = unscope.get_variable("w", [3, 1], initializer=v1.ones_initializer())
        loss = tf.reduce_sum(x @ w) + tf.add_n(unscope.get_collection(unscope.GraphKeys.REGULARIZATION_LOSSES))
        train = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run(train, {x: np.ones([2, 3], np.float32)})
            np.testing.assert_allclose(sess.run(w).ravel(), [1 - 0.1 * (2 + 2)] * 3, rtol=1e-6)


def test_tracked_module_in_a_graph_keeps_tf1_names_and_runs():
    def model(x):
        with unscope.variable_scope("m"):
            return x @ unscope.get_variable("w", [2, 2], initializer=v1.ones_initializer())

    tracked = unscope.track(model)
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [1, 2])
        with v1.variable_scope("outer"):
            y = tracked(x)
        y2 = tracked(x)  # later calls keep the first call's prefix: same variable
        assert _names() == ["outer/m/w:0"]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            out = sess.run([y, y2], {x: [[1.0, 2.0]]})
        np.testing.assert_array_equal(out[0], [[3.0, 3.0]])
        np.testing.assert_array_equal(out[1], out[0])


def test_template_in_graph_is_tf1_template():
    with tf.Graph().as_default():
        t = unscope.make_template("lin", lambda x: x * unscope.get_variable("s", []))
        t(1.0)
        t(2.0)
        assert _names() == ["lin/s:0"]


def test_tracked_lambda_works_in_a_graph():
    tracked = unscope.track(lambda: unscope.get_variable("w", [1]))
    with tf.Graph().as_default():
        assert tracked().name == "w:0"
    assert tracked.name == "lambda"
