"""unscope.slim against the real tf_slim (TF1 contrib's successor), when it is installed.

tf_slim is not a project dependency: ``pip install --no-deps tf-slim`` (1.1.0) beside
tf_keras enables this test; without it the test is skipped.  It compares, for every
program in slim_oracle_cases, variable names/order/shapes/trainability, the number of
UPDATE_OPS, regularization losses, outputs of two steps and the variable values after
them (moving averages included) in a TF1 graph, eager and tf.function.
"""
import importlib.util
import os
import pickle
import subprocess
import sys
import tempfile

import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope import slim

from . import slim_oracle_cases

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("tf_slim") is None
                       or importlib.util.find_spec("tf_keras") is None,
                       reason="tf_slim / tf_keras not installed (pip install --no-deps tf-slim)"),
]


@pytest.fixture(scope="module")
def oracle():
    runner = os.path.join(os.path.dirname(__file__), "slim_oracle_runner.py")
    with tempfile.TemporaryDirectory() as tmp:
        dst = os.path.join(tmp, "out.pkl")
        env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
        proc = subprocess.run([sys.executable, runner, dst], env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-4000:]
        with open(dst, "rb") as f:
            return pickle.load(f)


@pytest.mark.parametrize("mode", ["graph", "eager", "function"])
def test_matches_tf_slim(oracle, mode):
    ours = slim_oracle_cases.run_all(slim, tf, mode, track=unscope.track)
    assert sorted(ours) == sorted(oracle)
    for key, expected in oracle.items():
        got = ours[key]
        assert got["vars"] == expected["vars"], key
        if mode == "graph":
            assert got["update_ops"] == expected["update_ops"], key
        np.testing.assert_allclose(got["losses"], expected["losses"], rtol=1e-5, err_msg=key)
        for a, b in zip(got["out"], expected["out"]):
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5, err_msg=key)
        for name, value in expected["values"].items():
            np.testing.assert_allclose(got["values"][name], value, rtol=1e-5, atol=1e-6,
                                       err_msg=f"{key} {name}")
