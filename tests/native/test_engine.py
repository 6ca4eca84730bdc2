"""The library contract of ``migrate_native``: results, never raising or printing, no
TensorFlow import, the report entries, vendoring, and the TF2 migration guide's example."""
import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.native.support import class_for, kept_functions, load, native_part
from unscope.analyze import Finding
from unscope.native import NativeResult, migrate_native, vendor_nn, vendored_import
from unscope.native import engine

TEXTBOOK = '''import tensorflow.compat.v1 as tf


def model(x):
    with tf.variable_scope("my_scope"):
        var = tf.get_variable("my_var", shape=[1])
    with tf.variable_scope("my_scope", reuse=True):
        var2 = tf.get_variable("my_var", shape=[1])
    return x * var + var2
'''

TOWER = '''import tensorflow.compat.v1 as tf


def tower(x, width=3, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        return tf.layers.dense(x, width, name="fc")


def build(x):
    return tower(x) + tower(x, reuse=True)
'''


def test_textbook_case_is_one_variable_shared_by_reference(tmp_path):
    result = migrate_native(TEXTBOOK, "guide.py")
    model = getattr(load(result.code, tmp_path, "guide"), class_for(result, "model"))()
    assert [v.name for v in model.variables] == ["my_scope/my_var:0"]
    y = model(tf.constant([2.0]))
    (var,) = model.variables
    np.testing.assert_allclose(y.numpy(), 2.0 * var.numpy() + var.numpy())
    with tf.GradientTape() as tape:
        y = model(tf.constant([2.0]))
    assert tape.gradient(y, var).numpy() == pytest.approx([3.0])  # both uses are one variable


def test_result_fields_and_class_report():
    result = migrate_native(TOWER, "tower.py")
    assert isinstance(result, NativeResult) and result.ok and result.changed
    assert result.classes == [
        {"function": "tower", "class": "Tower", "init_args": ["width", "name"], "call_args": ["x"]},
        {"function": "build", "class": "Build", "init_args": [], "call_args": ["x"]},
    ]
    assert (result.functions, result.native, result.coverage) == (2, 2, 1.0)
    assert "reuse" not in native_part(result.code)  # sharing is holding the same module
    assert result.code.count("Tower()") == 1
    assert kept_functions(result.code) == ["tower", "build"]  # public names never vanish


def test_findings_are_scan_findings_with_one_line_rendering():
    # tower alone: with a caller, the caller would hold it as a compat island (test_islands.py)
    source = TOWER.replace('"tower"', 'x.op.name').partition("\n\ndef build")[0]
    result = migrate_native(source, "tower.py")
    assert result.code == source and not result.changed
    assert result.findings and all(isinstance(f, Finding) for f in result.findings)
    first = str(result.findings[0])
    assert first.startswith("tower.py:5:") and ": compat: " in first and "\n" not in first
    assert {f.verdict for f in result.findings} == {"compat"}
    assert result.coverage == 0.0


@pytest.mark.parametrize("source", ["def f(:\n", "x = 1\n", "", "\x00", "import tensorflow as tf\n"])
def test_never_raises_and_leaves_what_it_cannot_handle(source, capsys):
    result = migrate_native(source, "bad.py")
    assert result.code == source and not result.changed
    assert capsys.readouterr() == ("", "")


def test_syntax_error_is_reported_not_raised():
    result = migrate_native("def f(:\n    pass\n", "bad.py")
    assert not result.ok and result.error.startswith("cannot parse") and result.error_line == 1


def test_an_internal_error_leaves_the_file_unchanged(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(engine, "_migrate", boom)
    result = migrate_native(TOWER, "tower.py")
    assert result.code == TOWER and not result.ok
    assert "internal error" in result.findings[0].message and "RuntimeError" in result.error


def test_importing_and_migrating_does_not_import_tensorflow():
    code = ("import sys\nfrom unscope.native import migrate_native\n"
            f"r = migrate_native({TOWER!r})\nassert r.changed\n"
            "assert 'tensorflow' not in sys.modules, 'tensorflow imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_output_parses_and_is_stable_for_a_mixed_file():
    source = TOWER + '''

class Trainer:
    def step(self, x):
        with tf.variable_scope("opt"):
            self.calls += 1
            return tf.get_variable("lr", []) * x
'''
    # the counter on self is a store TF1 ran at every call: the method stays TF1, the rest native
    result = migrate_native(source, "mixed.py")
    ast.parse(result.code)
    assert "class Tower(nn.Module)" in result.code
    assert [f.api for f in result.findings] == ["tf.variable_scope"]
    assert "Trainer.step" in result.findings[0].message
    assert "step uses self other than by reading plain attributes (line 16)" in result.findings[0].message
    assert (result.functions, result.native) == (3, 2)
    assert migrate_native(result.code, "mixed.py").code == result.code


def test_vendored_copy_runs_without_unscope_nn(tmp_path):
    folder = vendor_nn(tmp_path, "my_nn")
    assert folder == tmp_path / "my_nn"
    assert {p.name for p in folder.glob("*.py")} >= {"__init__.py", "dense.py", "variables.py", "module.py"}
    assert vendored_import("my_nn") == "import my_nn as nn"
    result = migrate_native(TOWER, "tower.py", nn_import=vendored_import("my_nn"))
    assert "import my_nn as nn" in result.code and "unscope" not in result.code
    sys.path.insert(0, str(tmp_path))
    try:
        module = load(result.code, tmp_path, "vendored")
        model = module.Build()
        model(tf.ones([2, 4]))
        assert sorted(v.name for v in model.variables) == ["tower/fc/bias:0", "tower/fc/kernel:0"]
        assert type(model).__mro__[1].__module__.startswith("my_nn")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "my_nn" or n.startswith("my_nn.")]:
            del sys.modules[name]


def test_vendor_rejects_a_bad_package_name(tmp_path):
    with pytest.raises(ValueError):
        vendor_nn(tmp_path, "not-an-identifier")


def test_contrib_layers_equal_the_runtime(tmp_path):
    """slim / tf.contrib layers become unscope.nn twins with contrib's variable names."""
    source = (Path(__file__).parent / "cases" / "contrib_layers.py").read_text()
    source = source[:source.index("# output")]
    result = migrate_native(source, "contrib.py")
    runtime_source = source.replace("import tf_slim as slim", "from unscope import slim")
    import unscope
    from tests.zoo.shim import tf as shim_tf

    namespace = {"tf": shim_tf}
    exec(compile(runtime_source.replace("import tensorflow.compat.v1 as tf\n", ""), "<rt>", "exec"),
         namespace)
    tracked = unscope.track(namespace["build"], name="build")
    x = tf.constant(np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4))
    expected = tracked(x)
    model = load(result.code, tmp_path, "contrib").Build()
    model(x)
    assert sorted(v.name for v in model.variables) == sorted(v.name for v in tracked.variables)
    for v in model.variables:
        v.assign(next(t for t in tracked.variables if t.name == v.name))
    np.testing.assert_allclose(model(x).numpy(), expected.numpy(), rtol=1e-5, atol=1e-6)
