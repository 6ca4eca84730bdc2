"""The README's first command: the main job on the bundled example runs and agrees."""
import ast
import os
import subprocess
from pathlib import Path

import numpy as np
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
    assert "class Classifier(nn.Module)" in native
    classes = [n for n in ast.parse(native).body if isinstance(n, ast.ClassDef)]
    # the classes hold no scopes (public functions may stay beside them as TF1 code)
    assert classes and not any("variable_scope" in ast.unparse(c) for c in classes)
    assert (out / "tf2_native_ckpt" / "model.index").is_file()
    # Step 8: the migrated fine-tune script resumed TF1's checkpoint and printed TF1's losses.
    assert "3 files migrated" in proc.stderr
    printed = {who: [float(line.split()[-1]) for line in proc.stderr.splitlines()
                     if line.startswith(f"{who} fine-tune:") and " loss " in line]
               for who in ("TF1", "migrated")}
    assert len(printed["TF1"]) == 10
    np.testing.assert_allclose(printed["migrated"], printed["TF1"], rtol=1e-5)
    assert "migrated fine-tune: step 30" in proc.stderr and "TF1 fine-tune:      step 30" in proc.stderr
    native_train = (out / "native_project" / "train_tf1.py").read_text()
    assert "Session(" not in native_train and "classifier = Classifier()" in native_train
