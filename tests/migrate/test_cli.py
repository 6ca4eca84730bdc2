"""`unscope migrate`: files, exit codes, atomic writes, --check/--diff/--out/--report, stdin."""
import io
import json
import os
import stat
import sys

import pytest

from unscope.cli import main
from unscope.migrate.runner import migrate_file, migrate_paths

TF1 = "import tensorflow.compat.v1 as tf\n\n\ndef f(x):\n    return x * tf.get_variable('w', [])\n"
MIGRATED = "import tensorflow as tf\nimport unscope\n\n\ndef f(x):\n    return x * unscope.get_variable('w', [])\n"
TF2 = "import tensorflow as tf\n\n\ndef f(x):\n    return tf.nn.relu(x)\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(TF1)
    (tmp_path / "pkg" / "clean.py").write_text(TF2)
    (tmp_path / "top.py").write_text(TF1.replace("'w'", "'v'"))
    old = 1_000_000_000
    for p in tmp_path.rglob("*.py"):
        os.utime(p, (old, old))
    return tmp_path


def snapshot(root):
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode))
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_in_place_migrates_changed_files_only(tree, capsys):
    (tree / "pkg" / "model.py").chmod(0o640)
    assert main(["migrate", str(tree)]) == 0
    assert (tree / "pkg" / "model.py").read_text() == MIGRATED
    assert stat.S_IMODE((tree / "pkg" / "model.py").stat().st_mode) == 0o640
    clean = tree / "pkg" / "clean.py"
    assert clean.read_text() == TF2 and clean.stat().st_mtime == 1_000_000_000  # not even touched
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "2 files migrated, 1 unchanged; 0 findings need a person."
    assert not list(tree.rglob("*.unscope"))


def test_check_and_diff_never_write(tree, capsys):
    before = snapshot(tree)
    assert main(["migrate", "--check", str(tree)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "2 files would be migrated, 1 unchanged" in err
    assert main(["migrate", "--diff", str(tree / "pkg")]) == 0  # like black: --diff is not a question
    out, _ = capsys.readouterr()
    assert "-    return x * tf.get_variable('w', [])\n+    return x * unscope.get_variable('w', [])\n" in out
    assert out.startswith(f"--- {tree / 'pkg' / 'model.py'}\t(original)\n")
    assert snapshot(tree) == before
    assert main(["migrate", "--check", str(tree / "pkg" / "clean.py")]) == 0


def test_out_mirrors_the_tree_and_leaves_the_sources(tree, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = snapshot(tree)
    assert main(["migrate", str(tree), "--out", str(out / "tf2")]) == 0
    assert snapshot(tree) == before
    assert (out / "tf2" / "pkg" / "model.py").read_text() == MIGRATED
    assert (out / "tf2" / "pkg" / "clean.py").read_text() == TF2  # the whole tree, ready to run
    assert (out / "tf2" / "top.py").exists()
    assert main(["migrate", str(tree / "top.py"), "--out", str(out / "one")]) == 0
    assert (out / "one" / "top.py").exists()


def test_report_json(tree, capsys):
    (tree / "bad.py").write_text("def f(:\n")
    (tree / "graph.py").write_text("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n")
    report = tree.parent / "report.json"
    assert main(["migrate", "--check", str(tree), "--report", str(report)]) == 123
    data = json.loads(report.read_text())
    assert set(data) == {"schema_version", "kind", "files", "failures", "summary"}
    rows = {os.path.basename(f["path"]): f for f in data["files"]}
    assert set(rows["model.py"]) == {"path", "changed", "classes", "findings", "lines", "diff", "context", "functions"}
    assert rows["model.py"]["changed"] and not rows["clean.py"]["changed"] and rows["model.py"]["classes"] == []
    (finding,) = rows["graph.py"]["findings"]
    assert finding["api"] == "tf.placeholder" and finding["verdict"] == "manual" and finding["line"] == 2
    (failure,) = data["failures"]
    assert failure["path"].endswith("bad.py") and failure["line"] == 1 and "cannot parse" in failure["message"]
    s = data["summary"]
    assert (s["files"], s["changed"], s["unchanged"], s["failed"], s["manual"], s["mode"]) == (5, 3, 1, 1, 1, "compat")


def test_a_bad_file_fails_with_123_and_the_others_are_migrated(tree, capsys):
    (tree / "bad.py").write_text("def f(:\n")
    (tree / "latin.py").write_bytes(b"x = '\xe9'\n")  # not UTF-8, no coding line
    assert main(["migrate", str(tree)]) == 123
    err = capsys.readouterr().err
    assert f"{tree / 'bad.py'}:1:7: cannot parse: invalid syntax" in err or "bad.py:1" in err
    assert "latin.py: not UTF-8" in err
    assert err.splitlines()[-1].startswith("2 files migrated, 1 unchanged, 2 failed;")
    assert (tree / "pkg" / "model.py").read_text() == MIGRATED
    assert (tree / "bad.py").read_text() == "def f(:\n"


def test_coding_cookie_and_bom_are_kept(tmp_path):
    latin = tmp_path / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\n" + TF1.encode() + b"s = '\xe9'\n")
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + TF1.encode())
    assert main(["migrate", "-q", str(tmp_path)]) == 0
    assert latin.read_bytes().endswith(b"s = '\xe9'\n") and b"unscope.get_variable" in latin.read_bytes()
    assert bom.read_bytes().startswith(b"\xef\xbb\xbfimport tensorflow as tf\n")


def test_symlinked_file_is_written_through(tmp_path):
    real = tmp_path / "real.py"
    real.write_text(TF1)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    outcome = migrate_file(str(link))
    assert outcome.written and link.is_symlink() and real.read_text() == MIGRATED


def test_a_failed_write_is_a_named_failure_not_a_migrated_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "model.py"
    path.write_text(TF1)
    (tmp_path / "clean.py").write_text(TF2)

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    assert main(["migrate", "-j", "1", str(tmp_path)]) == 123
    err = capsys.readouterr().err.splitlines()
    assert f"{path}: cannot write: No space left on device" in err
    assert err[-1] == "0 files migrated, 1 unchanged, 1 failed; 0 findings need a person."
    assert not any("internal error" in line for line in err)
    assert path.read_text() == TF1 and sorted(os.listdir(tmp_path)) == ["clean.py", "model.py"]


def test_pool_gives_the_same_result_as_one_process(tmp_path):
    for i in range(12):
        (tmp_path / f"m{i}.py").write_text(TF1.replace("'w'", f"'w{i}'") if i % 3 else TF2)
    one = migrate_paths([str(tmp_path)], action="check", jobs=1)
    two = migrate_paths([str(tmp_path)], action="check", jobs=2)
    assert [(o.path, o.changed, o.findings) for o in one.files] == [(o.path, o.changed, o.findings) for o in two.files]
    assert one.summary == two.summary and one.summary["changed"] == 8


def test_exclude_and_gitignore(tree):
    (tree / ".gitignore").write_text("top.py\n")
    (tree / ".git").mkdir()
    report = migrate_paths([str(tree)], action="check", exclude=["pkg/clean.py"], jobs=1)
    assert sorted(os.path.basename(o.path) for o in report.files) == ["model.py"]


def test_usage_errors_exit_2(tree, capsys):
    assert main(["migrate", "--vendor", str(tree / "v"), str(tree)]) == 2  # compat mode
    assert "--vendor is for --mode native" in capsys.readouterr().err
    assert main(["migrate", "--mode", "native", "--check", "--vendor", str(tree / "v"), str(tree)]) == 2
    assert main(["migrate", "-", str(tree)]) == 2
    assert main(["migrate", "--check", "--out", str(tree / "o"), str(tree)]) == 2
    assert main(["migrate", str(tree / "missing.py")]) == 2
    assert main(["migrate", "--check", "--diff", str(tree)]) == 2
    assert main(["migrate", "-j", "0", str(tree)]) == 2
    assert not (tree / "o").exists()


def _stdin(monkeypatch, data: bytes):
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)


def test_stdin_to_stdout(monkeypatch, capfdbinary):
    _stdin(monkeypatch, TF1.encode())
    assert main(["migrate", "-"]) == 0
    out, err = capfdbinary.readouterr()
    assert out.decode() == MIGRATED and b"1 file migrated" in err
    _stdin(monkeypatch, TF1.encode())
    assert main(["migrate", "--check", "-"]) == 1
    assert capfdbinary.readouterr().out == b""
    _stdin(monkeypatch, b"x = (\n")
    assert main(["migrate", "-"]) == 123
    out, err = capfdbinary.readouterr()
    assert out == b"x = (\n" and b"-:1: cannot parse" in err


def test_stdin_report_has_the_same_schema_as_a_tree_report(monkeypatch, capfdbinary, tmp_path):
    _stdin(monkeypatch, TF1.encode())
    assert main(["migrate", "--check", "-", "--report", str(tmp_path / "r.json")]) == 1
    capfdbinary.readouterr()
    report = json.loads((tmp_path / "r.json").read_text())
    (tmp_path / "m.py").write_text(TF1)
    assert main(["migrate", "--check", str(tmp_path / "m.py"), "--report", str(tmp_path / "t.json")]) == 1
    tree = json.loads((tmp_path / "t.json").read_text())
    assert report["schema_version"] == tree["schema_version"] == 1
    assert report["kind"] == tree["kind"] == "migrate"
    assert set(report) == set(tree)


def test_notebook_through_the_cli(tmp_path, capsys):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["%matplotlib inline\n", "import tensorflow.compat.v1 as tf\n"]},
                    {"cell_type": "markdown", "metadata": {}, "source": ["tf.get_variable in text"]},
                    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["w = tf.get_variable('w', [2])\n", "x = tf.placeholder(tf.float32)"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n")
    assert main(["migrate", str(tmp_path)]) == 0
    new = json.loads(path.read_text())
    # the notebook builds a graph at its top level: graph mode right after the import, as in TF1
    assert new["cells"][0]["source"] == ["%matplotlib inline\n", "import tensorflow.compat.v1 as tf\n",
                                         "import unscope\n", "tf.disable_v2_behavior()\n"]
    assert new["cells"][1] == nb["cells"][1]
    assert new["cells"][2]["source"] == ["w = unscope.get_variable('w', [2])\n", "x = tf.placeholder(tf.float32)"]
    err = capsys.readouterr().err
    assert f"{path}:cell 2:2:5: tf.placeholder: manual:" in err
    assert main(["migrate", "--check", str(path)]) == 0
