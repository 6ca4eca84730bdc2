"""The textbook example: TF1 (run_tf1, graph mode) and the migrated eager program print the same
lines - the variable's name twice and ``True`` (sharing is holding the same object)."""
import os
import subprocess
import sys
from pathlib import Path

import unscope

CASE = Path(__file__).parent / "cases" / "textbook.py"
ROOT = Path(__file__).resolve().parents[2]


def _stdout(args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_textbook_prints_what_tf1_printed(tmp_path):
    original = CASE.read_text().partition("# output\n")[0]
    (tmp_path / "tf1.py").write_text(original)
    migrated = unscope.migrate_source(original, mode="native")
    assert "Session" not in migrated.code and "variable_scope" not in migrated.code
    (tmp_path / "tf2.py").write_text(migrated.code)
    tf1 = _stdout(["-m", "unscope.verify.run_tf1", "tf1.py"], tmp_path)
    tf2 = _stdout(["tf2.py"], tmp_path)
    assert tf1[-3:] == ["my_scope/my_var:0", "my_scope/my_var:0", "True"]
    assert tf2[-3:] == tf1[-3:]
