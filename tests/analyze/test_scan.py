"""unscope.scan as a library call: results, failures, summary, pool, never raising."""
from __future__ import annotations

import pickle

import pytest

import unscope
from unscope.analyze import Failure, Finding, ScanResult

TF1 = """\
import tensorflow as tf

def model(x, reuse=False):
    with tf.variable_scope("model", reuse=reuse):
        h = tf.layers.dense(x, 4)
        return tf.get_variable("w", [4])
"""


def write(root, name, text, mode="w"):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_public_names():
    assert unscope.scan is unscope.analyze.scan
    assert unscope.ScanResult is ScanResult and unscope.Finding is Finding


def test_scan_findings_and_summary(tmp_path):
    write(tmp_path, "m.py", TF1)
    write(tmp_path, "plain.py", "x = 1\n")
    result = unscope.scan([tmp_path], jobs=1)
    assert [(f.line, f.col, f.api, f.verdict, f.scope) for f in result.findings] == [
        (4, 10, "tf.variable_scope", "compat", "model"),
        (5, 13, "tf.layers.dense", "compat", "model/dense"),
        (6, 16, "tf.get_variable", "compat", "model/w"),
    ]
    assert result.failures == []
    assert result.summary == {"files": 2, "lines": 7, "skipped": 0, "failed": 0, "findings": 3,
                              "native": 0, "compat": 3, "manual": 0}


def test_single_path_and_string_exclude(tmp_path):
    write(tmp_path, "a.py", TF1)
    write(tmp_path, "gen/b.py", TF1)
    result = unscope.scan(str(tmp_path), jobs=1, exclude="gen")
    assert result.summary["files"] == 1 and result.summary["skipped"] == 0


def test_empty_tree(tmp_path):
    result = unscope.scan([tmp_path])
    assert result.findings == [] and result.failures == []
    assert result.summary["files"] == 0 and result.summary["findings"] == 0


def test_not_utf8(tmp_path):
    write(tmp_path, "latin.py", "# caf\xe9\nimport tensorflow as tf\n".encode("latin-1"), "wb")
    result = unscope.scan([tmp_path], jobs=1)
    assert [str(f) for f in result.failures] == [f"{tmp_path / 'latin.py'}: not UTF-8"]
    assert result.summary["failed"] == 1


def test_coding_cookie_is_honoured(tmp_path):
    src = "# -*- coding: latin-1 -*-\n# caf\xe9\nimport tensorflow as tf\ndef f():\n    return tf.get_variable('w', [1])\n"
    write(tmp_path, "cookie.py", src.encode("latin-1"), "wb")
    result = unscope.scan([tmp_path], jobs=1)
    assert result.failures == [] and [f.line for f in result.findings] == [5]


def test_utf8_bom(tmp_path):
    write(tmp_path, "bom.py", b"\xef\xbb\xbfimport tensorflow as tf\nw = tf.get_variable('w', [1])\n", "wb")
    result = unscope.scan([tmp_path], jobs=1)
    assert result.failures == [] and [(f.line, f.col) for f in result.findings] == [(2, 5)]


def test_syntax_error_is_a_failure_and_others_are_scanned(tmp_path):
    write(tmp_path, "bad.py", "import tensorflow as tf\ndef f(:\n    pass\n")
    write(tmp_path, "good.py", TF1)
    result = unscope.scan([tmp_path], jobs=1)
    assert len(result.findings) == 3
    (failure,) = result.failures
    assert (failure.path, failure.line, failure.col) == (str(tmp_path / "bad.py"), 2, 7)
    assert str(failure).startswith(f"{tmp_path / 'bad.py'}:2:7: cannot parse: ")


def test_python2_print_and_null_bytes(tmp_path):
    write(tmp_path, "py2.py", "print 'hello'\n")
    write(tmp_path, "nul.py", b"x = 1\x00\n", "wb")
    result = unscope.scan([tmp_path], jobs=1)
    assert sorted(f.path.rsplit("/", 1)[1] for f in result.failures) == ["nul.py", "py2.py"]
    assert all(f.message.startswith("cannot parse") for f in result.failures)


def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.py", TF1)
    path.chmod(0)
    try:
        with open(path):
            pytest.skip("running as a user who can read any file")
    except PermissionError:
        pass
    try:
        result = unscope.scan([tmp_path], jobs=1)
    finally:
        path.chmod(0o644)
    assert [f.message for f in result.failures] == ["cannot read: Permission denied"]


def test_missing_path_is_a_failure_not_an_exception(tmp_path):
    result = unscope.scan([tmp_path / "nope"], jobs=1)
    assert [f.message for f in result.failures] == ["no such file or directory"]


def test_internal_error_becomes_a_failure(tmp_path, monkeypatch):
    import unscope.analyze.source as source

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(source, "analyze_tree", boom)
    write(tmp_path, "m.py", TF1)
    result = unscope.scan([tmp_path], jobs=1)
    assert [f.message for f in result.failures] == ["internal error: RuntimeError: boom"]


def test_pool_gives_the_same_result_as_one_process(tmp_path):
    for i in range(20):
        write(tmp_path, f"pkg{i % 3}/m{i}.py", TF1.replace('"model"', f'"model{i}"'))
    write(tmp_path, "bad.py", "def (")
    one = unscope.scan([tmp_path], jobs=1)
    two = unscope.scan([tmp_path], jobs=2)
    assert one.findings == two.findings and one.failures == two.failures
    assert one.summary == two.summary
    assert len(one.findings) == 60


def test_progress_callback(tmp_path):
    for i in range(3):
        write(tmp_path, f"m{i}.py", TF1)
    calls = []
    unscope.scan([tmp_path], jobs=1, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_results_are_picklable(tmp_path):
    write(tmp_path, "m.py", TF1)
    write(tmp_path, "bad.py", "def (")
    result = unscope.scan([tmp_path], jobs=1)
    again = pickle.loads(pickle.dumps(result))
    assert again.findings == result.findings and again.failures == result.failures
    assert isinstance(again.failures[0], Failure)


def test_finding_format():
    f = Finding("m.py", 3, 5, None, "tf.get_variable", "a/w", "native", "why")
    assert str(f) == "m.py:3:5: tf.get_variable: native: why"
    assert str(Finding("n.ipynb", 3, 5, 2, "tf.get_variable", None, "compat", "why")) == \
        "n.ipynb:cell 2:3:5: tf.get_variable: compat: why"
    assert f.to_dict() == {"path": "m.py", "line": 3, "col": 5, "cell": None, "api": "tf.get_variable",
                           "scope": "a/w", "verdict": "native", "message": "why", "reuse": None}
    assert Failure("m.py", "not UTF-8").to_dict() == {"path": "m.py", "message": "not UTF-8"}
