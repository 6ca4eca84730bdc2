"""Native modules under tf.distribute: zoo models migrated natively and built in a
MirroredStrategy scope over two logical CPUs (a subprocess: logical devices must be set before
TF starts) keep TF1's variable names, mirror every variable, and with TF1's weights give TF1's
outputs (each replica half the batch) and, summed over replicas, TF1's gradients."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.zoo import harness

ROOT = Path(__file__).resolve().parents[2]
MODELS = ["transformer", "encoder"]   # batch-first inputs of an even batch


@pytest.mark.slow
def test_native_zoo_models_under_mirrored_strategy_equal_tf1(tmp_path):
    oracle = tmp_path / "oracle"
    oracle.mkdir()
    harness.run_oracle(MODELS, oracle)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("mirrored_native_worker.py")),
                           str(oracle), str(tmp_path), *MODELS],
                          capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])
    for name in MODELS:
        got = results[name]
        assert got["names"] == got["tf1_names"], name
        assert got["mirrored"], name
        assert got["out_err"] < 1e-5, (name, got)
        assert got["grad_err"] < 1e-4, (name, got)
