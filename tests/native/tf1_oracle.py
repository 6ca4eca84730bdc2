"""TF1 as the oracle for one entry function: the original program in a ``tf.compat.v1``
graph, the migrated class eagerly, both with every variable set to ``value_for`` its name.
Each returns ``(names -> shapes, output, {"x" or variable name: gradient of sum(out**2)})``."""
from __future__ import annotations

import tensorflow as tf

from tests.native.programs import X, value_for


def run_tf1(source: str, entry: str = "build", namespace: dict | None = None):
    namespace = {} if namespace is None else namespace
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        x = tf.constant(X)
        out = namespace[entry](x)
        variables = tf.compat.v1.global_variables()
        grads = tf.gradients(tf.reduce_sum(out * out), [x] + variables)
        with tf.compat.v1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            got_out, *got_grads = sess.run([out] + grads)
    names = [v.name for v in variables]
    return ({v.name: v.shape.as_list() for v in variables}, got_out,
            dict(zip(["x"] + names, got_grads)))


def run_native(model):
    x = tf.constant(X)
    model(x)   # lazy variables exist after the first call
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = model(x)
        loss = tf.reduce_sum(out * out)
    grads = tape.gradient(loss, [x] + list(model.variables))
    names = [v.name for v in model.variables]
    return ({v.name: v.shape.as_list() for v in model.variables}, out.numpy(),
            dict(zip(["x"] + names, [g.numpy() for g in grads])))


def assert_same(got, expected) -> None:
    import numpy as np

    got_vars, got_out, got_grads = got
    expected_vars, expected_out, expected_grads = expected
    assert got_vars == expected_vars
    np.testing.assert_allclose(got_out, expected_out, rtol=1e-5, atol=1e-6)
    assert got_grads.keys() == expected_grads.keys()
    for key in expected_grads:
        np.testing.assert_allclose(got_grads[key], expected_grads[key], rtol=1e-5, atol=1e-6, err_msg=key)
