"""`migrate_source(mode="native")` end to end: native classes + the compat pass, on the zoo.

The output must hold no TF1 variable machinery and no tf.compat.v1, import only TensorFlow
and unscope.nn (or a vendored copy), and equal real TF1 with TF1's weights loaded by name.
"""
import importlib.util
import io
import re
import tokenize
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.native.support import kept_functions, native_part
from tests.native.test_zoo_native import NATIVE
from tests.zoo import harness

FORBIDDEN = re.compile(r"variable_scope|get_variable|AUTO_REUSE|make_template|GraphKeys|"
                       r"get_collection|tf\.compat\.v1|tf\.layers|unscope\.track|compat\.v1")


def code_only(source: str) -> str:
    """The source with comments and string literals blanked (they may keep TF1 words)."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    chars = list(source)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.STRING):
            begin = starts[tok.start[0] - 1] + tok.start[1]
            end = starts[tok.end[0] - 1] + tok.end[1]
            chars[begin:end] = [c if c == "\n" else " " for c in chars[begin:end]]
    return "".join(chars)


def test_forbidden_check_can_fail():
    assert forbidden("x = tf.compat.v1.get_variable('w')  # AUTO_REUSE\n") == "tf.compat.v1"
    assert forbidden("s = 'tf.compat.v1'  # variable_scope\n") is None


def forbidden(source: str):
    match = FORBIDDEN.search(code_only(source))
    return match.group(0) if match else None


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("name", NATIVE)  # the class and kept-TF1 models: tests/native/test_zoo_native.py
def test_native_zoo_equals_tf1(name, zoo_oracle, tmp_path):
    source_path = harness.ROOT / "tests" / "zoo" / f"{name}.py"
    result = unscope.migrate_source(source_path.read_text(), mode="native", path=str(source_path))
    assert result.error is None and result.changed
    assert forbidden(native_part(result.code)) is None  # public names keep their TF1 text beside
    assert unscope.migrate_source(result.code, mode="native", path=str(source_path)).code == result.code
    build_class = {c["function"]: c["class"] for c in result.classes}["build"]
    out = tmp_path / f"{name}_native.py"
    out.write_text(result.code)
    module = _load(out, f"native_{name}")
    model = getattr(module, build_class)()
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model(**inputs)
    harness.assert_matches_tf1(model, inputs, zoo_oracle, name, ordered=False)


def test_textbook_case_becomes_one_shared_variable():
    source = (
        "import tensorflow.compat.v1 as tf\n\n"
        "def f(x):\n"
        "    with tf.variable_scope('my_scope'):\n"
        "        a = tf.get_variable('my_var', [], initializer=tf.constant_initializer(2.0))\n"
        "    with tf.variable_scope('my_scope', reuse=True):\n"
        "        b = tf.get_variable('my_var', [])\n"
        "    return x * a + b\n")
    result = unscope.migrate_source(source, mode="native")
    assert forbidden(native_part(result.code)) is None  # public names keep their TF1 text beside
    namespace = {}
    exec(compile(result.code, "<native>", "exec"), namespace)
    module = namespace[{c["function"]: c["class"] for c in result.classes}["f"]]()
    assert float(module(tf.constant(3.0))) == 8.0
    assert [v.name for v in module.variables] == ["my_scope/my_var:0"]


@pytest.mark.slow
def test_vendor_makes_output_need_only_tensorflow(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "net.py").write_text((harness.ROOT / "tests" / "zoo" / "siamese.py").read_text())
    proc = subprocess.run([sys.executable, "-m", "unscope", "migrate", "--mode", "native",
                           "--vendor", str(src), str(src / "net.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    code = (src / "net.py").read_text()
    assert "import unscope_nn as nn" in code and "unscope" not in code.replace("unscope_nn", "")
    check = ("import sys, tensorflow as tf; sys.modules['unscope'] = None; import net;"
             "m = net.Build(); y = m(**{k: tf.constant(v) for k, v in net.INPUTS.items()});"
             "print(sorted(v.name for v in m.variables))")
    run = subprocess.run([sys.executable, "-c", check], cwd=src, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "tower/fc1/kernel:0" in run.stdout


def test_bundled_example_migrates_natively_and_equals_the_runtime():
    """examples/tf1_project: a scope-level regularizer over an AUTO_REUSE embedding, blocks of
    layer_norm/dense/dropout and a dense head - every function becomes a class, and with the
    same weights the outputs and the regularization loss equal the TF1 code on the runtime."""
    from tests.native.programs import value_for
    from tests.zoo.shim import tf as tf1

    path = harness.ROOT / "examples" / "tf1_project" / "model.py"
    source = path.read_text()
    result = unscope.migrate_source(source, mode="native")
    assert not [f for f in result.findings if f.verdict == "compat"], result.findings
    classes = {c["function"]: c["class"] for c in result.classes}
    assert sorted(classes) == ["block", "classifier", "embed"]
    assert "variable_scope" not in code_only(native_part(result.code)) and "tf.layers" not in result.code

    tokens = tf.constant(np.arange(48).reshape(4, 12) % 50, tf.int32)
    namespace = {"tf": tf1}
    exec(compile(source.replace("import tensorflow as tf", ""), str(path), "exec"), namespace)
    old = unscope.track(namespace["classifier"], name="classifier")
    new_ns = {}
    exec(compile(result.code, "<native>", "exec"), new_ns)
    new = new_ns[classes["classifier"]]()
    outputs = []
    for model in (old, new):
        model(tokens)
        for v in model.variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        outputs.append((sorted(v.name for v in model.variables), model(tokens).numpy(),
                        float(tf.add_n(model.regularization_losses))))
    (old_names, old_out, old_reg), (new_names, new_out, new_reg) = outputs
    assert new_names == old_names and len(new_names) == 15
    np.testing.assert_allclose(new_out, old_out, rtol=1e-5, atol=1e-6)
    assert old_reg > 0
    np.testing.assert_allclose(new_reg, old_reg, rtol=1e-5)


def test_example_native_is_pure_tf2_and_training_is_a_call_argument(tmp_path):
    source_path = harness.ROOT / "examples" / "tf1_project" / "model.py"
    result = unscope.migrate_source(source_path.read_text(), mode="native", path=str(source_path))
    assert result.error is None and not result.findings
    assert forbidden(native_part(result.code)) is None  # public names keep their TF1 text beside
    # only `from unscope import nn` remains, besides the runtime the kept public TF1 text runs on
    assert "import unscope\n" not in result.code or kept_functions(result.code)
    classes = {c["function"]: c for c in result.classes}
    assert classes["classifier"]["call_args"] == ["tokens", "training"]
    out = tmp_path / "example_native.py"
    out.write_text(result.code)
    module = _load(out, "example_native")
    model = getattr(module, classes["classifier"]["class"])()
    tokens = tf.constant(np.arange(24, dtype=np.int32).reshape(2, 12) % 50)
    tf.random.set_seed(0)
    train = model(tokens, training=True)
    names = [v.name for v in model.variables]
    evaluation = model(tokens, training=False)
    assert [v.name for v in model.variables] == names  # one set of variables for both modes
    assert train.shape == evaluation.shape == (2, 3)
    assert len(model.regularization_losses) == 15  # scope regularizer on every variable, as TF1


def test_nn_regularizers_equal_contrib_ones():
    from unscope import nn
    from unscope.contrib import layers as contrib

    w = tf.constant([[1.5, -2.0], [0.25, 3.0]])
    for name, args in (("l1_regularizer", (0.1,)), ("l2_regularizer", (0.01,)),
                       ("l1_l2_regularizer", (0.1, 0.01))):
        ours, theirs = getattr(nn, name)(*args)(w), getattr(contrib, name)(*args)(w)
        np.testing.assert_allclose(float(ours), float(theirs), rtol=1e-6)
    assert nn.l2_regularizer(0.0)(w) is None
    with pytest.raises(ValueError, match="cannot be an integer"):
        nn.l2_regularizer(1)
    with pytest.raises(ValueError, match="less than 0"):
        nn.l1_regularizer(-0.5)
