"""Native classes built inside a TF1 graph (``tf.compat.v1``, run in a Session) equal TF1.

A class made from a function without its own scope opens ``tf.Module``'s name scope with its
own name; in a graph that name must be a valid root scope (it was ``_``: "'_' is not a valid
root scope name").
"""
from __future__ import annotations

import numpy as np
import pytest

from tests.native.programs import value_for
from tests.native.support import class_for, load
from unscope.native import migrate_native

X = np.arange(12, dtype="float32").reshape(3, 4) / 10.0

UNSCOPED = '''import tensorflow.compat.v1 as tf


def build(x):
    w = tf.get_variable("w", [4, 2])
    b = tf.get_variable("b", [2])
    return tf.matmul(x, w) + b
'''

UNSCOPED_HELPER = '''import tensorflow.compat.v1 as tf


def _affine(x):
    w = tf.get_variable("w", [4, 3])
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("model"):
        return tf.nn.relu(_affine(x))
'''


def _tf1(source):
    import tensorflow as tf

    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        out = namespace["build"](tf.constant(X))
        variables = tf.compat.v1.global_variables()
        with tf.compat.v1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            return {v.name: v.shape.as_list() for v in variables}, sess.run(out)


@pytest.mark.parametrize("source", [UNSCOPED, UNSCOPED_HELPER], ids=["no_scope", "helper_without_scope"])
def test_native_class_builds_and_runs_in_a_tf1_graph(source, tmp_path):
    import tensorflow as tf

    expected_vars, expected = _tf1(source)
    result = migrate_native(source)
    module = load(result.code, tmp_path)
    cls = getattr(module, class_for(result, "build"))
    with tf.Graph().as_default():
        model = cls()
        out = model(tf.constant(X))
        assert {v.name: v.shape.as_list() for v in model.variables} == expected_vars
        assert model.name[0].isalpha()
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for v in model.variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            got = sess.run(out)
    np.testing.assert_allclose(got, expected, rtol=1e-6)
