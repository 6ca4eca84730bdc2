"""Differential harness: TF1 ``tf.compat.v1.layers`` (tf_keras, subprocess) vs ``unscope.layers``.

One oracle subprocess per test module runs every program of the module (TensorFlow's
import costs seconds); the test process then runs each program with ``unscope.layers`` in
a TF1 graph with the oracle's initial weights, and in store mode (eager and
``tf.function`` under ``unscope.track``), and compares names, collections and numbers.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile

import numpy as np
import pytest
import tensorflow as tf

import unscope
from . import graph_runner

RUNNER = os.path.join(os.path.dirname(__file__), "graph_runner.py")
TOL = dict(rtol=1e-5, atol=1e-5)


def run_oracle(programs: dict) -> dict:
    """All programs under real TF1 layers in one subprocess; results by program name."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.pkl"), os.path.join(tmp, "out.pkl")
        with open(src, "wb") as f:
            pickle.dump(programs, f)
        env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
        proc = subprocess.run([sys.executable, RUNNER, src, dst], env=env, capture_output=True,
                              text=True, timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(f"oracle failed:\n{proc.stderr[-4000:]}")
        with open(dst, "rb") as f:
            return pickle.load(f)


def _allclose(actual, expected, what, tol):
    assert sorted(actual) == sorted(expected), what
    for key in expected:
        if np.asarray(expected[key]).dtype.kind in "OSU":
            np.testing.assert_array_equal(np.asarray(actual[key]), np.asarray(expected[key]),
                                          err_msg=f"{what}: {key}")
            continue
        np.testing.assert_allclose(np.asarray(actual[key]), np.asarray(expected[key]),
                                   err_msg=f"{what}: {key}", **tol)


def assert_same_graph(ours, oracle, program):
    """Same error, or same variables, collections (by op name) and numbers."""
    if "error" in oracle:
        assert "error" in ours, f"TF1 raised {oracle['error']}, unscope did not"
        assert ours["error"][0] == oracle["error"][0], (ours["error"], oracle["error"])
        assert ours["error"][1][:40] == oracle["error"][1][:40], (ours["error"], oracle["error"])
        return
    assert "error" not in ours, ours.get("error")
    assert ours["variables"] == oracle["variables"]
    assert ours["regularization_losses"] == oracle["regularization_losses"]
    assert ours["update_ops"] == oracle["update_ops"]
    if program.get("check_op_names", True):
        assert ours["output_names"] == oracle["output_names"]
    tol = program.get("tol", TOL)
    _allclose(ours["outputs"], oracle["outputs"], "outputs", tol)
    np.testing.assert_allclose(ours["reg_values"], oracle["reg_values"], **tol)
    if "after_update" in oracle:
        _allclose(ours["after_update"], oracle["after_update"], "after UPDATE_OPS", tol)
    _assert_same_steps(ours, oracle, tol)


def _assert_same_steps(ours, oracle, tol, skip=()):
    if "step_outputs" not in oracle:
        return
    assert len(ours["step_outputs"]) == len(oracle["step_outputs"])
    for i, (mine, theirs) in enumerate(zip(ours["step_outputs"], oracle["step_outputs"])):
        _allclose({k: v for k, v in mine.items() if k not in skip},
                  {k: v for k, v in theirs.items() if k not in skip}, f"outputs of step {i + 1}", tol)
    _allclose(ours["after_steps"], oracle["after_steps"], "variables after the steps", tol)


def run_store(program, weights, mode):
    """Run under ``unscope.track`` (eager, or wrapped in tf.function), with TF1's weights.

    Call 1 creates the variables; the oracle's initial weights are then assigned and
    call 2 is measured, so moving statistics must show exactly one update per call.
    """
    arrays = graph_runner.make_arrays(program)
    side = {}

    def model(**tensors):
        out = {}
        exec(program["body"], dict(tf=tf, np=np, L=unscope.layers, V=unscope, out=out, **tensors))
        side["update_ops"] = len(unscope.get_collection(unscope.GraphKeys.UPDATE_OPS))
        side["reg"] = list(unscope.get_collection(unscope.GraphKeys.REGULARIZATION_LOSSES))
        return out

    module = unscope.track(model)
    fn = tf.function(module) if mode == "function" else module
    args = {name: tf.constant(value) for name, value in arrays.items()}
    fn(**args)
    created = [v.name for v in module.variables]
    initial = {v.name: v.numpy() for v in module.variables}
    for v in module.variables:
        v.assign(weights[v.name])
    outputs = fn(**args)
    assert [v.name for v in module.variables] == created, "the second call created variables"
    steps = {}
    if program.get("steps"):
        after_one = {v.name: v.numpy() for v in module.variables}
        for v in module.variables:
            v.assign(weights[v.name])
        steps["step_outputs"] = [{k: np.asarray(t) for k, t in fn(**args).items()}
                                 for _ in range(program["steps"])]
        steps["after_steps"] = {v.name: v.numpy() for v in module.variables}
        for v in module.variables:
            v.assign(after_one[v.name])
    return dict(
        steps,
        module=module,
        variables=[(v.name, tuple(v.shape.as_list()), v.dtype.base_dtype.name, v.trainable)
                   for v in module.variables],
        outputs={k: np.asarray(t) for k, t in outputs.items()},
        update_ops=side["update_ops"],
        reg_count=len(side["reg"]),
        reg_values=[np.asarray(t) for t in side["reg"]] if mode == "eager" else None,
        after={v.name: v.numpy() for v in module.variables},
        initial=initial,
    )


def assert_same_store(ours, oracle, program):
    assert "error" not in oracle, oracle.get("error")
    assert ours["variables"] == oracle["variables"]
    assert ours["update_ops"] == 0, "store mode must not fill UPDATE_OPS"
    assert ours["reg_count"] == program.get("store_reg_count", len(oracle["reg_values"]))
    tol = program.get("tol", TOL)
    if program.get("deterministic_init"):
        _allclose(ours["initial"], oracle["weights"], "initial weights", tol)
    if ours["reg_values"] is not None and "store_reg_count" not in program:
        np.testing.assert_allclose(ours["reg_values"], oracle["reg_values"], **tol)
    total = sum(float(np.sum(loss)) for loss in ours["module"].regularization_losses)
    if not program.get("activity_losses"):
        np.testing.assert_allclose(total, float(np.sum(oracle["reg_values"])) if oracle["reg_values"] else 0.0, **tol)
    if not program.get("random"):
        # Outputs that read moving statistics after a training call in the same program
        # differ by design: TF1 runs UPDATE_OPS after the forward pass, store mode during it.
        skip = set(program.get("store_skip_outputs", ()))
        _allclose({k: v for k, v in ours["outputs"].items() if k not in skip},
                  {k: v for k, v in oracle["outputs"].items() if k not in skip}, "outputs", tol)
    expected_after = oracle.get("after_update", oracle["weights"])
    _allclose(ours["after"], expected_after, "variables after one call", tol)
    if not program.get("random"):
        _assert_same_steps(ours, oracle, tol, skip=set(program.get("store_skip_outputs", ())))


def run_graph_case(program, oracle):
    """unscope.layers in a TF1 graph; deterministic initialisers are compared, not loaded."""
    weights = None if program.get("deterministic_init") else oracle.get("weights")
    return graph_runner.run_graph(program, unscope.layers, unscope, weights=weights)


def check_graph(programs, oracle_results, name):
    program, oracle = programs[name], oracle_results[name]
    ours = run_graph_case(program, oracle)
    assert_same_graph(ours, oracle, program)
    if program.get("deterministic_init") and "error" not in oracle:
        _allclose(ours["weights"], oracle["weights"], "initial weights", TOL)


def check_store(programs, oracle_results, name, mode):
    program, oracle = programs[name], oracle_results[name]
    if "error" in oracle:
        with pytest.raises(Exception) as info:
            run_store(program, {}, mode)
        assert type(info.value).__name__ == oracle["error"][0]
        return
    assert_same_store(run_store(program, oracle["weights"], mode), oracle, program)


def store_programs(programs):
    return sorted(n for n, p in programs.items() if p.get("store", True))


def oracle_fixture(programs):
    """A module-scoped fixture: the TF1 results of all ``programs``, from one subprocess."""

    @pytest.fixture(scope="module")
    def oracle():
        return run_oracle(programs)

    return oracle


def differential_tests(programs):
    """The module's oracle fixture and its three tests against TF1 for ``programs``:
    graph mode (every program), eager and tf.function through unscope.track (store programs).

        oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, \\
            test_tf_function_matches_tf1 = harness.differential_tests(PROGRAMS)
    """

    @pytest.mark.parametrize("name", sorted(programs))
    def test_graph_mode_matches_tf1(name, oracle):
        check_graph(programs, oracle, name)

    @pytest.mark.parametrize("name", store_programs(programs))
    def test_eager_matches_tf1(name, oracle):
        check_store(programs, oracle, name, "eager")

    @pytest.mark.parametrize("name", store_programs(programs))
    def test_tf_function_matches_tf1(name, oracle):
        check_store(programs, oracle, name, "function")

    return oracle_fixture(programs), test_graph_mode_matches_tf1, test_eager_matches_tf1, \
        test_tf_function_matches_tf1
