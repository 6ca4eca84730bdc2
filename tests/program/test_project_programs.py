"""Session programs whose model functions build another file's function, migrated as a tree.

tests/program/project/ is a small 2018-style project: ``model.py`` (a block with its own
``variable_scope``), ``blocks.py`` (the same block, kept in TF1 form: it uses a collection)
and three training scripts whose ``head`` builds the block of the other file, called on an
``encoder``'s output (``h = encoder(x); pred = head(h)`` and ``head(encoder(x))``), printing
``sess.run([...])`` lists without unpacking them.  The tree goes through the CLI
(``unscope migrate --mode native --out OUT DIR``).  TF1 is the oracle: each untouched script
runs in TF1 graph mode, the migrated one as it is, both from one TF1 checkpoint; every printed
line (numbers at rtol 1e-5, the rest verbatim), the step and the final weights must agree, and
each ``tf.function`` is traced once.  The script whose block stays TF1 must stay a TF1 program
with a finding naming the call - before, it became an eager program that made the block's
variables inside the train step ("Variable head/block/fc1/kernel already exists").
"""
import contextlib
import io
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.program.test_classifier_program import _COUNTING, _run, _traces
from unscope.cli import main

PROJECT = Path(__file__).parent / "project"
NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("project")
    source, out = tmp / "src", tmp / "out"
    shutil.copytree(PROJECT, source)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["migrate", "--mode", "native", "--out", str(out), str(source)])
    (tmp / "init").mkdir()  # the first weights: the three scripts make the same variables
    _run(["-m", "unscope.verify.run_tf1", "train_attribute.py", str(tmp / "init"), "0"], source)
    return tmp, source, out, code, err.getvalue()


def _printed(out):
    return "\n".join(line for line in out.splitlines() if not line.startswith("traced "))


def _numbers(out):
    return [float(n) for n in NUMBER.findall(out)]


def _shape(out):
    """The printed text with every number blanked: the lines' form, compared verbatim."""
    return [NUMBER.sub("#", line) for line in out.splitlines() if not line.startswith("traced ")]


def _train(tmp, source, migrated, name):
    """TF1 and the migrated script, 10 steps each from one TF1 checkpoint of the first weights."""
    for sub in (f"{name}_tf1", f"{name}_tf2"):
        (tmp / sub).mkdir()
    start = str(tmp / "init" / "model-0")
    one = _run(["-m", "unscope.verify.run_tf1", f"{name}.py", str(tmp / f"{name}_tf1"), "10", start], source)
    two = _run(["-c", _COUNTING, f"{name}.py", str(tmp / f"{name}_tf2"), "10", start], migrated)
    return one, two


def _assert_same_weights(tf1_dir, tf2_dir):
    reader = tf.train.load_checkpoint(str(tf1_dir / "model-10"))
    saved = tf.train.load_checkpoint(str(tf2_dir / "model-10"))
    names = [n for n in reader.get_variable_to_shape_map()
             if n != "global_step" and "Adam" not in n and "power" not in n]
    keys = [k for k in saved.get_variable_to_shape_map()
            if k.startswith("model/") and k.endswith("/.ATTRIBUTES/VARIABLE_VALUE")]
    assert sorted(names) == ["encoder/proj/bias", "encoder/proj/kernel", "head/block/fc1/bias",
                             "head/block/fc1/kernel", "head/block/fc2/bias", "head/block/fc2/kernel"]
    assert len(keys) == len(names)
    for name in names:
        value = reader.get_tensor(name)
        assert any(saved.get_tensor(k).shape == value.shape
                   and np.allclose(saved.get_tensor(k), value, rtol=1e-5, atol=1e-7) for k in keys), name


@pytest.mark.parametrize("name, texts", [
    ("train_attribute", ("self.block = model.DenseBlock(", "head(encoder(tf.zeros([1, 4], tf.float32)))",
                         "print([value.numpy() for value in compute_loss_mean_pred(")),
    ("train_from_import", ("from model import DenseBlock", "head(encoder(tf.zeros([1, 4], tf.float32)))",
                           "print([None, train_step(xb, yb).numpy()])")),
])
def test_program_building_another_files_block_trains_as_tf1(tree, name, texts):
    tmp, source, out, _, _ = tree
    code = (out / f"{name}.py").read_text()
    assert "Session" not in code and "placeholder" not in code, code
    for text in texts:
        assert text in code, text
    one, two = _train(tmp, source, out, name)
    assert len([line for line in one.splitlines() if "loss" in line or line.startswith("[None")]) >= 10
    assert _shape(two) == _shape(one)           # the same lines: [None, ...] lists, step, ...
    np.testing.assert_allclose(_numbers(_printed(two)), _numbers(one), rtol=1e-5)
    assert len(set(_numbers(one))) > 5          # the losses moved: the block was trained
    traces = {k: v for k, v in _traces(two).items() if k.startswith(("train_step", "compute_"))}
    assert "train_step" in traces and all(count == 1 for count in traces.values()), traces
    _assert_same_weights(tmp / f"{name}_tf1", tmp / f"{name}_tf2")


def test_program_whose_block_stays_tf1_stays_a_tf1_program(tree):
    tmp, source, out, _, err = tree
    assert ("train_kept.py:31:12: head: manual: the Session program is kept in TF1 form: `head` may "
            "make TF1 variables and is no model class the program builds once") in err, err
    migrated = (out / "train_kept.py").read_text()
    assert "tf.compat.v1.Session()" in migrated and "disable_v2_behavior()" in migrated
    one, two = _train(tmp, source, out, "train_kept")
    assert _shape(two) == _shape(one) and len(_numbers(one)) >= 12
    np.testing.assert_allclose(_numbers(two), _numbers(one), rtol=1e-5)


def test_block_called_through_its_module_keeps_the_program_tf1(tree):
    _, _, out, _, err = tree
    assert ("train_direct.py:17:12: model.dense_block: manual: the Session program is kept in TF1 "
            "form: `model.dense_block` may make TF1 variables and is no model class") in err, err
    assert "tf.compat.v1.Session()" in (out / "train_direct.py").read_text()
