"""`unscope scan`: output formats, stdout/stderr split, exit codes, no TensorFlow import."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from tests.terminal import run_on_terminal

from unscope.cli import main

TF1 = """\
import tensorflow as tf

def model(x):
    with tf.variable_scope("model"):
        return tf.get_variable("w", [4])
"""
MANUAL = """\
import tensorflow as tf

def disc(x, getter):
    with tf.variable_scope("d", custom_getter=getter):
        return tf.contrib.rnn.LSTMCell(4)
"""


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(TF1)
    (tmp_path / "pkg" / "gan.py").write_text(MANUAL)
    (tmp_path / "plain.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output(tree, capsys):
    code, out, err = run(capsys, "-j", "1", ".")
    assert code == 0
    assert out.splitlines() == [
        "pkg/gan.py:4:10: tf.variable_scope: compat: custom_getter: kept on the compat runtime, which "
        "applies it as TF1 did [d, reuse: create]",
        "pkg/gan.py:5:16: tf.contrib.rnn.LSTMCell: manual: TF1 RNN cells create variables inside "
        "TensorFlow; port to tf.keras.layers RNN cells by hand (checkpoint names change)",
        "pkg/model.py:4:10: tf.variable_scope: native: static scope: becomes a tf.Module in native mode "
        "[model, reuse: create]",
        "pkg/model.py:5:16: tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, "
        "with its TF1 name [model/w, reuse: create]",
    ]
    # the summary, and nothing else, on stderr (not a terminal: no progress bar)
    assert err == "3 files scanned (11 lines): 2 native, 1 compat, 1 manual.\n"


def test_check_exit_codes(tree, capsys):
    assert run(capsys, "--check", "-j", "1", ".")[0] == 1
    assert run(capsys, "--check", "-j", "1", "plain.py")[0] == 0
    assert run(capsys, "-j", "1", "pkg")[0] == 0


def test_usage_errors(tree, capsys):
    code, out, err = run(capsys, "nope.py")
    assert code == 2 and out == ""
    assert err == "unscope scan: error: nope.py: no such file or directory\n"
    assert run(capsys, "-j", "0", ".")[0] == 2
    assert run(capsys, "--format", "xml", ".")[0] == 2
    assert run(capsys)[0] == 2


def test_failure_exit_code_123_and_other_files_scanned(tree, capsys):
    (tree / "broken.py").write_text("def f(:\n")
    (tree / "latin.py").write_bytes(b"x = '\xe9'\n")
    code, out, err = run(capsys, "--check", "-j", "1", ".")
    assert code == 123  # 123 wins over --check's 1
    assert len(out.splitlines()) == 4
    lines = err.splitlines()
    assert lines[0].startswith("broken.py:1:7: cannot parse: ")
    assert lines[1] == "latin.py: not UTF-8"
    assert lines[2:4] == ["pkg/gan.py: still to migrate - run unscope migrate on it",
                          "pkg/model.py: still to migrate - run unscope migrate on it"]
    # lines counts what was read: the file that is not UTF-8 adds none
    assert lines[4] == "5 files scanned (12 lines), 2 failed: 2 native, 1 compat, 1 manual; 2 files still to migrate."


def test_json_output(tree, capsys):
    (tree / "broken.py").write_text("def f(:\n")
    code, out, err = run(capsys, "--format", "json", "-j", "1", ".")
    assert code == 123
    doc = json.loads(out)
    assert set(doc) == {"schema_version", "kind", "findings", "failures", "summary"}
    assert doc["summary"] == {"files": 4, "lines": 12, "skipped": 0, "failed": 1, "findings": 4,
                              "native": 2, "compat": 1, "manual": 1}
    first = doc["findings"][0]
    assert first == {"path": "pkg/gan.py", "line": 4, "col": 10, "cell": None,
                     "api": "tf.variable_scope", "scope": "d", "verdict": "compat",
                     "message": first["message"], "reuse": "create"}
    assert doc["findings"][1]["verdict"] == "manual"
    assert doc["failures"] == [{"path": "broken.py", "line": 1, "col": 7,
                                "message": doc["failures"][0]["message"]}]
    assert err.endswith("2 native, 1 compat, 1 manual.\n")


def test_sarif_has_what_code_scanning_requires(tree, capsys):
    code, out, _ = run(capsys, "--format", "sarif", "-j", "1", ".")
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = doc["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "unscope"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert sorted(rule_ids) == ["tf.contrib.rnn.LSTMCell", "tf.get_variable", "tf.variable_scope"]
    assert all(rule["shortDescription"]["text"] for rule in driver["rules"])
    results = sarif_run["results"]
    assert len(results) == 4
    for result in results:
        assert result["ruleId"] in rule_ids
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith(("/", "./"))  # repository-relative
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    levels = {r["properties"]["verdict"]: r["level"] for r in results}
    assert levels == {"manual": "warning", "compat": "note", "native": "note"}
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/gan.py"
    assert sarif_run["invocations"][0]["executionSuccessful"] is True


def test_exclude_relative_to_path(tree, capsys):
    code, out, err = run(capsys, "--exclude", "pkg/gan.py", "-j", "1", ".")
    assert "gan.py" not in out and "model.py" in out
    assert "1 skipped" in err


def test_gitignore_is_honoured(tree, capsys):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("gan.py\n")
    code, out, err = run(capsys, "-j", "1", ".")
    assert "gan.py" not in out and "model.py" in out


def test_check_answers_would_migrate_change_it_and_strict_fails_on_manual(tree, capsys):
    # model.py: only native findings, still TF1 -> --check fails, --strict does not
    code, _, err = run(capsys, "--check", "-j", "1", "pkg/model.py")
    assert code == 1 and err.splitlines() == [
        "pkg/model.py: still to migrate - run unscope migrate on it",
        "1 file scanned (5 lines): 2 native, 0 compat, 0 manual; 1 file still to migrate."]
    assert run(capsys, "--strict", "-j", "1", "pkg/model.py")[0] == 0
    assert run(capsys, "--strict", "-j", "1", "pkg/gan.py")[0] == 1  # the LSTMCell needs a person
    assert run(capsys, "-j", "1", "pkg/gan.py")[0] == 0  # findings alone are not a failure
    # a manual finding migrate cannot act on: nothing to migrate, but --strict still says no
    (tree / "cells.py").write_text("import tensorflow as tf\n\ndef f():\n    return tf.contrib.rnn.LSTMCell(4)\n")
    assert run(capsys, "--check", "-j", "1", "cells.py")[0] == 0
    assert run(capsys, "--strict", "-j", "1", "cells.py")[0] == 1


ZOO = os.path.join(os.path.dirname(os.path.dirname(__file__)), "zoo")
EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "examples", "tf1_project")


@pytest.mark.parametrize("source", [ZOO, EXAMPLE], ids=["zoo", "example"])
def test_compat_output_passes_scan_check(source, tmp_path, capsys):
    """Code migrated in compat mode still has findings (unscope.variable_scope re-entered with
    reuse_variables(), tf.compat.v1 initializer twins, variables selected by name), but none
    that migrate would act on: --check exits 0 on it, and 1 on the TF1 original."""
    out = tmp_path / "compat"
    assert main(["migrate", "-q", "-j", "1", source, "--out", str(out)]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "--check", "-j", "1", str(out))
    assert code == 0, err
    assert err.splitlines()[-1].endswith("; nothing left to migrate.")
    code, _, err = run(capsys, "--check", "-j", "1", source)
    assert code == 1 and err.splitlines()[-1].endswith(" still to migrate.")


def test_progress_bar_on_a_terminal_and_silent_on_a_pipe(tree):
    """The real command line with stderr on a pseudo-terminal, then on a pipe."""

    for i in range(40):
        (tree / "pkg" / f"copy{i}.py").write_text(TF1)
    probe = ("import sys\nimport unscope.cli.progress as p\np.DELAY_S = 0\n"
             "from unscope.cli import main\nsys.exit(main(['scan', '-j', '1', '.']))\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), COLUMNS="100")
    proc, seen = run_on_terminal([sys.executable, "-c", probe], cwd=tree, env=env, timeout=120)
    assert proc.returncode == 0
    assert "scanning" in seen and "43/43" in seen, seen
    assert seen.rstrip().endswith("43 files scanned (211 lines): 82 native, 1 compat, 1 manual.")
    piped = subprocess.run([sys.executable, "-c", probe], cwd=tree, capture_output=True, text=True,
                           env=env, timeout=120)
    assert piped.stderr == "43 files scanned (211 lines): 82 native, 1 compat, 1 manual.\n"


def test_subprocess_pool_and_no_tensorflow_import(tree):
    """The real command line, with a pool; scanning must not import TensorFlow."""
    for i in range(12):
        (tree / "pkg" / f"copy{i}.py").write_text(TF1)
    probe = ("import runpy, sys\n"
             "sys.argv = ['unscope', 'scan', '-j', '2', '--format', 'json', '.']\n"
             "try:\n"
             "    runpy.run_module('unscope', run_name='__main__')\n"
             "except SystemExit as exc:\n"
             "    code = exc.code\n"
             "print('TF-IMPORTED' if any(m == 'tensorflow' or m.startswith('tensorflow.') for m in sys.modules)"
             " else 'TF-NOT-IMPORTED', code, file=sys.stderr)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tree, capture_output=True, text=True,
                          env=env, timeout=120)
    assert "TF-NOT-IMPORTED 0" in proc.stderr, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["summary"]["files"] == 15 and doc["summary"]["findings"] == 2 * 13 + 2
