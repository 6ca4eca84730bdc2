"""A scope named ``scope or "Linear"`` (DCGAN's ops.linear) where ``scope`` defaults to None:
TF1 opens the literal for None and for ``""``, a plain named scope (not uniquified). The
class takes the path with that default and re-applies ``or`` for any caller's value.

Oracle: the same 2018-style program in a TF1 graph in this process (programs.run_tf1).
"""
from __future__ import annotations

import numpy as np
import pytest

from tests.native import programs
from tests.native.support import class_for, load
from unscope.native import migrate_native

LINEAR = programs.HEADER + '''\

def linear(input_, output_size, scope=None, stddev=0.02):
    shape = input_.get_shape().as_list()
    with tf.variable_scope(scope or "Linear"):
        matrix = tf.get_variable("Matrix", [shape[1], output_size], tf.float32,
                                 tf.random_normal_initializer(stddev=stddev))
        bias = tf.get_variable("bias", [output_size], initializer=tf.zeros_initializer())
        return tf.matmul(input_, matrix) + bias


def build(x):
    h = tf.tanh(linear(x, 5, "h0"))
    h = tf.tanh(linear(h, 3, scope=""))
    return linear(h, 2, "out")
'''

TWICE = programs.HEADER + '''\

def linear(input_, output_size, scope=None):
    with tf.variable_scope(scope or "Linear"):
        w = tf.get_variable("Matrix", [input_.get_shape()[1], output_size])
        return tf.matmul(input_, w)


def build(x):
    return linear(linear(x, 4), 2)
'''


def test_scope_or_literal_becomes_a_class_equal_to_tf1(tmp_path):
    import tensorflow as tf

    want_vars, want = programs.run_tf1(LINEAR)
    assert "Linear/Matrix:0" in want_vars        # TF1 took the literal for ""
    result = migrate_native(LINEAR, "<case>")
    assert result.ok and result.changed, (result.error, result.findings)
    assert 'scope = scope or "Linear"' in result.code
    module = load(result.code, tmp_path, "or_default")
    got_vars, got, got_fn = programs.run_native(module, class_for(result, "build"))
    assert got_vars == want_vars
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got_fn, want, rtol=1e-5, atol=1e-6)
    # None and "" passed at run time also mean the literal, as in TF1
    for value in (None, ""):
        layer = module.Linear(2, scope=value)
        layer(tf.constant(programs.X))
        assert [v.name for v in layer.variables] == ["Linear/Matrix:0", "Linear/bias:0"]


def test_two_default_calls_stay_tf1_as_tf1_refuses_them():
    with pytest.raises(ValueError, match="Variable Linear/Matrix already exists"):
        programs.run_tf1(TWICE)
    result = migrate_native(TWICE, "<case>")
    assert result.ok
    assert "class Build(" not in result.code
    assert any("called twice at 'Linear'" in f.message for f in result.findings), result.findings
