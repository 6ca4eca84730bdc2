"""The migrated classifier script trains as TF1 trained it.

TF1 itself is the oracle: the untouched script runs in TF1 graph mode
(``python -m unscope.verify.run_tf1``), the migrated one eagerly, both from the same TF1
checkpoint; per-step losses, the step counter and the final weights must agree, a TF1
checkpoint taken mid-training must be restored and trained on with TF1's losses, and each
``tf.function`` must be traced once.
"""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

import unscope

SCRIPT = Path(__file__).parent / "scripts" / "classifier.py"
ROOT = Path(__file__).resolve().parents[2]

# Runs the migrated program as __main__ with every tf.function counted.
_COUNTING = """
import runpy, sys
import tensorflow as tf
made, original = [], tf.function
def counting(*args, **kwargs):
    made_now = original(*args, **kwargs)
    if hasattr(made_now, "experimental_get_tracing_count"):
        made.append(made_now)
        return made_now
    def decorate(fn):
        function = made_now(fn)
        made.append(function)
        return function
    return decorate
tf.function = counting
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
for function in made:
    print("traced", function.python_function.__name__, function.experimental_get_tracing_count())
"""


def _run(args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _tf1(tmp, *args):
    return _run(["-m", "unscope.verify.run_tf1", str(SCRIPT), *map(str, args)], tmp)


def _tf2(tmp, migrated, *args):
    return _run(["-c", _COUNTING, str(migrated), *map(str, args)], tmp)


def _values(out, key):
    return [float(line.split()[1]) for line in out.splitlines() if line.startswith(key + " ")]


def _traces(out):
    return {line.split()[1]: int(line.split()[2]) for line in out.splitlines() if line.startswith("traced ")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("program")
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert result.changed and not [f for f in result.findings if "Session" in f.message], result.findings
    migrated = tmp / "classifier_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2", "tf1_more", "tf2_more"):
        (tmp / name).mkdir()
    _tf1(tmp, tmp / "init", 0, 0)                                   # the fixed initial weights
    start = tmp / "init" / "model-0"
    runs = {"code": result.code, "tmp": tmp,
            "tf1": _tf1(tmp, tmp / "tf1", 12, 1, start),
            "tf2": _tf2(tmp, migrated, tmp / "tf2", 12, 1, start)}
    middle = tmp / "tf1" / "model-12"                                # TF1's checkpoint, mid-training
    runs["tf1_more"] = _tf1(tmp, tmp / "tf1_more", 10, 2, middle)
    runs["tf2_more"] = _tf2(tmp, migrated, tmp / "tf2_more", 10, 2, middle)
    runs["migrated"] = migrated
    return runs


def test_the_migrated_program_is_eager_tf2(runs):
    code = runs["code"]
    for tf1_only in ("Session(", "tf.placeholder", "disable_v2_behavior", "global_variables_initializer",
                     "Saver(", "compat.v1", "sess."):
        assert tf1_only not in code
    assert "tf.GradientTape()" in code and "nn.Adam(0.01)" in code
    assert "tf.TensorSpec([None, 4], tf.float32" in code


def test_losses_match_tf1_at_every_step(runs):
    tf1, tf2 = _values(runs["tf1"], "loss"), _values(runs["tf2"], "loss")
    assert len(tf1) == 12
    np.testing.assert_allclose(tf2, tf1, rtol=1e-5)
    np.testing.assert_allclose(_values(runs["tf2"], "accuracy"), _values(runs["tf1"], "accuracy"))
    assert _values(runs["tf1"], "step") == _values(runs["tf2"], "step") == [12.0]


def test_final_weights_match_tf1(runs):
    tf1 = tf.train.load_checkpoint(str(runs["tmp"] / "tf1" / "model-12"))
    tf2 = tf.train.load_checkpoint(str(runs["tmp"] / "tf2" / "model-12"))
    # The migrated checkpoint is by object; read it back into the migrated objects by TF1 name.
    keys = tf2.get_variable_to_shape_map()
    names = {}
    for key in keys:
        if key.startswith("model/") and key.endswith("/.ATTRIBUTES/VARIABLE_VALUE"):
            names[key] = key
    assert len(names) == 4  # two kernels, two biases
    tf1_model = {n: tf1.get_tensor(n) for n in tf1.get_variable_to_shape_map()
                 if n.startswith("classifier/") and "/Adam" not in n}
    assert sorted(tf1_model) == ["classifier/hidden/bias", "classifier/hidden/kernel",
                                 "classifier/logits/bias", "classifier/logits/kernel"]
    tf2_values = sorted((tf2.get_tensor(k).shape, tf2.get_tensor(k).tobytes()) for k in names)
    for name, value in tf1_model.items():
        match = [k for k in names if tf2.get_tensor(k).shape == value.shape
                 and np.allclose(tf2.get_tensor(k), value, rtol=1e-5, atol=1e-7)]
        assert match, f"{name}: no migrated variable holds TF1's final value"
    assert len(tf2_values) == len(tf1_model)
    assert int(tf2.get_tensor("global_step/.ATTRIBUTES/VARIABLE_VALUE")) == int(tf1.get_tensor("global_step"))


def test_restores_a_tf1_checkpoint_mid_training_and_continues_with_tf1s_losses(runs):
    tf1, tf2 = _values(runs["tf1_more"], "loss"), _values(runs["tf2_more"], "loss")
    assert len(tf1) == 10
    np.testing.assert_allclose(tf2, tf1, rtol=1e-5)
    assert _values(runs["tf1_more"], "step") == _values(runs["tf2_more"], "step") == [22.0]


def test_each_function_is_traced_once(runs):
    for out in (runs["tf2"], runs["tf2_more"]):
        traces = _traces(out)
        assert traces.get("train_step") == 1 and traces.get("compute_accuracy") == 1, traces
