"""The README's first command: the main job on the bundled example runs and agrees."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_example_pipeline(tmp_path):
    env = {**os.environ, "UNSCOPE_EXAMPLE_OUT": str(tmp_path / "out")}
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "example.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (proc.stderr + proc.stdout).count("verify: OLD and NEW agree") == 2  # compat and native
    out = tmp_path / "out"
    assert (out / "compat" / "model.py").is_file()
    assert (out / "tf2_ckpt" / "model.index").is_file()
    migrated = (out / "compat" / "model.py").read_text()
    assert "unscope.variable_scope" in migrated and "tf.variable_scope" not in migrated
    native = (out / "native" / "model.py").read_text()
    assert "class Classifier(nn.Module)" in native and "variable_scope" not in native
    assert (out / "tf2_native_ckpt" / "model.index").is_file()
