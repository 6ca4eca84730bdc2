"""unscope.nn.initializers against TF1's own initializers in a TF1 graph.

With a graph seed and an op seed both set, TF1 graph mode and TF2 eager derive the same
kernel seeds, so the same distribution drawn the same way gives the same numbers bit for bit:
each initializer is compared with its TF1 twin on the exact values.  Without op seeds,
`tf.random.set_seed` alone must make two fresh processes build identical values.
"""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

from unscope.nn import initializers as init

v1 = tf.compat.v1
GRAPH_SEED = 1234
OP_SEED = 7

SHAPES = [(5, 3), (3, 5), (3, 3, 4, 6), (2, 2, 2, 3, 4), (8,)]

# (id, TF1 initializer factory, unscope factory, shapes)
CASES = [
    ("random_normal", lambda s: v1.random_normal_initializer(0.5, 0.02, seed=s),
     lambda s: init.random_normal(0.5, 0.02, seed=s), SHAPES),
    ("random_uniform", lambda s: v1.random_uniform_initializer(-0.2, 0.3, seed=s),
     lambda s: init.random_uniform(-0.2, 0.3, seed=s), SHAPES),
    ("random_uniform_default_max", lambda s: v1.random_uniform_initializer(seed=s),
     lambda s: init.random_uniform(seed=s), SHAPES),
    ("truncated_normal", lambda s: v1.truncated_normal_initializer(stddev=0.02, seed=s),
     lambda s: init.truncated_normal(stddev=0.02, seed=s), SHAPES),
    ("uniform_unit_scaling", lambda s: v1.uniform_unit_scaling_initializer(1.5, seed=s),
     lambda s: init.uniform_unit_scaling(1.5, seed=s), SHAPES),
    ("variance_scaling_default", lambda s: v1.variance_scaling_initializer(seed=s),
     lambda s: init.variance_scaling(seed=s), SHAPES),
    ("variance_scaling_fan_avg_uniform",
     lambda s: v1.variance_scaling_initializer(2.0, "fan_avg", "uniform", seed=s),
     lambda s: init.variance_scaling(2.0, "fan_avg", "uniform", seed=s), SHAPES),
    ("variance_scaling_fan_out_untruncated",
     lambda s: v1.variance_scaling_initializer(0.5, "fan_out", "untruncated_normal", seed=s),
     lambda s: init.variance_scaling(0.5, "fan_out", "untruncated_normal", seed=s), SHAPES),
    ("glorot_uniform", lambda s: v1.glorot_uniform_initializer(seed=s),
     lambda s: init.glorot_uniform(seed=s), SHAPES),
    ("glorot_normal", lambda s: v1.glorot_normal_initializer(seed=s),
     lambda s: init.glorot_normal(seed=s), SHAPES),
    ("he_normal", lambda s: v1.initializers.he_normal(seed=s), lambda s: init.he_normal(seed=s), SHAPES),
    ("he_uniform", lambda s: v1.initializers.he_uniform(seed=s), lambda s: init.he_uniform(seed=s), SHAPES),
    ("lecun_normal", lambda s: v1.initializers.lecun_normal(seed=s),
     lambda s: init.lecun_normal(seed=s), SHAPES),
    ("lecun_uniform", lambda s: v1.initializers.lecun_uniform(seed=s),
     lambda s: init.lecun_uniform(seed=s), SHAPES),
    ("orthogonal", lambda s: v1.orthogonal_initializer(1.3, seed=s),
     lambda s: init.orthogonal(1.3, seed=s), SHAPES[:4]),
    ("identity", lambda s: v1.initializers.identity(0.5), lambda s: init.identity(0.5), SHAPES[:2]),
]


def _tf1_values(factory, shape):
    with tf.Graph().as_default():
        v1.set_random_seed(GRAPH_SEED)
        value = factory(OP_SEED)(shape, dtype=tf.float32)
        with v1.Session() as sess:
            return sess.run(value)


def _unscope_values(factory, shape):
    tf.random.set_seed(GRAPH_SEED)
    return factory(OP_SEED)(shape, dtype=tf.float32).numpy()


@pytest.mark.parametrize("case_id,tf1,ours,shapes", CASES, ids=[c[0] for c in CASES])
def test_same_values_as_tf1(case_id, tf1, ours, shapes):
    for shape in shapes:
        expected = _tf1_values(tf1, shape)
        got = _unscope_values(ours, shape)
        assert got.shape == expected.shape == tuple(shape)
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-7, err_msg=f"{case_id} {shape}")


def test_contrib_initializers_match_tf_slim():
    slim_initializers = pytest.importorskip("tf_slim.layers.initializers")
    cases = [
        (lambda s: slim_initializers.xavier_initializer(seed=s), lambda s: init.xavier(seed=s)),
        (lambda s: slim_initializers.xavier_initializer(uniform=False, seed=s),
         lambda s: init.xavier(uniform=False, seed=s)),
        (lambda s: slim_initializers.variance_scaling_initializer(seed=s),
         lambda s: init.contrib_variance_scaling(seed=s)),
        (lambda s: slim_initializers.variance_scaling_initializer(1.0, "FAN_OUT", True, seed=s),
         lambda s: init.contrib_variance_scaling(1.0, "FAN_OUT", True, seed=s)),
    ]
    for tf1, ours in cases:
        for shape in SHAPES:
            np.testing.assert_allclose(_unscope_values(ours, shape), _tf1_values(tf1, shape),
                                       rtol=1e-6, atol=1e-7)


def test_dtypes_and_tf1_errors():
    assert init.truncated_normal()([2, 2], dtype=tf.float64).dtype == tf.float64
    with pytest.raises(ValueError, match="at least two-dimensional"):
        init.orthogonal()([3])
    with pytest.raises(ValueError, match="scale"):
        init.variance_scaling(scale=0.0)
    with pytest.raises(TypeError, match="non-floating"):
        init.contrib_variance_scaling(dtype=tf.int32)


def test_works_inside_tf_function_variable_creation():
    tf.random.set_seed(3)

    class Box(tf.Module):
        def __init__(self):
            self.w = None

        @tf.function
        def __call__(self):
            if self.w is None:
                self.w = tf.Variable(lambda: init.orthogonal()([4, 4]))
            return tf.reduce_sum(self.w)

    box = Box()
    box()
    w = box.w.numpy()
    np.testing.assert_allclose(w @ w.T, np.eye(4), atol=1e-5)


_PROGRAM = """
import tensorflow as tf
from unscope.nn import initializers as init
tf.random.set_seed(42)
vals = [init.truncated_normal(stddev=0.1)([3, 4]), init.orthogonal()([4, 4]),
        init.glorot_uniform()([2, 3, 4]), init.xavier(uniform=False)([3, 3]),
        init.variance_scaling()([5, 2])]
print(repr([v.numpy().round(7).tolist() for v in vals]))
"""


def test_set_seed_alone_is_deterministic_across_processes():
    runs = [subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True,
                           check=True, env={"TF_CPP_MIN_LOG_LEVEL": "3", **__import__("os").environ})
            .stdout.strip().splitlines()[-1] for _ in range(2)]
    assert runs[0] == runs[1]
    assert len(set(runs[0].split(","))) > 10  # real draws, not constants
