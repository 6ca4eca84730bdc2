"""The bundled example's training scripts, migrated natively as a project, train as TF1 did.

``model.py`` becomes ``class Classifier`` and both training scripts build it once; the
regularization-loss collection becomes ``classifier.regularization_losses``.  TF1 is the
oracle: ``train_tf1.py`` runs untouched in TF1 graph mode and writes a TF1 checkpoint;
``finetune_tf1.py`` (TF1) and its migration both resume from it and must print the same
losses, end at the same step and weights, and trace their train step once.
"""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "examples" / "tf1_project"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("example")
    native = tmp / "native"
    done = subprocess.run([sys.executable, "-m", "unscope", "migrate", "--mode", "native", str(PROJECT),
                           "--out", str(native)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    tf1 = ["-m", "unscope.verify.run_tf1"]
    _run(tf1 + [str(PROJECT / "train_tf1.py"), str(tmp / "tf1" / "model")], tmp)
    start = tmp / "tf1" / "model"
    return {"native": native, "tmp": tmp,
            "tf1": _run(tf1 + [str(PROJECT / "finetune_tf1.py"), str(start), str(tmp / "tf1_ft" / "model")], tmp),
            "tf2": _run(["-c", _COUNTING, str(native / "finetune_tf1.py"), str(start),
                         str(tmp / "tf2_ft" / "model")], native),
            "tf2_train": _run([str(native / "train_tf1.py"), str(tmp / "tf2" / "model")], native)}


def test_both_scripts_become_eager_programs_building_the_imported_class(runs):
    for script in ("train_tf1.py", "finetune_tf1.py"):
        code = (runs["native"] / script).read_text()
        for tf1_only in ("Session(", "tf.placeholder", "get_collection", "compat.v1", "sess."):
            assert tf1_only not in code, (script, tf1_only)
        assert "from model import CLASSES, VOCAB, Classifier\n" in code
        assert code.count("classifier = Classifier()") == 1
        assert "loss += tf.add_n(classifier.regularization_losses)" in code
    assert "tf.random.set_seed(0)" in (runs["native"] / "train_tf1.py").read_text()


def test_resuming_the_tf1_checkpoint_gives_tf1s_losses_step_and_weights(runs):
    tf1, tf2 = _values(runs["tf1"], "loss"), _values(runs["tf2"], "loss")
    assert len(tf1) == 10
    np.testing.assert_allclose(tf2, tf1, rtol=1e-5)
    assert _values(runs["tf1"], "step") == _values(runs["tf2"], "step") == [30.0]  # 20 + 10
    assert _traces(runs["tf2"]).get("train_step") == 1
    reader = tf.train.load_checkpoint(str(runs["tmp"] / "tf1_ft" / "model"))
    saved = tf.train.load_checkpoint(str(runs["tmp"] / "tf2_ft" / "model"))
    weights = [n for n in reader.get_variable_to_shape_map()
               if n.startswith("classifier/") and "Adam" not in n]
    keys = [k for k in saved.get_variable_to_shape_map()
            if k.startswith("model/") and k.endswith("/.ATTRIBUTES/VARIABLE_VALUE")]
    assert len(weights) == len(keys) == 15  # table, 2 blocks x (LayerNorm 2 + 2 dense x 2), logits 2
    for name in weights:
        value = reader.get_tensor(name)
        assert any(saved.get_tensor(k).shape == value.shape
                   and np.allclose(saved.get_tensor(k), value, rtol=1e-5, atol=1e-7) for k in keys), name


def test_the_migrated_training_script_trains_eagerly(runs):
    # Dropout is on in train_tf1.py: TF2 draws other masks than TF1, so only the run is checked.
    line = runs["tf2_train"].strip().splitlines()[-1]
    assert line.startswith("final loss ") and np.isfinite(float(line.split()[2].rstrip(",")))
    saved = tf.train.load_checkpoint(str(runs["tmp"] / "tf2" / "model"))
    assert int(saved.get_tensor("global_step/.ATTRIBUTES/VARIABLE_VALUE")) == 20
