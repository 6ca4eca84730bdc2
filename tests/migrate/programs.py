"""Run a TF1 program and its migration, and check they compute the same thing.

A *program* is module source defining ``INPUTS`` (a dict of numpy arrays) and
``build(**inputs)`` returning a tensor, or a tuple / list / dict of tensors.  The original
runs in real TF1 graph mode (``tf.compat.v1`` in a ``tf.Graph``, with ``tf_keras`` serving
``tf.layers``) in a separate process; the migrated source runs here, on TF 2.21 without
``tf_keras``: in a TF1 graph, eagerly through ``unscope.track`` and under ``tf.function``.
Every variable gets the same deterministic value on both sides, by name; then names, shapes,
dtypes, trainability and outputs must agree.
"""
from __future__ import annotations

import atexit
import json
import linecache
import os
import subprocess
import sys
import types
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def weight(name: str, shape, dtype: str) -> np.ndarray:
    """The value every side gives variable ``name`` (deterministic, small, name-dependent)."""
    rng = np.random.RandomState(zlib.crc32(name.encode()) & 0x7FFFFFFF)
    value = rng.uniform(-0.5, 0.5, size=shape)
    if dtype.startswith("int"):
        value = rng.randint(0, 3, size=shape)
    return value.astype(dtype)


def flatten(out) -> list:
    if isinstance(out, dict):
        return [x for k in sorted(out) for x in flatten(out[k])]
    if isinstance(out, (list, tuple)):
        return [x for item in out for x in flatten(item)]
    return [out]


_counter = [0]


def load(source: str, name: str = "program") -> types.ModuleType:
    """Execute ``source`` as a fresh module whose source autograph can read (via linecache)."""
    _counter[0] += 1
    filename = f"<unscope-test-{name}-{_counter[0]}>.py"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    module = types.ModuleType(name)
    module.__file__ = filename
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def _describe(variables, trainable) -> list:
    names = {v.name for v in trainable}
    return sorted([v.name, list(v.shape.as_list()), v.dtype.base_dtype.name, v.name in names]
                  for v in variables)


def run_graph(source: str) -> dict:
    """Build and run ``source`` in a TF1 graph (the caller's TensorFlow decides which TF1)."""
    import tensorflow as tf

    module = load(source)
    with tf.Graph().as_default():
        feeds = {k: tf.constant(v) for k, v in module.INPUTS.items()}
        outs = flatten(module.build(**feeds))
        variables = tf.compat.v1.global_variables()
        trainable = tf.compat.v1.trainable_variables()
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for v in variables:
                v.load(weight(v.name, v.shape.as_list(), v.dtype.base_dtype.name), sess)
            values = sess.run(outs)
    return {"variables": _describe(variables, trainable), "outputs": [np.asarray(v).tolist() for v in values]}


def run_eager(source: str, function: bool = False) -> dict:
    """Run migrated ``source`` eagerly through ``unscope.track`` (or under ``tf.function``)."""
    import tensorflow as tf

    import unscope

    module = load(source)
    feeds = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model = unscope.track(module.build)
    call = tf.function(model) if function else model
    call(**feeds)
    for v in model.variables:
        v.assign(weight(v.name, v.shape.as_list(), v.dtype.base_dtype.name))
    outs = flatten(call(**feeds))
    return {"variables": _describe(model.variables, model.trainable_variables),
            "outputs": [np.asarray(o).tolist() for o in outs]}


class _Server:
    """The TF1 oracle: one subprocess with TF_USE_LEGACY_KERAS=1, one JSON line per program."""

    def __init__(self) -> None:
        env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
               "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.migrate.tf1_server"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env)
        atexit.register(self.close)

    def ask(self, source: str) -> dict:
        self.proc.stdin.write(json.dumps({"source": source}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("TF1 oracle server died")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"TF1 oracle failed: {answer['error']}")
        return answer

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


_server: _Server | None = None


def tf1(source: str) -> dict:
    """The original program's result under real TF1 (graph mode, tf_keras for tf.layers)."""
    global _server
    if _server is None:
        _server = _Server()
    return _server.ask(source)


def assert_same(expected: dict, actual: dict, what: str) -> None:
    assert actual["variables"] == expected["variables"], f"{what}: variables differ"
    assert len(actual["outputs"]) == len(expected["outputs"]), f"{what}: number of outputs"
    for i, (a, e) in enumerate(zip(actual["outputs"], expected["outputs"])):
        np.testing.assert_allclose(np.asarray(a, dtype=np.float64), np.asarray(e, dtype=np.float64),
                                   rtol=1e-5, atol=1e-5, err_msg=f"{what}: output {i}")


def assert_migration_equal(original: str, migrated: str, expected: dict | None = None) -> None:
    """The migrated program equals the TF1 original: in a graph, eagerly, under tf.function."""
    assert "tensorflow.compat.v1 as tf" not in migrated or "tf.Session" in migrated
    if expected is None:
        expected = tf1(original)
    assert_same(expected, run_graph(migrated), "graph mode")
    assert_same(expected, run_eager(migrated), "eager (unscope.track)")
    assert_same(expected, run_eager(migrated, function=True), "tf.function")
