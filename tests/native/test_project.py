"""Native mode over a whole project: tests/native/project/pkg (layers.py / model.py / train.py,
TF1 code whose callers live in other files) migrated with ``migrate_paths``.

No name another file imports may vanish: every migrated file imports in a fresh process, and
the migrated training code computes what the TF1 original computes in TF1 graph mode (names,
shapes, loss, gradients); the classes made beside the kept names equal TF1 too.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.native.programs import value_for
from unscope.migrate.runner import migrate_paths
from unscope.native.exports import imported_names

PROJECT = Path(__file__).parent / "project"
A = np.linspace(-1.0, 1.0, 12, dtype="float32").reshape(3, 4)
B = np.cos(np.arange(12, dtype="float32")).reshape(3, 4)
LABELS = np.array([1.0, 0.0, 1.0], dtype="float32")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    src = root / "src"
    shutil.copytree(PROJECT, src)
    out = root / "out"
    report = migrate_paths([src / "pkg"], mode="native", out=str(out / "pkg"), jobs=1)
    assert report.failures == []
    return src, out, report


def _fresh_import(root: Path, module: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.getcwd()]), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                          env=env, timeout=120)


def _purge():
    for name in [n for n in sys.modules if n == "pkg" or n.startswith("pkg.")]:
        del sys.modules[name]


def _import_from(root: Path, module: str):
    import importlib

    _purge()
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(root))


def test_pre_pass_finds_every_spelling_of_import():
    found = imported_names(sorted((PROJECT / "pkg").glob("*.py")))
    by_file = {Path(k).name: v for k, v in found.items()}
    # from .layers import fc (relative), pkg.layers.fc (import pkg.layers)
    assert "fc" in by_file["layers.py"]
    # from pkg.model import siamese, from pkg import model as net; net.embed
    assert {"siamese", "embed"} <= by_file["model.py"]
    assert "train.py" not in by_file  # nothing imports from train.py
    assert "tower" not in by_file["model.py"]


def test_every_migrated_file_imports_in_a_fresh_process(migrated):
    src, out, _ = migrated
    for module in ("pkg.layers", "pkg.model", "pkg.train"):
        proc = _fresh_import(out, module)
        assert proc.returncode == 0, f"{module}: {proc.stderr[-2000:]}"


def test_files_migrated_one_by_one_still_import(migrated, tmp_path):
    """Without the pre-pass (each file alone) no public name vanishes either: every public
    variable-making function keeps its TF1 text beside its class."""
    from unscope.migrate.runner import migrate_file

    src, _, _ = migrated
    out = tmp_path / "alone"
    shutil.copytree(src, out)
    for path in sorted((out / "pkg").glob("*.py")):
        assert migrate_file(str(path), "native").failure is None
    for module in ("pkg.layers", "pkg.model", "pkg.train"):
        proc = _fresh_import(out, module)
        assert proc.returncode == 0, f"{module}: {proc.stderr[-2000:]}"


def test_kept_names_stand_beside_their_classes(migrated):
    _, out, report = migrated
    classes = {c["function"]: c["class"] for f in report.files for c in f.classes}
    # tower calls layers.fc of another file: it builds that file's class (and siamese its
    # Tower); train.py's build_loss builds Siamese, Embed and Fc of the other two files
    assert classes == {"fc": "Fc", "embed": "Embed", "tower": "Tower", "siamese": "Siamese",
                       "build_loss": "BuildLoss"}
    layers = (out / "pkg" / "layers.py").read_text()
    model = (out / "pkg" / "model.py").read_text()
    assert "class Fc(nn.Module)" in layers and "\ndef fc(x, units, scope, reuse=False):" in layers
    assert "class Embed(nn.Module)" in model and "\ndef embed(x):" in model
    # the second run over the output changes nothing (the kept TF1 text is recognised)
    again = migrate_paths([out / "pkg"], mode="native", action="check", jobs=1)
    assert again.failures == [] and not any(f.changed for f in again.files)


def _tf1_training(src: Path):
    """TF1 graph mode: the original pkg.train.build_loss, variables set by name."""
    import tensorflow as tf

    train = _import_from(src, "pkg.train")
    try:
        with tf.Graph().as_default():
            loss = train.build_loss(tf.constant(A), tf.constant(B), tf.constant(LABELS))
            variables = tf.compat.v1.global_variables()
            grads = tf.gradients(loss, variables)
            with tf.compat.v1.Session() as sess:
                for v in variables:
                    v.load(value_for(v.name, v.shape.as_list()), sess)
                loss_value, grad_values = sess.run([loss, grads])
        return ({v.name: v.shape.as_list() for v in variables}, loss_value,
                {v.name: g for v, g in zip(variables, grad_values)})
    finally:
        _purge()


def test_migrated_training_code_equals_tf1(migrated):
    import tensorflow as tf

    import unscope

    src, out, _ = migrated
    shapes, loss_tf1, grads_tf1 = _tf1_training(src)
    train = _import_from(out, "pkg.train")
    try:
        model = unscope.track(train.build_loss, name="build_loss")
        model(tf.constant(A), tf.constant(B), tf.constant(LABELS))
        assert {v.name: v.shape.as_list() for v in model.variables} == shapes
        for v in model.variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        with tf.GradientTape() as tape:
            loss = model(tf.constant(A), tf.constant(B), tf.constant(LABELS))
        grads = tape.gradient(loss, model.trainable_variables)
    finally:
        _purge()
    np.testing.assert_allclose(loss.numpy(), loss_tf1, rtol=1e-5)
    for v, g in zip(model.trainable_variables, grads):
        np.testing.assert_allclose(g.numpy(), grads_tf1[v.name], rtol=1e-4, atol=1e-6, err_msg=v.name)


def test_new_classes_equal_tf1(migrated):
    """The native form next to a kept name: ``Embed()`` and ``Fc("head")`` equal TF1's functions."""
    import tensorflow as tf

    src, out, _ = migrated
    layers_tf1 = _import_from(src, "pkg.layers")
    model_tf1 = _import_from(src, "pkg.model")
    with tf.Graph().as_default():
        x = tf.constant(A)
        y = layers_tf1.fc(model_tf1.embed(x), 3, "head")
        variables = tf.compat.v1.global_variables()
        with tf.compat.v1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            expected = sess.run(y)
    tf1_shapes = {v.name: v.shape.as_list() for v in variables}
    layers = _import_from(out, "pkg.layers")
    model = _import_from(out, "pkg.model")
    try:
        embed, head = model.Embed(), layers.Fc("head")
        got = head(embed(tf.constant(A)), 3)
        variables = embed.variables + head.variables
        assert {v.name: v.shape.as_list() for v in variables} == tf1_shapes
        for v in variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        got = head(embed(tf.constant(A)), 3)
    finally:
        _purge()
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5)


def test_a_module_builds_the_class_another_file_made(migrated):
    """model.py's tower calls fc of layers.py: ``Siamese()`` holds a Tower that builds
    ``layers.Fc`` (imported beside ``fc``) and equals TF1's siamese - names, output, gradients."""
    import tensorflow as tf

    src, out, _ = migrated
    text = (out / "pkg" / "model.py").read_text()
    assert "from .layers import fc\nfrom .layers import Fc\n" in text
    assert 'self.fc1 = Fc(f"{name}/fc1")' in text
    model_tf1 = _import_from(src, "pkg.model")
    with tf.Graph().as_default():
        a, b = tf.constant(A), tf.constant(B)
        y = model_tf1.siamese(a, b)
        variables = tf.compat.v1.global_variables()
        grads = tf.gradients(tf.reduce_sum(y), variables)
        with tf.compat.v1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            expected, expected_grads = sess.run([y, grads])
    tf1 = {v.name: (v.shape.as_list(), g) for v, g in zip(variables, expected_grads)}
    model = _import_from(out, "pkg.model")
    try:
        siamese = model.Siamese()
        siamese(tf.constant(A), tf.constant(B))
        assert {v.name: v.shape.as_list() for v in siamese.variables} == {k: s for k, (s, _) in tf1.items()}
        for v in siamese.variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        with tf.GradientTape() as tape:
            got = siamese(tf.constant(A), tf.constant(B))
            total = tf.reduce_sum(got)
        grads = tape.gradient(total, siamese.trainable_variables)
    finally:
        _purge()
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5)
    for v, g in zip(siamese.trainable_variables, grads):
        np.testing.assert_allclose(g.numpy(), tf1[v.name][1], rtol=1e-4, atol=1e-6, err_msg=v.name)


def test_the_training_code_builds_the_classes_of_the_other_files(migrated):
    """train.py's ``BuildLoss`` holds model.py's Siamese (no scope of its own: built at the
    top level, as TF1 called it) and Embed and layers.py's Fc; it equals TF1's build_loss."""
    import tensorflow as tf

    src, out, _ = migrated
    text = (out / "pkg" / "train.py").read_text()
    assert "from pkg.model import siamese\nfrom pkg.model import Siamese\n" in text
    assert "self.siamese = Siamese()" in text and 'self.head = pkg.layers.Fc("head")' in text
    shapes, loss_tf1, grads_tf1 = _tf1_training(src)
    train = _import_from(out, "pkg.train")
    try:
        model = train.BuildLoss()
        model(tf.constant(A), tf.constant(B), tf.constant(LABELS))
        assert {v.name: v.shape.as_list() for v in model.variables} == shapes
        for v in model.variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        with tf.GradientTape() as tape:
            loss = model(tf.constant(A), tf.constant(B), tf.constant(LABELS))
        grads = tape.gradient(loss, model.trainable_variables)
    finally:
        _purge()
    np.testing.assert_allclose(loss.numpy(), loss_tf1, rtol=1e-5)
    assert len(grads) == len(grads_tf1)
    for v, g in zip(model.trainable_variables, grads):
        np.testing.assert_allclose(g.numpy(), grads_tf1[v.name], rtol=1e-4, atol=1e-6, err_msg=v.name)
