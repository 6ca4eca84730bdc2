"""Run the same TF1-style function under TF1 graph mode and under unscope."""
from __future__ import annotations

import numpy as np
import tensorflow as tf

import unscope


def tf1(fn):
    """fn(api) in a fresh TF1 graph; returns ({name: value}, result evaluated)."""
    with tf.Graph().as_default():
        out = fn(tf.compat.v1)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            values = {v.name: sess.run(v) for v in tf.compat.v1.global_variables()}
            result = sess.run(out) if out is not None else None
    return values, result


def eager(fn):
    module = unscope.track(lambda: fn(unscope))
    out = module()
    values = {v.name: v.numpy() for v in module.variables}
    return values, tf.nest.map_structure(lambda t: np.asarray(t), out) if out is not None else None


def assert_same_values(a: dict, b: dict):
    assert list(a) == list(b)
    for name in a:
        np.testing.assert_allclose(a[name], b[name], rtol=1e-6, atol=1e-6, err_msg=name)
