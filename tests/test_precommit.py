"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a temporary git repository.

pre-commit would install a `language: python` hook into a fresh virtualenv from the hook
repository, which needs the network; here the same hooks (id, entry, file types) run as a
`repo: local` hook on this checkout's interpreter, so nothing is downloaded.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml  # pre-commit depends on PyYAML

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TF1 = ("import tensorflow as tf\n\n\ndef tower(x):\n    with tf.variable_scope('tower'):\n"
       "        w = tf.get_variable('w', [4, 2])\n        return tf.matmul(x, w)\n")
TF2 = "import tensorflow as tf\n\n\ndef double(x):\n    return 2 * x\n"


def local_config(path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["unscope-scan", "unscope-migrate"]
    for hook in hooks:
        assert hook["entry"].startswith("unscope ") and "--check" in hook["entry"]
        hook["entry"] = f"{sys.executable} -m unscope" + hook["entry"][len("unscope"):]
        hook["language"] = "system"
    path.write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}))


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    local_config(repo / ".pre-commit-config.yaml")
    return repo


def pre_commit(repo: Path, hook: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "cache"), "PRE_COMMIT_COLOR": "never",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    git(repo, "add", "-A")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_hooks_fail_on_tf1_code_and_pass_once_it_is_migrated(repo):
    (repo / "model.py").write_text(TF1)
    (repo / "ops.py").write_text(TF2)
    scan = pre_commit(repo, "unscope-scan")
    assert scan.returncode == 1, scan.stdout + scan.stderr
    assert "unscope scan --check" in scan.stdout and "Failed" in scan.stdout
    assert "model.py:5:10: tf.variable_scope" in scan.stdout
    migrate = pre_commit(repo, "unscope-migrate")
    assert migrate.returncode == 1 and "unscope migrate --check" in migrate.stdout
    assert "1 file would be migrated" in migrate.stdout
    assert (repo / "model.py").read_text() == TF1  # --check never writes

    subprocess.run([sys.executable, "-m", "unscope", "migrate", "model.py"], cwd=repo, check=True,
                   capture_output=True)
    for hook in ("unscope-migrate", "unscope-scan"):
        result = pre_commit(repo, hook)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout


def test_hooks_skip_a_repository_without_python(repo):
    (repo / "README.md").write_text("no code\n")
    result = pre_commit(repo, "unscope-scan")
    assert result.returncode == 0 and "Skipped" in result.stdout, result.stdout
