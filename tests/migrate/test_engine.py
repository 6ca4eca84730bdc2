"""The library call: unscope.migrate_source(source, mode) -> MigrationResult."""
import ast
import subprocess
import sys

import pytest

import unscope
from unscope.migrate import MigrationResult, migrate_source
from unscope.migrate.source import Edit, EditConflict, Source

TF1 = "import tensorflow.compat.v1 as tf\n\nw = tf.get_variable('w', [2])  # keep\n"


def test_public_api_is_lazy_and_complete():
    assert unscope.migrate_source is migrate_source
    assert unscope.MigrationResult is MigrationResult
    result = unscope.migrate_source(TF1)
    assert result.changed and result.ok and result.classes == []
    assert result.code == "import tensorflow as tf\nimport unscope\n\nw = unscope.get_variable('w', [2])  # keep\n"


def test_nothing_to_migrate_returns_the_same_object_text():
    source = "import numpy as np\nx = np.log(2)\n"
    result = migrate_source(source)
    assert result.code is source and not result.changed and result.findings == []


def test_unparsable_source_comes_back_unchanged_with_the_reason():
    result = migrate_source("def f(:\n    pass\n")
    assert not result.ok and not result.changed
    assert result.error.startswith("cannot parse") and result.error_line == 1
    assert result.code == "def f(:\n    pass\n"


def test_mode_is_checked():
    with pytest.raises(ValueError):
        migrate_source(TF1, mode="fast")
    assert migrate_source(TF1, mode="native").ok


def test_findings_carry_path_and_one_based_positions():
    result = migrate_source("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n", path="m.py")
    (f,) = result.findings
    assert (f.path, f.line, f.col, f.api, f.verdict) == ("m.py", 2, 5, "tf.placeholder", "manual")
    assert str(f).startswith("m.py:2:5: tf.placeholder: manual: ")


def test_findings_are_picklable_results():
    import pickle

    result = migrate_source("import tensorflow as tf\nx = tf.contrib.foo.bar(1)\n", path="m.py")
    assert pickle.loads(pickle.dumps(result)) == result


def test_crlf_files_keep_crlf():
    source = TF1.replace("\n", "\r\n")
    code = migrate_source(source).code
    assert "\r\nimport unscope\r\n" in code and "\n" not in code.replace("\r\n", "")


def test_output_is_stable_and_parses_for_a_mixed_file():
    source = (
        "import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n\n"
        "def f(x, kp):\n"
        "    with tf.variable_scope('f', reuse=tf.AUTO_REUSE):\n"
        "        h = slim.fully_connected(x, 3)\n"
        "        h = tf.nn.dropout(tf.layers.dense(h, 2), kp)\n"
        "        return tf.reduce_sum(tf.to_float(h), 1, keep_dims=True)\n")
    first = migrate_source(source)
    ast.parse(first.code)
    assert migrate_source(first.code).code == first.code


def test_unstable_rewrite_is_refused(monkeypatch):
    from unscope.migrate import engine

    real = engine.plan_edits
    calls = []

    def flaky(src, tree, mode, path, **options):
        calls.append(1)
        edits, findings, classes, error = real(src, tree, mode, path, **options)
        if len(calls) > 1:  # pretend the second run still finds something to change
            edits = list(edits) + [Edit(0, 0, "# again\n")]
        return edits, findings, classes, error

    monkeypatch.setattr(engine, "plan_edits", flaky)
    result = migrate_source(TF1)
    assert result.code == TF1 and not result.changed and "not stable" in result.error


def test_overlapping_edits_leave_the_file_unchanged():
    src = Source("abcdef")
    assert src.apply([Edit(1, 3, "X"), Edit(3, 3, "+"), Edit(5, 6, "Y")]) == "aX+deY"
    with pytest.raises(EditConflict):
        src.apply([Edit(1, 4, "X"), Edit(2, 5, "Y")])


def test_columns_are_characters_not_utf8_bytes():
    src = Source("s = 'größe'; x = 1\n")
    node = ast.parse(src.text).body[1]
    assert src.column(node) == 14 and src.segment(node) == "x = 1"


def test_migration_never_imports_tensorflow(tmp_path):
    code = ("import sys, unscope\n"
            "r = unscope.migrate_source(open(sys.argv[1]).read())\n"
            "assert r.changed\n"
            "from unscope.migrate.runner import migrate_paths\n"
            "migrate_paths([sys.argv[1]], action='check', jobs=1)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras', 'libcst')]\n"
            "assert not bad, bad\n")
    sample = tmp_path / "model.py"
    sample.write_text("import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n"
                      "net = slim.conv2d(tf.log(x), 8, [3, 3])\n")
    proc = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_cycle_collector_state_is_the_callers_after_concurrent_calls():
    """migrate_source pauses gc while it works; threads must not leave it off (or turn it on)."""
    import gc
    import threading

    code = "import tensorflow.compat.v1 as tf\nw = tf.get_variable('w', [2])\n"
    assert gc.isenabled()
    threads = [threading.Thread(target=lambda: [migrate_source(code) for _ in range(10)])
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
    gc.disable()
    try:
        migrate_source(code)
        assert not gc.isenabled()
    finally:
        gc.enable()
