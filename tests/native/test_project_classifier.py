"""A model class of another file whose constructor builds the graph (tests/native/project/
classifier: model.py's BERT-shaped ``Encoder``, train.py's ``create_model`` as in BERT's
run_classifier.py), migrated as a tree.

model.py's ``Encoder.__init__`` is lifted into ``EncoderNet`` plus an ``Encoder`` owner taking
``net=``; train.py's ``create_model`` becomes ``CreateModel``, which builds the module once and
the owner around it at each call.  Every file imports in a fresh process, and the variables
(TF1's ``bert/...`` beside the caller's own), outputs and gradients equal TF1 graph mode.
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

PROJECT = Path(__file__).parent / "project" / "classifier"
IDS = np.array([[1, 4, 9], [3, 0, 10]], dtype="int32")
MASK = np.array([[1, 1, 0], [1, 1, 1]], dtype="int32")
LABELS = np.array([2, 0], dtype="int32")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("classifier")
    src, out = root / "src", root / "out"
    shutil.copytree(PROJECT, src / "classifier")
    report = migrate_paths([src / "classifier"], mode="native", out=str(out / "classifier"), jobs=1)
    assert report.failures == []
    return src, out, report


def _purge():
    for name in [n for n in sys.modules if n == "classifier" or n.startswith("classifier.")]:
        del sys.modules[name]


def _import_from(root: Path, module: str):
    import importlib

    _purge()
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(root))


def test_the_caller_builds_the_module_once_and_the_class_around_it(tree):
    _, out, report = tree
    train = (out / "classifier" / "train.py").read_text()
    assert "self.bert = modeling.EncoderNet(config=config)" in train
    assert "input_mask=input_mask, net=self.bert)" in train
    assert "def create_model(" in train   # kept, as TF1 code, for callers elsewhere
    rows = {fn["name"]: fn["verdict"] for o in report.files if o.details for fn in o.details.get("functions", ())}
    assert all(v == "native" for v in rows.values()), rows


def test_every_migrated_file_imports_in_a_fresh_process(tree):
    _, out, _ = tree
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(out), os.getcwd()]), "TF_CPP_MIN_LOG_LEVEL": "3"}
    for module in ("classifier", "classifier.model", "classifier.train"):
        proc = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                              env=env, timeout=120)
        assert proc.returncode == 0, f"{module}: {proc.stderr[-2000:]}"


def _tf1(src: Path):
    import tensorflow as tf

    train = _import_from(src, "classifier.train")
    model = sys.modules["classifier.model"]
    try:
        with tf.Graph().as_default():
            loss, logits = train.create_model(model.Config(), True, tf.constant(IDS), tf.constant(MASK),
                                              tf.constant(LABELS), 3)
            variables = tf.compat.v1.global_variables()
            grads = [tf.convert_to_tensor(g) for g in tf.gradients(loss, variables)]   # gather: dense
            with tf.compat.v1.Session() as sess:
                for v in variables:
                    v.load(value_for(v.name, v.shape.as_list()), sess)
                values = sess.run([loss, logits, grads])
        return {v.name: v.shape.as_list() for v in variables}, values
    finally:
        _purge()


def test_the_migrated_classifier_equals_tf1(tree):
    import tensorflow as tf

    src, out, _ = tree
    shapes, (loss_tf1, logits_tf1, grads_tf1) = _tf1(src)
    assert "bert/embeddings/word_embeddings:0" in shapes and "output_weights:0" in shapes
    train = _import_from(out, "classifier.train")
    model = sys.modules["classifier.model"]
    try:
        head = train.CreateModel(model.Config())
        head(True, tf.constant(IDS), tf.constant(MASK), tf.constant(LABELS), 3)
        assert {v.name: v.shape.as_list() for v in head.variables} == shapes
        for v in head.variables:
            v.assign(value_for(v.name, v.shape.as_list()))

        @tf.function
        def step(ids, mask, labels):
            with tf.GradientTape() as tape:
                loss, logits = head(True, ids, mask, labels, 3)
            return loss, logits, tape.gradient(loss, head.trainable_variables)

        loss, logits, grads = step(tf.constant(IDS), tf.constant(MASK), tf.constant(LABELS))
        eager_loss, _ = head(True, tf.constant(IDS), tf.constant(MASK), tf.constant(LABELS), 3)
        assert len(head.variables) == len(shapes)   # later calls share the first call's variables
    finally:
        _purge()
    np.testing.assert_allclose(loss.numpy(), loss_tf1, rtol=1e-6)
    np.testing.assert_allclose(eager_loss.numpy(), loss_tf1, rtol=1e-6)
    np.testing.assert_allclose(logits.numpy(), logits_tf1, rtol=1e-6, atol=1e-7)
    order = list(shapes)
    assert len(grads) == len(order)
    for v, g in zip(head.trainable_variables, grads):
        np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), grads_tf1[order.index(v.name)], rtol=1e-5, atol=1e-7, err_msg=v.name)
